package listening_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
	"guichet/internal/filestore"
	"guichet/internal/listening"
	"guichet/internal/testkit/demokit"
)

// pngPicture draws a small real PNG.
func pngPicture(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(1, 1, color.RGBA{200, 0, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func fieldsOf(err error) []string {
	var out []string
	for _, f := range errs.FieldsOf(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestTutorialStepsArePicturesWithAltOrVideosWithTranscript(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	db := dbtest.Open(t)
	ids := demokit.Identity(t, db, func() time.Time { return now })
	caf, err := ids.OrganisationBySlug(ctx, "caf")
	if err != nil {
		t.Fatal(err)
	}
	cpam, err := ids.OrganisationBySlug(ctx, "cpam")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	s := listening.New(db, listening.Options{Now: func() time.Time { return now }, Files: filestore.Dir(dir)})
	owner := listening.Moderator{OrgID: caf.ID}
	id, err := s.CreateTutorial(ctx, "rsa", "Demander le RSA en ligne", owner)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PublishTutorial(ctx, id, true, owner); !errs.Is(err, errs.Invalid) {
		t.Fatalf("publishing without a step: %v", err)
	}

	bad := []struct {
		name string
		in   listening.StepInput
		want string
	}{
		{"picture without alt", listening.StepInput{Body: "Ouvrez la page.", Picture: bytes.NewReader(pngPicture(t, 4, 3)), PictureName: "a.png"}, "alt"},
		{"svg with a script", listening.StepInput{Body: "Ouvrez la page.", Alt: "Une image", PictureName: "a.svg",
			Picture: strings.NewReader(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)}, "picture"},
		{"png header only", listening.StepInput{Body: "Ouvrez la page.", Alt: "Une image", PictureName: "a.png",
			Picture: strings.NewReader("\x89PNG\r\n\x1a\n<script>alert(1)</script>")}, "picture"},
		{"too heavy", listening.StepInput{Body: "Ouvrez la page.", Alt: "Une image", PictureName: "a.png",
			Picture: io.MultiReader(bytes.NewReader(pngPicture(t, 4, 3)), bytes.NewReader(make([]byte, listening.MaxPictureSize)))}, "picture"},
		{"video without transcript", listening.StepInput{Body: "Regardez.", VideoURL: "https://video.exemple.fr/rsa"}, "transcript"},
		{"video over http", listening.StepInput{Body: "Regardez.", VideoURL: "javascript:alert(1)", Transcript: "On voit la page."}, "video_url"},
		{"picture and video", listening.StepInput{Body: "Regardez.", Alt: "x", Picture: bytes.NewReader(pngPicture(t, 4, 3)),
			VideoURL: "https://video.exemple.fr/rsa", Transcript: "x"}, "video_url"},
		{"no text", listening.StepInput{}, "body"},
	}
	for _, c := range bad {
		err := s.AddStep(ctx, id, c.in, owner)
		if got := fieldsOf(err); !errs.Is(err, errs.Invalid) || len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: %v, fields %v; want one problem with %s", c.name, err, got, c.want)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Fatalf("refused steps left %d files behind", len(left))
	}
	// Every problem at once, in form order.
	err = s.AddStep(ctx, id, listening.StepInput{Picture: strings.NewReader("GIF89a"), PictureName: "x.gif"}, owner)
	if got := strings.Join(fieldsOf(err), ","); got != "body,picture,alt" {
		t.Fatalf("problems = %s, want body,picture,alt", got)
	}

	pic := pngPicture(t, 40, 30)
	if err := s.AddStep(ctx, id, listening.StepInput{Body: "Cliquez sur « Se connecter ».", Picture: bytes.NewReader(pic),
		PictureName: "capture.png", Alt: "Le bouton Se connecter, en haut à droite"}, owner); err != nil {
		t.Fatal(err)
	}
	if err := s.AddStep(ctx, id, listening.StepInput{Body: "Remplissez vos ressources.", VideoURL: "https://video.exemple.fr/rsa",
		Transcript: "La conseillère montre où écrire ses ressources."}, owner); err != nil {
		t.Fatal(err)
	}
	if err := s.AddStep(ctx, id, listening.StepInput{Body: "x"}, listening.Moderator{OrgID: cpam.ID}); !errs.Is(err, errs.NotFound) {
		t.Fatalf("a step from another organisation: %v", err)
	}
	// Unpublished: the public finds neither the tutorial nor its picture.
	if list, err := s.ProcedureTutorials(ctx, "rsa", 0); err != nil || len(list) != 0 {
		t.Fatalf("public list before publishing = %v, %v", list, err)
	}
	staff, err := s.TutorialByID(ctx, "rsa", id, caf.ID)
	if err != nil || len(staff.Steps) != 2 || !staff.Steps[0].HasPicture() || staff.Steps[0].Width != 40 {
		t.Fatalf("owner's view = %+v, %v", staff, err)
	}
	if _, _, err := s.OpenPicture(ctx, "rsa", id, staff.Steps[0].ID, 0); !errs.Is(err, errs.NotFound) {
		t.Fatalf("picture of an unpublished tutorial: %v", err)
	}
	if err := s.ChangeStep(ctx, id, staff.Steps[1].ID, listening.StepUp, owner); err != nil {
		t.Fatal(err)
	}
	if err := s.PublishTutorial(ctx, id, true, owner); err != nil {
		t.Fatal(err)
	}
	pub, err := s.TutorialByID(ctx, "rsa", id, 0)
	if err != nil || len(pub.Steps) != 2 || pub.Steps[0].VideoURL == "" || pub.Steps[1].Position != 2 || !pub.Published() {
		t.Fatalf("published = %+v, %v", pub, err)
	}
	if _, err := s.TutorialByID(ctx, "carte-vitale", id, 0); !errs.Is(err, errs.NotFound) {
		t.Fatalf("the tutorial under another procedure: %v", err)
	}
	st, rc, err := s.OpenPicture(ctx, "rsa", id, pub.Steps[1].ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if st.PictureType != listening.PicturePNG || !bytes.Equal(got, pic) {
		t.Fatalf("picture: %s, %d bytes", st.PictureType, len(got))
	}
	if err := s.ChangeStep(ctx, id, pub.Steps[1].ID, listening.StepDelete, owner); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Fatalf("a deleted step left its picture: %d files", len(left))
	}
}
