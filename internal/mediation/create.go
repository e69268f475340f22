package mediation

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"guichet/internal/errs"
)

// Ways of identifying the person, as the form names them.
const (
	ByAccount  = "account"
	ByDocument = "document"
)

// Draft is what the mediator fills in with the person present.
type Draft struct {
	OrgID      int64
	MediatorID int64
	// IdentifyBy is ByAccount (PersonUserID is the account the mediator
	// found, 0 when none matched) or ByDocument.
	IdentifyBy    string
	PersonUserID  int64
	PersonName    string
	DocumentType  string
	DocumentLast4 string
	Categories    []string
	Days          int
	// TextVersion is the version of the text the person read.
	TextVersion string
	// Consent is the person's yes, ticked by them or read to them.
	Consent bool
}

// check returns every problem of d at once, in the order of the form.
func (d *Draft) check() error {
	var p []errs.FieldError
	add := func(field, msg string) { p = append(p, errs.FieldError{Field: field, Message: msg}) }
	d.PersonName = strings.TrimSpace(d.PersonName)
	d.DocumentLast4 = strings.ToUpper(strings.TrimSpace(d.DocumentLast4))
	switch d.IdentifyBy {
	case ByAccount:
		if d.PersonUserID == 0 {
			add("email", "Nous ne trouvons pas de compte Guichet avec cette adresse. Vérifiez-la avec la personne, ou notez la pièce d'identité que vous avez vue.")
		}
	case ByDocument:
		if d.PersonName == "" {
			add("person_name", "Écrivez le prénom et le nom de la personne, comme sur sa pièce d'identité.")
		}
		if DocumentLabel(d.DocumentType) == "" {
			add("document_type", "Choisissez la pièce d'identité que vous avez vue.")
		}
		if !validLast4(d.DocumentLast4) {
			add("document_last4", "Écrivez seulement les 4 derniers caractères du numéro de la pièce (lettres ou chiffres), jamais le numéro entier.")
		}
	default:
		add("identify_by", "Dites comment vous avez identifié la personne : par son compte Guichet ou par une pièce d'identité.")
	}
	if len(d.Categories) == 0 {
		add("categories", "Cochez au moins un domaine.")
	}
	for _, c := range d.Categories {
		if !Category(c).Valid() {
			add("categories", "Un domaine coché n'existe pas. Cochez les domaines dans la liste.")
			break
		}
	}
	if !slices.Contains(Durations, d.Days) {
		add("days", "Choisissez la durée du mandat.")
	}
	if Text(d.TextVersion) == "" {
		add("text_version", "Le texte du mandat a changé : relisez-le avec la personne.")
	}
	if !d.Consent {
		add("consent", "La personne doit donner son accord après avoir lu le texte du mandat.")
	}
	return errs.InvalidFields("Le mandat n'est pas enregistré. Corrigez les champs signalés.", p)
}

func validLast4(s string) bool {
	if len([]rune(s)) != 4 {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

const insertMandateSQL = `INSERT INTO mediation_mandates (org_id, person_user_id, person_name, document_type,
	document_last4, categories, days, text_version, created_by, consented_at, starts_at, ends_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`

// Create records a mandate the person consented to now, and its "created"
// journal entry in the same transaction.
func (s *Service) Create(ctx context.Context, d Draft) (*Mandate, error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	now := s.now()
	m := &Mandate{OrgID: d.OrgID, PersonUserID: d.PersonUserID, PersonName: d.PersonName,
		Days: d.Days, TextVersion: d.TextVersion, CreatedBy: d.MediatorID, ConsentedAt: now, StartsAt: now,
		EndsAt: now.Add(time.Duration(d.Days) * 24 * time.Hour)}
	if d.IdentifyBy == ByDocument {
		m.DocumentType, m.DocumentLast4 = d.DocumentType, d.DocumentLast4
	}
	stored := make([]Category, len(d.Categories))
	for i, c := range d.Categories {
		stored[i] = Category(c)
	}
	m.Categories = splitCategories(joinCategories(stored))
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, insertMandateSQL, m.OrgID, m.PersonUserID, m.PersonName, m.DocumentType,
			m.DocumentLast4, joinCategories(m.Categories), m.Days, m.TextVersion, m.CreatedBy, m.ConsentedAt,
			m.StartsAt, m.EndsAt).Scan(&m.ID); err != nil {
			return fmt.Errorf("insert mandate: %w", err)
		}
		return s.append(ctx, tx, Entry{Event: EventCreated, MandateID: m.ID, OrgID: m.OrgID,
			PersonUserID: m.PersonUserID, ActorUserID: d.MediatorID,
			Detail: "Domaines : " + strings.Join(m.CategoryLabels(), ", ") + " ; durée : " + DurationLabel(m.Days) +
				" ; texte " + m.TextVersion})
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}
