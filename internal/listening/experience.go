package listening

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/audit"
	"guichet/internal/errs"
	"guichet/internal/mail"
)

// ExperienceStatus is where an experience stands in moderation.
type ExperienceStatus string

// The statuses of an experience: waiting for the staff of the procedure's
// organisation, published, or refused with a reason.
const (
	Pending   ExperienceStatus = "en_attente"
	Published ExperienceStatus = "publiee"
	Refused   ExperienceStatus = "refusee"
)

// Limits of what a person writes.
const (
	maxTitle = 120
	maxBody  = 4000
	maxReply = 4000
)

// Story is what a person tells of a procedure: a title, their experience,
// how they sign (a first name or nothing) and, if they wish to hear of the
// moderation, their e-mail.
type Story struct {
	Procedure, Title, Body, Name, Email string
}

// Experience is a told experience, its text already masked.
type Experience struct {
	ID            int64
	Procedure     string
	OrgID         int64
	Title, Body   string
	Name          string
	HasEmail      bool
	Status        ExperienceStatus
	RefusalReason string
	CreatedAt     time.Time
	ModeratedAt   time.Time
	FirstReplyAt  time.Time
	Replies       []Reply
	// Suspect holds the words that look like insults, for the moderator.
	Suspect []string
}

// TimeToReply is how long the administration took to answer first, zero
// when it has not.
func (e Experience) TimeToReply() time.Duration {
	if e.FirstReplyAt.IsZero() {
		return 0
	}
	return e.FirstReplyAt.Sub(e.CreatedAt)
}

// Reply is an administration's public answer to an experience.
type Reply struct {
	ID        int64
	Body      string
	CreatedAt time.Time
}

func (st Story) validate() []errs.FieldError {
	var p []errs.FieldError
	switch t := strings.TrimSpace(st.Title); {
	case t == "":
		p = append(p, errs.FieldError{Field: "title", Message: "Donnez un titre à votre expérience, par exemple « Dossier perdu puis retrouvé »."})
	case utf8.RuneCountInString(t) > maxTitle:
		p = append(p, errs.FieldError{Field: "title", Message: fmt.Sprintf("Le titre est trop long : %d caractères au plus.", maxTitle)})
	}
	switch b := strings.TrimSpace(st.Body); {
	case utf8.RuneCountInString(b) < 20:
		p = append(p, errs.FieldError{Field: "body", Message: "Racontez votre expérience en quelques phrases (20 caractères au moins)."})
	case utf8.RuneCountInString(b) > maxBody:
		p = append(p, errs.FieldError{Field: "body", Message: fmt.Sprintf("Votre récit est trop long : %d caractères au plus.", maxBody)})
	}
	if utf8.RuneCountInString(st.Name) > 60 {
		p = append(p, errs.FieldError{Field: "name", Message: "Le prénom est trop long : 60 caractères au plus."})
	}
	if e := strings.TrimSpace(st.Email); e != "" && (!strings.Contains(e, "@") || strings.ContainsAny(e, " \r\n<>,;") || len(e) > 200) {
		p = append(p, errs.FieldError{Field: "email", Message: "L'adresse e-mail n'est pas valide. Écrivez-la sous la forme marie.dupont@exemple.fr, ou laissez le champ vide."})
	}
	return p
}

const insertExperienceSQL = `INSERT INTO listening_experiences (procedure_slug, org_id, title, body, author_name,
	author_email_sealed, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`

// Tell stores a person's experience of a procedure of organisation orgID,
// masked, waiting for moderation. One address may tell PerHour
// experiences an hour, counted apart from its answers to the questionnaire.
func (s *Service) Tell(ctx context.Context, st Story, orgID int64, clientAddr string) (int64, error) {
	if problems := st.validate(); len(problems) > 0 {
		return 0, errs.InvalidFields("Votre expérience n'est pas complète.", problems)
	}
	email := strings.TrimSpace(st.Email)
	sealed := ""
	if email != "" {
		if s.box == nil {
			return 0, errors.New("listening: no key to keep an author's e-mail")
		}
		sealed = s.box.Seal([]byte(email))
	}
	now := s.now()
	var id int64
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		ok, err := s.admit(ctx, tx, addrHash("experience\x00"+clientAddr), now)
		if err != nil || !ok {
			return err
		}
		return tx.QueryRowContext(ctx, insertExperienceSQL, st.Procedure, orgID,
			MaskPersonalData(strings.TrimSpace(st.Title)), MaskPersonalData(strings.TrimSpace(st.Body)),
			MaskPersonalData(strings.TrimSpace(st.Name)), sealed, string(Pending), now).Scan(&id)
	})
	if err == nil && id == 0 {
		return 0, ErrTooMany
	}
	if err != nil {
		return 0, fmt.Errorf("tell experience: %w", err)
	}
	return id, nil
}

// Moderator is the staff member who moderates or replies, and where from.
type Moderator struct {
	UserID, OrgID int64
	IP            string
	// MayAnswer tells whether they own the suggestions of organisation
	// orgID (0: the service), so as to turn one into an action; nil: none.
	MayAnswer func(orgID int64) bool
}

var errNoExperience = errs.E(errs.NotFound, "Cette expérience n'existe pas ou n'est pas de votre organisation.")

const lockExperienceSQL = `SELECT status, author_email_sealed, title, procedure_slug FROM listening_experiences
	WHERE id = $1 AND org_id = $2`

