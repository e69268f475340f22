package web

import (
	"context"
	"encoding/base64"
	"html/template"
	"net/http"
	"strconv"

	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/mediation"
)

// helpStructure returns the organisation of the address, which must be a
// help structure: administrations hold no mandates.
func (s *Server) helpStructure(r *http.Request) (*identity.Organisation, error) {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return nil, err
	}
	if org.Kind != identity.KindHelpStructure {
		return nil, errs.E(errs.NotFound, "Les mandats sont donnés aux structures d'aide seulement.")
	}
	return org, nil
}

// mandateRow is a mandate as the lists show it.
type mandateRow struct {
	mediation.Mandate
	Status  mediation.Status
	Active  bool
	OrgName string
}

func (s *Server) mandateRows(ctx context.Context, list []mediation.Mandate) []mandateRow {
	now := s.Mediation.Now()
	rows := make([]mandateRow, 0, len(list))
	for _, m := range list {
		st := m.StatusAt(now)
		row := mandateRow{Mandate: m, Status: st, Active: st == mediation.Active}
		if o, err := s.Identity.OrganisationByID(ctx, m.OrgID); err == nil {
			row.OrgName = o.Name
		}
		rows = append(rows, row)
	}
	return rows
}

var mandateNotices = map[string]string{
	"revoque":          "Le mandat est arrêté. La structure ne peut plus agir pour la personne.",
	"renouvele":        "Le mandat est renouvelé. Imprimez la nouvelle attestation et donnez-la à la personne : l'ancienne n'est plus valable.",
	"domicilie":        "La domiciliation est enregistrée : les messages de la personne arrivent aux médiateurs de la structure, et son courrier porte l'adresse de la structure.",
	"domicile-arretee": "La domiciliation est arrêtée.",
	"cree":             "Le mandat est enregistré. Imprimez l'attestation et donnez-la à la personne.",
}

func (s *Server) staffMandates(w http.ResponseWriter, r *http.Request) error {
	org, err := s.helpStructure(r)
	if err != nil {
		return err
	}
	list, err := s.Mediation.ListOfStructure(r.Context(), org.ID, 200)
	if err != nil {
		return err
	}
	v := struct {
		Page
		Org      *identity.Organisation
		Mandates []mandateRow
	}{s.page(r, "Les mandats "+orgWords(org.Name).Of), org, s.mandateRows(r.Context(), list)}
	v.Notice = mandateNotices[r.URL.Query().Get("fait")]
	return s.render(w, http.StatusOK, "mediation-staff-list", v)
}

// mandateFormView is the model of the new mandate form.
type mandateFormView struct {
	Page
	Org         *identity.Organisation
	Form        *Form
	IdentifyBy  []option
	Documents   []option
	Categories  checkGroup
	Durations   []option
	Text        string
	TextVersion string
}

func (s *Server) mandateForm(w http.ResponseWriter, r *http.Request, org *identity.Organisation, f *Form, status int) error {
	v := mandateFormView{Page: s.page(r, "Nouveau mandat"), Org: org, Form: f,
		Text: mediation.Text(mediation.TextVersion), TextVersion: mediation.TextVersion}
	v.HasErrors = !f.Valid()
	for _, o := range []option{{mediation.ByAccount, "Avec son compte Guichet (son adresse e-mail)", false},
		{mediation.ByDocument, "Avec une pièce d'identité que j'ai vue", false}} {
		o.Selected = f.Get("identify_by") == o.Value
		v.IdentifyBy = append(v.IdentifyBy, o)
	}
	for _, d := range mediation.DocumentTypes {
		v.Documents = append(v.Documents, option{d.Value, d.Label, f.Get("document_type") == d.Value})
	}
	v.Categories = checkGroup{ID: "categories", Legend: "Les domaines où la structure peut agir",
		Hint: "Cochez seulement ceux dont la personne a besoin.", Error: f.ErrorFor("categories")}
	chosen := map[string]bool{}
	for _, c := range f.Values["categories"] {
		chosen[c] = true
	}
	for i, c := range mediation.Categories() {
		id := "categories-" + string(c.Category)
		if i == 0 {
			id = "categories"
		}
		v.Categories.Options = append(v.Categories.Options, checkOption{ID: id, Name: "categories",
			Value: string(c.Category), Label: c.Label, Checked: chosen[string(c.Category)]})
	}
	for _, d := range mediation.Durations {
		val := strconv.Itoa(d)
		v.Durations = append(v.Durations, option{val, mediation.DurationLabel(d), f.Get("days") == val})
	}
	return s.render(w, status, "mediation-staff-new", v)
}

func (s *Server) staffMandateNew(w http.ResponseWriter, r *http.Request) error {
	org, err := s.helpStructure(r)
	if err != nil {
		return err
	}
	return s.mandateForm(w, r, org, emptyForm(), http.StatusOK)
}

