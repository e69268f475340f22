package web

import (
	"bytes"
	"image"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"guichet/internal/identity"
)

// tinyPNG is a real 3 × 2 PNG picture.
func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rsaTutorial starts a tutorial of the RSA as the CAF's owner and returns
// its address in their space.
func rsaTutorial(t *testing.T, cs *catalogueServer) string {
	t.Helper()
	owner := string(identity.RoleProcedureOwner)
	rec := cs.post("/espace/caf/demarches/rsa/tutoriels", owner, url.Values{"title": {"Demander le RSA en ligne"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("new tutorial: %d %s", rec.Code, rec.Body)
	}
	return rec.Header().Get("Location")
}

func TestOwnerWritesATutorialThePublicReadsStepByStep(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	owner := string(identity.RoleProcedureOwner)
	base := rsaTutorial(t, cs)
	pic := tinyPNG(t)

	// A picture without its description, and an SVG, are refused with
	// what was typed kept.
	rec := cs.postPage(base+"/etapes", owner, url.Values{"body": {"Cliquez sur Se connecter."}}, "picture", "capture.png", pic)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Décrivez l&#39;image") ||
		!strings.Contains(rec.Body.String(), "Cliquez sur Se connecter.") {
		t.Fatalf("picture without alt: %d", rec.Code)
	}
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)
	rec = cs.postPage(base+"/etapes", owner, url.Values{"body": {"x"}, "alt": {"Un dessin"}}, "picture", "dessin.png", svg)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "ni une photo JPEG ni une image PNG") {
		t.Fatalf("svg: %d", rec.Code)
	}
	// A body over the route's limit says the picture is too heavy.
	big := append(append([]byte{}, pic...), make([]byte, maxTutorialStepBody)...)
	if rec = cs.postPage(base+"/etapes", owner, url.Values{"body": {"x"}, "alt": {"y"}}, "picture", "big.png", big); rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("too heavy: %d", rec.Code)
	}
	for _, step := range []struct {
		form url.Values
		pic  []byte
	}{
		{url.Values{"body": {"Cliquez sur Se connecter."}, "alt": {"Le bouton Se connecter, en haut à droite"}}, pic},
		{url.Values{"body": {"Écrivez vos ressources."}, "video_url": {"https://video.exemple.fr/rsa"},
			"transcript": {"La conseillère montre la case des ressources."}}, nil},
	} {
		field := ""
		if step.pic != nil {
			field = "picture"
		}
		if rec := cs.postPage(base+"/etapes", owner, step.form, field, "capture.png", step.pic); rec.Code != http.StatusSeeOther {
			t.Fatalf("step: %d %s", rec.Code, rec.Body)
		}
	}
	// Not published yet: the public neither sees it nor reaches it.
	id := base[strings.LastIndex(base, "/")+1:]
	public := "/demarches/rsa/tutoriels/" + id
	if rec := cs.get(public, ""); rec.Code != http.StatusNotFound {
		t.Fatalf("unpublished tutorial: %d", rec.Code)
	}
	if rec := cs.post(base+"/publier", owner, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", rec.Code, rec.Body)
	}
	page := cs.get("/demarches/rsa", "").Body.String()
	if !strings.Contains(page, "Comment faire, pas à pas") || !strings.Contains(page, `href="/demarches/rsa/tutoriels/`+id+`"`) {
		t.Fatal("the procedure's page does not link its tutorial")
	}
	body := cs.get(public, "").Body.String()
	for _, want := range []string{`alt="Le bouton Se connecter, en haut à droite"`, `width="3" height="2"`,
		"La conseillère montre la case des ressources.", `href="https://video.exemple.fr/rsa"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the tutorial lacks %s", want)
		}
	}
	i := strings.Index(body, `src="/demarches/rsa/tutoriels/`)
	if i < 0 {
		t.Fatal("no picture on the tutorial")
	}
	src := body[i+5 : i+5+strings.Index(body[i+5:], `"`)]
	rec = cs.get(src, "")
	h := rec.Header()
	if rec.Code != http.StatusOK || h.Get("Content-Type") != "image/png" || h.Get("X-Content-Type-Options") != "nosniff" ||
		!strings.Contains(h.Get("Content-Security-Policy"), "sandbox") || !bytes.Equal(rec.Body.Bytes(), pic) {
		t.Fatalf("picture: %d %v", rec.Code, h)
	}
	// Another procedure's address does not reach it.
	if rec := cs.get(strings.Replace(src, "/rsa/", "/carte-vitale/", 1), ""); rec.Code != http.StatusNotFound {
		t.Fatalf("picture under another procedure: %d", rec.Code)
	}
	// An agent of the CAF is no owner, and the CPAM's space is not the CAF's.
	if rec := cs.post(base+"/retirer", string(identity.RoleAgent), nil); rec.Code != http.StatusForbidden {
		t.Fatalf("an agent withdraws: %d", rec.Code)
	}
	if rec := cs.get(strings.Replace(base, "/espace/caf/", "/espace/cpam/", 1), owner); rec.Code != http.StatusForbidden {
		t.Fatalf("the owner in another organisation's space: %d", rec.Code)
	}
	if rec := cs.post(base+"/retirer", owner, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", rec.Code)
	}
	if rec := cs.get(src, ""); rec.Code != http.StatusNotFound {
		t.Fatalf("picture of a withdrawn tutorial: %d", rec.Code)
	}
}
