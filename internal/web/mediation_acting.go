package web

import (
	"context"
	"net/http"
	"strconv"

	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/mediation"
)

// acting is the mandate a mediator's session acts under, as this request
// found it. Problem is why it no longer lets them act (revoked, ended,
// mediator no longer of the structure), nil while it does.
type acting struct {
	M       *mediation.Mandate
	OrgName string
	OrgSlug string
	Problem error
}

type actingKey struct{}

// withActing reads, for a signed-in mediator, the mandate their session
// acts under and checks it as of now: every request of theirs goes through
// here, so that the banner and the refusals follow a revocation or an end
// at once.
func (s *Server) withActing(r *http.Request) (*http.Request, error) {
	u, sess := currentUser(r), currentSession(r)
	if u == nil || sess == nil || !u.HasRole(identity.RoleMediator) {
		return r, nil
	}
	m, err := s.Mediation.ActingOf(r.Context(), sess.ID, u.ID)
	if err != nil || m == nil {
		return r, err
	}
	a := &acting{M: m}
	if o, err := s.Identity.OrganisationByID(r.Context(), m.OrgID); err == nil {
		a.OrgName, a.OrgSlug = o.Name, o.Slug
	}
	switch {
	case !u.HasRoleIn(identity.RoleMediator, m.OrgID):
		a.Problem = errs.E(errs.Forbidden, "Vous n'êtes plus médiateur de la structure qui a reçu ce mandat : vous ne pouvez plus agir pour cette personne.")
	case !fullySignedIn(r):
		a.Problem = errs.E(errs.Forbidden, "Confirmez votre connexion avec votre code à usage unique pour agir pour cette personne.")
	default:
		switch m.StatusAt(s.Mediation.Now()) {
		case mediation.Revoked:
			a.Problem = errs.E(errs.Forbidden, "Le mandat de "+m.PersonName+" a été arrêté : vous ne pouvez plus agir pour cette personne.")
		case mediation.Expired:
			a.Problem = errs.E(errs.Forbidden, "Le mandat de "+m.PersonName+" n'est plus en cours : vous ne pouvez plus agir pour cette personne. Il peut être renouvelé avec elle.")
		}
	}
	return r.WithContext(context.WithValue(r.Context(), actingKey{}, a)), nil
}

// actingOf returns the mandate r acts under, nil when the person acts for
// themselves.
func actingOf(r *http.Request) *acting {
	a, _ := r.Context().Value(actingKey{}).(*acting)
	return a
}

// forPerson wraps the pages of a person's dossiers: a mediator acting for
// someone works on that person's dossiers, under the mandate checked
// again now, and the dossiers module attributes what they do to them and
// their structure. A mandate that no longer lets them act is refused
// (403) whatever the address.
func (s *Server) forPerson(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		a := actingOf(r)
		if a == nil {
			return h(w, r)
		}
		if a.Problem != nil {
			return a.Problem
		}
		ctx := dossiers.WithHelper(r.Context(), dossiers.Helper{MediatorID: currentUser(r).ID, OrgID: a.M.OrgID,
			MandateID: a.M.ID})
		return h(w, r.WithContext(ctx))
	}
}

// ownerID is whose dossiers r works on: the person a mediator acts for,
// or the signed-in person.
func ownerID(r *http.Request) int64 {
	if a := actingOf(r); a != nil && a.Problem == nil {
		return a.M.PersonUserID
	}
	return currentUser(r).ID
}

// inScope checks, when a mediator acts for someone, that their mandate
// lets them act on the procedure slug now: its category must be one the
// mandate covers (errs.Forbidden otherwise, with the reason in French).
func (s *Server) inScope(r *http.Request, slug string) error {
	a := actingOf(r)
	if a == nil {
		return nil
	}
	if a.Problem != nil {
		return a.Problem
	}
	cat, err := s.categoryOf(r.Context(), slug)
	if err != nil {
		return err
	}
	_, err = s.Mediation.Allows(r.Context(), a.M.ID, a.M.OrgID, mediation.Category(cat), s.Mediation.Now())
	return err
}

// categoryOf is the category of a published procedure; a procedure no
// longer published is in no mandate's scope.
func (s *Server) categoryOf(ctx context.Context, slug string) (string, error) {
	sn, err := s.Catalogue.Snapshot(ctx)
	if err != nil {
		return "", err
	}
	p, ok := sn.Procedure(slug)
	if !ok {
		return "", errs.E(errs.Forbidden, "Cette démarche n'est plus en ligne : vous ne pouvez pas la faire sous un mandat.")
	}
	return p.Category, nil
}

// actingPick is /espace/{org}/agir: the people with a mandate in force
// for the structure, each with a button "Agir pour …".
func (s *Server) actingPick(w http.ResponseWriter, r *http.Request) error {
	org, err := s.helpStructure(r)
	if err != nil {
		return err
	}
	list, err := s.Mediation.ActiveOfStructure(r.Context(), org.ID)
	if err != nil {
		return err
	}
	v := struct {
		Page
		Org      *identity.Organisation
		Mandates []mandateRow
	}{s.page(r, "Agir pour une personne"), org, s.mandateRows(r.Context(), list)}
	v.Notice = map[string]string{"arrete": "Vous n'agissez plus pour personne."}[r.URL.Query().Get("fait")]
	return s.render(w, http.StatusOK, "mediation-acting-pick", v)
}

// actingStart starts acting for the person of a mandate of the structure.
func (s *Server) actingStart(w http.ResponseWriter, r *http.Request) error {
	org, err := s.helpStructure(r)
	if err != nil {
		return err
	}
	id, err := mandateID(r)
	if err != nil {
		return err
	}
	if _, err := s.Mediation.StartActing(r.Context(), currentSession(r).ID, currentUser(r).ID, org.ID, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/mes-demarches", http.StatusSeeOther)
	return nil
}

// actingStop is "Arrêter d'agir pour …", from the banner of every page.
func (s *Server) actingStop(w http.ResponseWriter, r *http.Request) error {
	a := actingOf(r)
	if err := s.Mediation.StopActing(r.Context(), currentSession(r).ID, currentUser(r).ID); err != nil {
		return err
	}
	next := "/espace"
	if a != nil && a.OrgSlug != "" {
		next = "/espace/" + a.OrgSlug + "/agir?fait=arrete"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// actingBanner is what the banner of every page says while a mediator
// acts for someone.
type actingBanner struct {
	Person, Org string
	// Problem says why the mandate no longer lets them act, "" while it does.
	Problem string
	// MandateURL is the structure's page of the mandate.
	MandateURL string
}

func bannerOf(r *http.Request) *actingBanner {
	a := actingOf(r)
	if a == nil {
		return nil
	}
	b := &actingBanner{Person: a.M.PersonName, Org: a.OrgName,
		MandateURL: "/espace/" + a.OrgSlug + "/mandats/" + strconv.FormatInt(a.M.ID, 10)}
	if a.Problem != nil {
		b.Problem = errs.MessageOf(a.Problem)
	}
	return b
}