func (s *Server) staffMandateCreate(w http.ResponseWriter, r *http.Request) error {
	org, err := s.helpStructure(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	days, _ := strconv.Atoi(f.Get("days"))
	d := mediation.Draft{OrgID: org.ID, MediatorID: currentUser(r).ID, IdentifyBy: f.Get("identify_by"),
		PersonName: f.Get("person_name"), DocumentType: f.Get("document_type"), DocumentLast4: f.Get("document_last4"),
		Categories: f.Values["categories"], Days: days, TextVersion: f.Get("text_version"), Consent: f.Get("consent") == "oui"}
	if d.IdentifyBy == mediation.ByAccount {
		if u, err := s.Identity.UserByEmail(r.Context(), f.Get("email")); err == nil {
			d.PersonUserID, d.PersonName = u.ID, u.Name
		} else if !errs.Is(err, errs.NotFound) {
			return err
		}
	}
	m, err := s.Mediation.Create(r.Context(), d)
	if err != nil {
		if f.FailWith(err) {
			// Never echo what may be a whole document number.
			if len([]rune(f.Get("document_last4"))) > 4 {
				f.Values.Set("document_last4", "")
			}
			return s.mandateForm(w, r, org, f, http.StatusUnprocessableEntity)
		}
		return err
	}
	http.Redirect(w, r, "/espace/"+org.Slug+"/mandats/"+strconv.FormatInt(m.ID, 10)+"?fait=cree", http.StatusSeeOther)
	return nil
}

// journalRow is a journal entry with the name of who acted.
type journalRow struct {
	mediation.Entry
	Actor string
}

func (s *Server) journalRows(ctx context.Context, entries []mediation.Entry) []journalRow {
	names := map[int64]string{}
	rows := make([]journalRow, 0, len(entries))
	for _, e := range entries {
		name, ok := names[e.ActorUserID]
		if !ok && e.ActorUserID != 0 {
			if u, err := s.Identity.UserByID(ctx, e.ActorUserID); err == nil {
				name = u.Name
			}
			names[e.ActorUserID] = name
		}
		if e.ActorUserID == 0 {
			name = "Guichet"
		}
		rows = append(rows, journalRow{Entry: e, Actor: name})
	}
	return rows
}

// mandateID reads the {id} of the address; a malformed one is not found.
func mandateID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E(errs.NotFound, "Ce mandat n'existe pas.")
	}
	return id, nil
}

func (s *Server) staffMandate(w http.ResponseWriter, r *http.Request) error {
	org, m, err := s.structureMandate(r)
	if err != nil {
		return err
	}
	return s.staffMandatePage(w, r, org, m, emptyForm(), http.StatusOK)
}

// structureMandate reads the mandate {id} of the help structure {org}.
func (s *Server) structureMandate(r *http.Request) (*identity.Organisation, *mediation.Mandate, error) {
	org, err := s.helpStructure(r)
	if err != nil {
		return nil, nil, err
	}
	id, err := mandateID(r)
	if err != nil {
		return nil, nil, err
	}
	m, err := s.Mediation.OfStructure(r.Context(), org.ID, id)
	return org, m, err
}

// mandatePageView is the model of a mandate's page: its attestation, what
// the mediator can do with it (act, renew, domicile, stop) and its journal.
type mandatePageView struct {
	Page
	Org           *identity.Organisation
	M             *mediation.Mandate
	Status        mediation.Status
	Active        bool
	Text          string
	TextVersion   string
	Attestation   mediation.Attestation
	QR            template.URL
	Journal       []journalRow
	Form          *Form
	Durations     []option
	Domiciliation *mediation.Domiciliation
}

func (s *Server) staffMandatePage(w http.ResponseWriter, r *http.Request, org *identity.Organisation, m *mediation.Mandate,
	f *Form, status int) error {
	att, err := s.Mediation.AttestationOf(m)
	if err != nil {
		return err
	}
	entries, err := s.Mediation.EntriesOfMandate(r.Context(), org.ID, m.ID)
	if err != nil {
		return err
	}
	st := m.StatusAt(s.Mediation.Now())
	v := mandatePageView{Page: s.page(r, "Mandat n° "+strconv.FormatInt(m.ID, 10)+" : attestation"), Org: org, M: m,
		Status: st, Active: st == mediation.Active, Text: mediation.Text(m.TextVersion), TextVersion: mediation.TextVersion,
		Attestation: att, QR: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(att.QR)),
		Journal: s.journalRows(r.Context(), entries), Form: f}
	v.HasErrors = !f.Valid()
	v.Notice = mandateNotices[r.URL.Query().Get("fait")]
	for _, d := range mediation.Durations {
		val := strconv.Itoa(d)
		v.Durations = append(v.Durations, option{val, mediation.DurationLabel(d), f.Get("days") == val})
	}
	if dom, err := s.Mediation.DomiciliationOf(r.Context(), m.PersonUserID); err != nil {
		return err
	} else if dom != nil && dom.OrgID == org.ID {
		v.Domiciliation = dom
	}
	return s.render(w, status, "mediation-staff-mandate", v)
}

func (s *Server) staffMandateRevoke(w http.ResponseWriter, r *http.Request) error {
	org, err := s.helpStructure(r)
	if err != nil {
		return err
	}
	id, err := mandateID(r)
	if err != nil {
		return err
	}
	if err := s.Mediation.RevokeByStructure(r.Context(), org.ID, currentUser(r).ID, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/espace/"+org.Slug+"/mandats/"+strconv.FormatInt(id, 10)+"?fait=revoque", http.StatusSeeOther)
	return nil
}
