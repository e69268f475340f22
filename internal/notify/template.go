package notify

import (
	"context"
	"database/sql"
	"fmt"
	"html"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/errs"
	"guichet/internal/sms"
)

// Channels of a message.
const (
	Email = "email"
	SMS   = "sms"
)

// Template is the wording of one kind of message on one channel for one
// organisation, in one version.
type Template struct {
	OrgID   int64
	Kind    Kind
	Channel string
	// Version is 0 for the French default, which no organisation saved.
	Version int
	Subject string // e-mail only
	Body    string
	// Transliterate, for SMS, turns characters outside the GSM alphabet
	// into close ones (ê→e, « »→", ’→') so that the message costs fewer
	// parts; otherwise such a character sends it all as UCS-2.
	Transliterate bool
	CreatedBy     int64
	CreatedAt     time.Time
}

// Limits of what an editor may save.
const (
	maxSubject   = 200
	maxEmailBody = 10000
	// maxSMSParts bounds an SMS: beyond this, a link and an e-mail do better.
	maxSMSParts = 6
)

// msgFixTemplate is the summary of a template that cannot be saved.
const msgFixTemplate = "Le modèle n'a pas été enregistré. Corrigez les champs signalés."

// Check returns the problems of t, as field errors on "subject" and "body":
// a placeholder the kind does not provide, a required one left out, a broken
// one, an empty or too long text.
func (t Template) Check() error {
	info, ok := InfoOf(t.Kind)
	if !ok {
		return errs.E(errs.Invalid, "Ce type de message n'existe pas.")
	}
	if t.Channel != Email && t.Channel != SMS {
		return errs.E(errs.Invalid, "Choisissez l'e-mail ou le SMS.")
	}
	names := info.Names()
	var problems []errs.FieldError
	if t.Channel == Email {
		switch s := strings.TrimSpace(t.Subject); {
		case s == "":
			problems = append(problems, errs.FieldError{Field: "subject", Message: "Écrivez l'objet de l'e-mail."})
		case strings.ContainsAny(s, "\r\n"):
			problems = append(problems, errs.FieldError{Field: "subject", Message: "L'objet doit tenir sur une seule ligne."})
		case utf8.RuneCountInString(s) > maxSubject:
			problems = append(problems, errs.FieldError{Field: "subject", Message: "L'objet est trop long : 200 caractères au plus."})
		}
		problems = append(problems, checkText("subject", t.Subject, names)...)
	}
	body := strings.TrimSpace(t.Body)
	switch {
	case body == "":
		problems = append(problems, errs.FieldError{Field: "body", Message: "Écrivez le texte du message."})
	case t.Channel == Email && utf8.RuneCountInString(body) > maxEmailBody:
		problems = append(problems, errs.FieldError{Field: "body", Message: "Le texte est trop long : 10 000 caractères au plus."})
	}
	problems = append(problems, checkText("body", t.Body, names)...)
	used := append(Placeholders(t.Subject), Placeholders(t.Body)...)
	for _, f := range info.Fields {
		if f.Required && !slices.Contains(used, f.Name) {
			problems = append(problems, errs.FieldError{Field: "body", Message: fmt.Sprintf(
				"Ajoutez ((%s)) au texte : la personne en a besoin (%s).", f.Name, strings.ToLower(f.Label))})
		}
	}
	if t.Channel == SMS && body != "" {
		if c := t.SMSCount(info.Example()); c.Parts > maxSMSParts {
			problems = append(problems, errs.FieldError{Field: "body", Message: fmt.Sprintf(
				"Le SMS est trop long : %d parties avec les exemples, %d au plus. Raccourcissez-le.", c.Parts, maxSMSParts)})
		}
	}
	return errs.InvalidFields(msgFixTemplate, problems)
}

// smsText is the SMS as it is sent: transliterated when the template says so.
func (t Template) smsText(text string) string {
	if t.Transliterate {
		return sms.Transliterate(text)
	}
	return text
}

// SMSCount counts the SMS this template gives with data (placeholders
// without a value count as they are written).
func (t Template) SMSCount(data map[string]string) sms.Count {
	text := placeholderRE.ReplaceAllStringFunc(t.Body, func(m string) string {
		if v, ok := data[placeholderRE.FindStringSubmatch(m)[1]]; ok {
			return cleanValue(v)
		}
		return m
	})
	return sms.CountText(t.smsText(text))
}

