package web

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"

	"guichet/internal/errs"
	"guichet/internal/listening"
)

// Tutorials ("Comment faire, pas à pas"): a procedure's owners write them in
// their space, step by step; the public reads the published ones from the
// procedure's page.

// maxTutorialStepBody is what the form of a step may send: one picture and
// the longest texts.
const maxTutorialStepBody = listening.MaxPictureSize + 256<<10

// tutorialView is a tutorial as the public reads it, or as its owners
// preview it (ImageBase then points to their space).
type tutorialView struct {
	Page
	ProcedureTitle, ProcedureURL string
	Steps                        tutorialSteps
}

// tutorialSteps is what the partial listening-tutorial-steps draws: the
// steps, where their pictures are (Images + step id + "/image"), and for
// the owners the buttons that move and delete them (at Images + step id).
type tutorialSteps struct {
	T      listening.Tutorial
	Images string
	Tools  bool
}

func tutorialID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, errs.E(errs.NotFound, "Ce tutoriel n'existe pas.")
	}
	return id, nil
}

func (s *Server) tutorialPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.publishedProcedure(r)
	if err != nil {
		return err
	}
	id, err := tutorialID(r)
	if err != nil {
		return err
	}
	t, err := s.Listening.TutorialByID(r.Context(), p.Slug, id, 0)
	if err != nil {
		return err
	}
	v := tutorialView{Page: s.page(r, t.Title+" : pas à pas"), ProcedureTitle: p.Title, ProcedureURL: "/demarches/" + p.Slug,
		Steps: tutorialSteps{T: t, Images: fmt.Sprintf("/demarches/%s/tutoriels/%d/etapes/", p.Slug, t.ID)}}
	return s.render(w, http.StatusOK, "listening-tutorial", v)
}

// tutorialPicture sends a step's picture: of a published tutorial to
// anyone, of any of the organisation's tutorials to its owners (staff).
// Only JPEG and PNG pictures are ever stored; the headers keep a browser
// from guessing another type or running anything.
func (s *Server) tutorialPicture(staff bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		var slug string
		var orgID int64
		if staff {
			p, org, err := s.staffProcedureOf(r)
			if err != nil {
				return err
			}
			slug, orgID = p.Slug, org
		} else {
			p, err := s.publishedProcedure(r)
			if err != nil {
				return err
			}
			slug = p.Slug
		}
		id, err := tutorialID(r)
		stepID, serr := strconv.ParseInt(r.PathValue("step"), 10, 64)
		if err != nil || serr != nil {
			return errs.E(errs.NotFound, "Cette image n'existe pas.")
		}
		st, rc, err := s.Listening.OpenPicture(r.Context(), slug, id, stepID, orgID)
		if err != nil {
			return err
		}
		defer rc.Close()
		h := w.Header()
		h.Set("Content-Type", st.PictureType)
		h.Set("Content-Length", strconv.FormatInt(st.PictureSize, 10))
		h.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": fmt.Sprintf("etape-%d", st.Position)}))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
		if staff {
			h.Set("Cache-Control", "private, no-store")
		} else {
			h.Set("Cache-Control", "public, max-age=3600")
		}
		_, err = io.Copy(w, rc)
		return err
	}
}

// staffTutorialsView lists a procedure's tutorials for its owners, with the
// form that starts one.
type staffTutorialsView struct {
	Page
	ProcedureTitle, Base string
	Tutorials            []listening.Tutorial
	Form                 *Form
}

func (s *Server) staffTutorialsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderStaffTutorials(w, r, http.StatusOK, emptyForm())
}

func (s *Server) renderStaffTutorials(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	p, orgID, err := s.staffProcedureOf(r)
	if err != nil {
		return err
	}
	list, err := s.Listening.ProcedureTutorials(r.Context(), p.Slug, orgID)
	if err != nil {
		return err
	}
	title := "Tutoriels de la démarche « " + p.Title + " »"
	if !f.Valid() {
		title = "Erreur : " + title
	}
	v := staffTutorialsView{Page: s.page(r, title), ProcedureTitle: p.Title, Tutorials: list, Form: f,
		Base: "/espace/" + p.Org.Slug + "/demarches/" + p.Slug + "/tutoriels"}
	return s.render(w, status, "listening-staff-tutorials", v)
}