// pendingOf reads an experience of the moderator's organisation in tx.
func (s *Service) pendingOf(ctx context.Context, tx *sql.Tx, id int64, m Moderator) (status ExperienceStatus, email, title, slug string, err error) {
	var st string
	err = tx.QueryRowContext(ctx, lockExperienceSQL, id, m.OrgID).Scan(&st, &email, &title, &slug)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", "", "", errNoExperience
	}
	return ExperienceStatus(st), email, title, slug, err
}

const publishExperienceSQL = `UPDATE listening_experiences SET status = $1, moderated_by = $2, moderated_at = $3
	WHERE id = $4 AND status = $5`

// Publish publishes a pending experience of the moderator's organisation.
func (s *Service) Publish(ctx context.Context, id int64, m Moderator) error {
	now := s.now()
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		st, _, _, _, err := s.pendingOf(ctx, tx, id, m)
		if err != nil {
			return err
		}
		if st != Pending {
			return errs.E(errs.Conflict, "Cette expérience est déjà modérée.")
		}
		if _, err := tx.ExecContext(ctx, publishExperienceSQL, string(Published), m.UserID, now, id, string(Pending)); err != nil {
			return fmt.Errorf("publish experience: %w", err)
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "listening_experience_published", ActorID: m.UserID, IP: m.IP,
			Detail: fmt.Sprintf("expérience %d", id)})
	})
}

const refuseExperienceSQL = `UPDATE listening_experiences SET status = $1, refusal_reason = $2, moderated_by = $3,
	moderated_at = $4 WHERE id = $5 AND status = $6`

// Refuse refuses a pending experience with a reason, which is written to
// its author when they left an e-mail, in the same transaction.
func (s *Service) Refuse(ctx context.Context, id int64, reason string, m Moderator) error {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 1000 {
		return errs.InvalidFields("Dites pourquoi l'expérience est refusée.", []errs.FieldError{{Field: "reason",
			Message: "Écrivez la raison du refus (1000 caractères au plus), par exemple « Le récit contient des injures »."}})
	}
	now := s.now()
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		st, sealed, title, slug, err := s.pendingOf(ctx, tx, id, m)
		if err != nil {
			return err
		}
		if st != Pending {
			return errs.E(errs.Conflict, "Cette expérience est déjà modérée.")
		}
		if _, err := tx.ExecContext(ctx, refuseExperienceSQL, string(Refused), reason, m.UserID, now, id, string(Pending)); err != nil {
			return fmt.Errorf("refuse experience: %w", err)
		}
		if err := s.audit.Write(ctx, tx, audit.Entry{Event: "listening_experience_refused", ActorID: m.UserID, IP: m.IP,
			Detail: fmt.Sprintf("expérience %d", id)}); err != nil {
			return err
		}
		if sealed == "" {
			return nil
		}
		to, err := s.box.Open(sealed)
		if err != nil {
			return fmt.Errorf("open author e-mail: %w", err)
		}
		msg := mail.Message{To: string(to), Subject: "Votre expérience n'a pas été publiée",
			Body: "Bonjour,\n\nMerci d'avoir raconté votre expérience « " + title + " ».\n\n" +
				"Elle n'a pas été publiée, pour la raison suivante :\n\n" + reason + "\n\n" +
				"Vous pouvez la raconter à nouveau en tenant compte de cette raison :\n" +
				s.baseURL + "/demarches/" + slug + "/experiences\n"}
		return s.send(ctx, tx, msg, fmt.Sprintf("listening-experience-refused:%d", id))
	})
}

// send queues an e-mail in tx, sealed when the service holds a key.
func (s *Service) send(ctx context.Context, tx *sql.Tx, m mail.Message, key string) error {
	if s.box != nil {
		return mail.EnqueueSealed(ctx, tx, s.box, m, key)
	}
	return mail.Enqueue(ctx, tx, m, key)
}

const (
	insertReplySQL     = `INSERT INTO listening_replies (experience_id, org_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)`
	firstReplyStampSQL = `UPDATE listening_experiences SET first_reply_at = $1 WHERE id = $2 AND first_reply_at IS NULL`
)

// Reply publishes the administration's answer to a published experience.
func (s *Service) Reply(ctx context.Context, id int64, body string, m Moderator) error {
	body = strings.TrimSpace(body)
	if body == "" || utf8.RuneCountInString(body) > maxReply {
		return errs.InvalidFields("La réponse est vide ou trop longue.", []errs.FieldError{{Field: "reply",
			Message: fmt.Sprintf("Écrivez la réponse de l'administration (%d caractères au plus).", maxReply)}})
	}
	now := s.now()
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		st, _, _, _, err := s.pendingOf(ctx, tx, id, m)
		if err != nil {
			return err
		}
		if st != Published {
			return errs.E(errs.Conflict, "On ne répond qu'aux expériences publiées.")
		}
		if _, err := tx.ExecContext(ctx, insertReplySQL, id, m.OrgID, m.UserID, MaskPersonalData(body), now); err != nil {
			return fmt.Errorf("insert reply: %w", err)
		}
		if _, err := tx.ExecContext(ctx, firstReplyStampSQL, now, id); err != nil {
			return fmt.Errorf("stamp first reply: %w", err)
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "listening_experience_replied", ActorID: m.UserID, IP: m.IP,
			Detail: fmt.Sprintf("expérience %d", id)})
	})
}