// Rendered is a message made from a template and an event's data.
type Rendered struct {
	Subject string
	Body    string
	HTML    string // e-mail only: the simple HTML version of Body
	Count   sms.Count
}

// Render fills t with data. It fails when a placeholder has no value.
func (t Template) Render(data map[string]string) (Rendered, error) {
	var r Rendered
	var err error
	if t.Channel == Email {
		if r.Subject, err = render(t.Subject, data); err != nil {
			return Rendered{}, err
		}
	}
	if r.Body, err = render(t.Body, data); err != nil {
		return Rendered{}, err
	}
	if t.Channel == SMS {
		r.Body = t.smsText(r.Body)
		r.Count = sms.CountText(r.Body)
	} else {
		r.HTML = simpleHTML(r.Body)
	}
	return r, nil
}

// simpleHTML turns plain text into paragraphs, escaping everything: the
// HTML version says exactly what the text says.
func simpleHTML(text string) string {
	var b strings.Builder
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(para), "\n", "<br>\n"))
		b.WriteString("</p>\n")
	}
	return b.String()
}

// DefaultTemplate returns the French default of a kind on a channel.
func DefaultTemplate(orgID int64, kind Kind, channel string) (Template, bool) {
	d, ok := defaults[kind]
	if !ok {
		return Template{}, false
	}
	t := Template{OrgID: orgID, Kind: kind, Channel: channel, Body: d.email, Subject: d.subject}
	if channel == SMS {
		t.Subject, t.Body, t.Transliterate = "", d.sms, true
	}
	return t, true
}

const latestTemplateSQL = `SELECT version, subject, body, transliterate, created_by, created_at
FROM notify_templates WHERE org_id = $1 AND kind = $2 AND channel = $3
ORDER BY version DESC LIMIT 1`

// Template returns the template in use for a kind on a channel: the
// organisation's latest version, or the French default.
func (s *Service) Template(ctx context.Context, orgID int64, kind Kind, channel string) (Template, error) {
	return s.templateIn(ctx, s.db.Querier(ctx), orgID, kind, channel)
}

func (s *Service) templateIn(ctx context.Context, q querier, orgID int64, kind Kind, channel string) (Template, error) {
	t, ok := DefaultTemplate(orgID, kind, channel)
	if !ok {
		return Template{}, errs.Errorf(errs.NotFound, "Ce type de message n'existe pas.")
	}
	err := q.QueryRowContext(ctx, latestTemplateSQL, orgID, string(kind), channel).
		Scan(&t.Version, &t.Subject, &t.Body, &t.Transliterate, &t.CreatedBy, &t.CreatedAt)
	if err != nil && err != sql.ErrNoRows {
		return Template{}, fmt.Errorf("read template %s/%s of organisation %d: %w", kind, channel, orgID, err)
	}
	t.CreatedAt = t.CreatedAt.UTC()
	return t, nil
}

const insertTemplateSQL = `INSERT INTO notify_templates (org_id, kind, channel, version, subject, body, transliterate, created_by, created_at)
VALUES ($1, $2, $3, COALESCE((SELECT MAX(version) FROM notify_templates WHERE org_id = $1 AND kind = $2 AND channel = $3), 0) + 1,
	$4, $5, $6, $7, $8)
RETURNING version`

// SaveTemplate checks t and stores it as the organisation's next version.
// The older versions stay, for the record. It returns the version saved.
func (s *Service) SaveTemplate(ctx context.Context, t Template) (int, error) {
	if err := t.Check(); err != nil {
		return 0, err
	}
	if t.Channel == SMS {
		t.Subject = ""
	}
	var version int
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, insertTemplateSQL, t.OrgID, string(t.Kind), t.Channel,
			strings.TrimSpace(t.Subject), strings.TrimSpace(t.Body), t.Transliterate, t.CreatedBy, s.now()).Scan(&version)
	})
	if err != nil {
		return 0, fmt.Errorf("save template %s/%s of organisation %d: %w", t.Kind, t.Channel, t.OrgID, err)
	}
	return version, nil
}

// Preview renders t with the example data of its kind.
func (t Template) Preview() (Rendered, error) {
	info, ok := InfoOf(t.Kind)
	if !ok {
		return Rendered{}, errs.E(errs.Invalid, "Ce type de message n'existe pas.")
	}
	return t.Render(info.Example())
}