func (s *Server) createTutorial(w http.ResponseWriter, r *http.Request) error {
	p, orgID, err := s.staffProcedureOf(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	id, err := s.Listening.CreateTutorial(r.Context(), p.Slug, f.Get("title"), s.moderator(r, orgID))
	if f.FailWith(err) {
		return s.renderStaffTutorials(w, r, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/espace/%s/demarches/%s/tutoriels/%d", p.Org.Slug, p.Slug, id), http.StatusSeeOther)
	return nil
}

func (s *Server) moderator(r *http.Request, orgID int64) listening.Moderator {
	return listening.Moderator{UserID: currentUser(r).ID, OrgID: orgID, IP: s.clientIP(r)}
}

// staffTutorialView is a tutorial in its owners' hands: its steps with
// their buttons, the form of a new step, publication.
type staffTutorialView struct {
	Page
	ProcedureTitle, Base, List, PublicURL string
	Steps                                 tutorialSteps
	Form                                  *Form
	MaxPicture                            string
	Done                                  string
}

func (s *Server) staffTutorialPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderStaffTutorial(w, r, http.StatusOK, emptyForm())
}

func (s *Server) renderStaffTutorial(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	p, orgID, err := s.staffProcedureOf(r)
	if err != nil {
		return err
	}
	id, err := tutorialID(r)
	if err != nil {
		return err
	}
	t, err := s.Listening.TutorialByID(r.Context(), p.Slug, id, orgID)
	if err != nil {
		return err
	}
	title := "Tutoriel « " + t.Title + " »"
	if !f.Valid() {
		title = "Erreur : " + title
	}
	base := fmt.Sprintf("/espace/%s/demarches/%s/tutoriels/%d", p.Org.Slug, p.Slug, t.ID)
	v := staffTutorialView{Page: s.page(r, title), ProcedureTitle: p.Title, Base: base, Form: f,
		List: "/espace/" + p.Org.Slug + "/demarches/" + p.Slug + "/tutoriels", Steps: tutorialSteps{T: t, Images: base + "/etapes/", Tools: true},
		PublicURL: fmt.Sprintf("/demarches/%s/tutoriels/%d", p.Slug, t.ID), MaxPicture: sizeText(listening.MaxPictureSize),
		Done: r.URL.Query().Get("fait")}
	return s.render(w, status, "listening-staff-tutorial", v)
}

// addTutorialStep adds a step posted with its picture, if any. A body cut
// short by the route's limit says the picture is too heavy.
func (s *Server) addTutorialStep(w http.ResponseWriter, r *http.Request) error {
	p, orgID, err := s.staffProcedureOf(r)
	if err != nil {
		return err
	}
	id, err := tutorialID(r)
	if err != nil {
		return err
	}
	f, tooBig := parseUpload(r)
	if tooBig {
		f.Fail("picture", "L'image est trop lourde : "+sizeText(listening.MaxPictureSize)+" au plus. Réduisez-la, puis écrivez l'étape à nouveau.")
		return s.renderStaffTutorial(w, r, http.StatusRequestEntityTooLarge, f)
	}
	in := listening.StepInput{Body: f.Get("body"), Alt: f.Get("alt"), VideoURL: f.Get("video_url"), Transcript: f.Get("transcript")}
	if fh := uploaded(r, "picture"); fh != nil {
		file, err := fh.Open()
		if err != nil {
			return err
		}
		defer file.Close()
		in.Picture, in.PictureName = file, cleanFileName(fh.Filename)
	}
	err = s.Listening.AddStep(r.Context(), id, in, s.moderator(r, orgID))
	if f.FailWith(err) {
		return s.renderStaffTutorial(w, r, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/espace/%s/demarches/%s/tutoriels/%d?fait=etape#etapes", p.Org.Slug, p.Slug, id), http.StatusSeeOther)
	return nil
}

// cleanFileName keeps a picture's name short enough to be said in a message.
func cleanFileName(name string) string {
	r := []rune(name)
	if len(r) > 80 {
		r = r[:80]
	}
	return string(r)
}

// changeTutorial moves or deletes a step ({step} and {change}), or
// publishes or withdraws the tutorial ({change} without a step).
func (s *Server) changeTutorial(w http.ResponseWriter, r *http.Request) error {
	p, orgID, err := s.staffProcedureOf(r)
	if err != nil {
		return err
	}
	id, err := tutorialID(r)
	if err != nil {
		return err
	}
	m := s.moderator(r, orgID)
	done := r.PathValue("change")
	switch done {
	case "publier", "retirer":
		err = s.Listening.PublishTutorial(r.Context(), id, done == "publier", m)
	default:
		stepID, perr := strconv.ParseInt(r.PathValue("step"), 10, 64)
		if perr != nil {
			return errs.E(errs.NotFound, "Cette étape n'existe pas.")
		}
		err = s.Listening.ChangeStep(r.Context(), id, stepID, listening.StepChange(done), m)
	}
	f := emptyForm()
	if f.FailWith(err) {
		return s.renderStaffTutorial(w, r, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/espace/%s/demarches/%s/tutoriels/%d?fait=%s#etapes", p.Org.Slug, p.Slug, id, done), http.StatusSeeOther)
	return nil
}
