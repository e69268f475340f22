package listening

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/audit"
	"guichet/internal/errs"
)

// Limits of a tutorial.
const (
	maxSteps      = 30
	maxStepText   = 2000
	maxAlt        = 300
	maxVideoURL   = 500
	maxTranscript = 10000
)

// Tutorial is a short tutorial of a procedure ("Comment faire, pas à
// pas"), written by its organisation's owners, public once published.
type Tutorial struct {
	ID          int64
	OrgID       int64
	Procedure   string
	Title       string
	PublishedAt time.Time
	UpdatedAt   time.Time
	Steps       []Step
}

// Published tells whether the public sees the tutorial.
func (t Tutorial) Published() bool { return !t.PublishedAt.IsZero() }

// Step is one step of a tutorial: a text, and a picture with its
// alternative text or a video link with its transcript.
type Step struct {
	ID          int64
	Position    int
	Body        string
	PictureType string
	PictureSize int64
	Width       int
	Height      int
	Alt         string
	VideoURL    string
	Transcript  string
	pictureName string
}

// HasPicture tells whether the step shows a picture.
func (st Step) HasPicture() bool { return st.PictureType != "" }

// StepInput is a new step as its owner writes it. Picture is nil when no
// picture was chosen.
type StepInput struct {
	Body        string
	Picture     io.Reader
	PictureName string
	Alt         string
	VideoURL    string
	Transcript  string
}

var errNoTutorial = errs.E(errs.NotFound, "Ce tutoriel n'existe pas ou n'est pas de votre organisation.")

const insertTutorialSQL = `INSERT INTO listening_tutorials (org_id, procedure_slug, title, created_by, created_at, updated_at)
	VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`

// CreateTutorial starts an unpublished tutorial of a procedure of the
// owner's organisation (the caller checked the procedure is theirs).
func (s *Service) CreateTutorial(ctx context.Context, slug, title string, by Moderator) (int64, error) {
	if p := textProblem("title", "le titre du tutoriel, par exemple « Créer son compte en ligne »", title, maxTitle); len(p) > 0 {
		return 0, errs.InvalidFields("Le tutoriel n'a pas de titre.", p)
	}
	var id int64
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, insertTutorialSQL, by.OrgID, slug, strings.TrimSpace(title), nullID(by.UserID),
			s.now()).Scan(&id); err != nil {
			return fmt.Errorf("insert tutorial: %w", err)
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "listening_tutorial_created", ActorID: by.UserID, IP: by.IP,
			Detail: fmt.Sprintf("tutoriel %d de %s", id, slug)})
	})
	return id, err
}

// validate checks a step in form order; a picture is checked apart, as it
// is read whole.
func (in *StepInput) validate() []errs.FieldError {
	in.Body, in.Alt = strings.TrimSpace(in.Body), strings.TrimSpace(in.Alt)
	in.VideoURL, in.Transcript = strings.TrimSpace(in.VideoURL), strings.TrimSpace(in.Transcript)
	p := textProblem("body", "ce que la personne fait à cette étape", in.Body, maxStepText)
	if in.Picture != nil {
		switch n := utf8.RuneCountInString(in.Alt); {
		case n == 0:
			p = append(p, errs.FieldError{Field: "alt", Message: "Décrivez l'image pour qui ne la voit pas, par exemple « Le bouton Se connecter, en haut à droite »."})
		case n > maxAlt:
			p = append(p, errs.FieldError{Field: "alt", Message: fmt.Sprintf("La description de l'image est trop longue : %d caractères au plus.", maxAlt)})
		}
	} else {
		in.Alt = ""
	}
	if in.VideoURL == "" {
		in.Transcript = ""
		return p
	}
	if in.Picture != nil {
		return append(p, errs.FieldError{Field: "video_url", Message: "Une étape montre une image ou une vidéo, pas les deux : retirez l'une d'elles."})
	}
	if u, err := url.Parse(in.VideoURL); err != nil || u.Scheme != "https" || u.Host == "" || len(in.VideoURL) > maxVideoURL {
		p = append(p, errs.FieldError{Field: "video_url", Message: "Écrivez l'adresse de la vidéo sous la forme https://exemple.fr/video."})
	}
	switch n := utf8.RuneCountInString(in.Transcript); {
	case n == 0:
		p = append(p, errs.FieldError{Field: "transcript", Message: "Écrivez la transcription de la vidéo : ce qui est dit et montré, pour qui ne peut pas la voir ou l'entendre."})
	case n > maxTranscript:
		p = append(p, errs.FieldError{Field: "transcript", Message: fmt.Sprintf("La transcription est trop longue : %d caractères au plus.", maxTranscript)})
	}
	return p
}

const (
	tutorialOfOrgSQL = `SELECT procedure_slug FROM listening_tutorials WHERE id = $1 AND org_id = $2`
	stepCountSQL     = `SELECT COUNT(*), COALESCE(MAX(position), 0) FROM listening_tutorial_steps WHERE tutorial_id = $1`
	insertStepSQL    = `INSERT INTO listening_tutorial_steps (tutorial_id, position, body, picture_name, picture_type,
	picture_size, picture_width, picture_height, alt, video_url, transcript) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`
	touchTutorialSQL = `UPDATE listening_tutorials SET updated_at = $1 WHERE id = $2`
)

// AddStep adds a step at the end of a tutorial of the owner's
// organisation. Every problem is told at once, in form order; a refused
// step leaves no picture behind.
func (s *Service) AddStep(ctx context.Context, id int64, in StepInput, by Moderator) error {
	problems := in.validate()
	var pic picture
	if in.Picture != nil {
		var err error
		if pic, err = readPicture(in.Picture, in.PictureName); err != nil {
			if errs.FieldsOf(err) == nil {
				return err
			}
			// The picture's problem goes before the alternative text's.
			problems = insertBefore(problems, "alt", errs.FieldsOf(err)...)
		}
	}
	if len(problems) > 0 {
		return errs.InvalidFields("L'étape n'est pas complète.", problems)
	}
	stored := ""
	if pic.data != nil {
		var err error
		if stored, err = s.store(ctx, pic); err != nil {
			return err
		}
	}
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := s.tutorialOf(ctx, tx, id, by); err != nil {
			return err
		}
		var n, last int
		if err := tx.QueryRowContext(ctx, stepCountSQL, id).Scan(&n, &last); err != nil {
			return fmt.Errorf("count steps: %w", err)
		}
		if n >= maxSteps {
			return errs.InvalidFields("Le tutoriel est complet.", []errs.FieldError{{Field: "body",
				Message: fmt.Sprintf("Un tutoriel a %d étapes au plus : faites-en un second pour la suite.", maxSteps)}})
		}
		if _, err := tx.ExecContext(ctx, insertStepSQL, id, last+1, in.Body, stored, pic.contentType, len(pic.data),
			pic.width, pic.height, in.Alt, in.VideoURL, in.Transcript); err != nil {
			return fmt.Errorf("insert step: %w", err)
		}
		_, err := tx.ExecContext(ctx, touchTutorialSQL, s.now(), id)
		return err
	})
	if err != nil {
		s.removePicture(ctx, stored)
	}
	return err
}

func insertBefore(list []errs.FieldError, field string, add ...errs.FieldError) []errs.FieldError {
	for i, f := range list {
		if f.Field == field {
			return append(list[:i:i], append(add, list[i:]...)...)
		}
	}
	return append(list, add...)
}

func (s *Service) tutorialOf(ctx context.Context, tx *sql.Tx, id int64, by Moderator) error {
	var slug string
	err := tx.QueryRowContext(ctx, tutorialOfOrgSQL, id, by.OrgID).Scan(&slug)
	if errors.Is(err, sql.ErrNoRows) {
		return errNoTutorial
	}
	return err
}

const (
	stepsPositionsSQL = `SELECT id, picture_name FROM listening_tutorial_steps WHERE tutorial_id = $1 ORDER BY position, id`
	setPositionSQL    = `UPDATE listening_tutorial_steps SET position = $1 WHERE id = $2`
	deleteStepSQL     = `DELETE FROM listening_tutorial_steps WHERE id = $1`
)

// StepChange is what an owner does to a step: move it up or down, or
// delete it.
type StepChange string

// The changes of a step.
const (
	StepUp     StepChange = "monter"
	StepDown   StepChange = "descendre"
	StepDelete StepChange = "supprimer"
)

// ChangeStep moves or deletes a step of a tutorial of the owner's
// organisation, numbering the steps again from 1.
func (s *Service) ChangeStep(ctx context.Context, id, stepID int64, change StepChange, by Moderator) error {
	var gone string
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := s.tutorialOf(ctx, tx, id, by); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, stepsPositionsSQL, id)
		if err != nil {
			return fmt.Errorf("list steps: %w", err)
		}
		var ids []int64
		names := map[int64]string{}
		for rows.Next() {
			var sid int64
			var name string
			if err := rows.Scan(&sid, &name); err != nil {
				rows.Close()
				return fmt.Errorf("list steps: %w", err)
			}
			ids, names[sid] = append(ids, sid), name
		}
		rows.Close()
		i := indexOf(ids, stepID)
		if i < 0 {
			return errs.E(errs.NotFound, "Cette étape n'existe pas.")
		}
		switch change {
		case StepUp:
			if i > 0 {
				ids[i-1], ids[i] = ids[i], ids[i-1]
			}
		case StepDown:
			if i < len(ids)-1 {
				ids[i+1], ids[i] = ids[i], ids[i+1]
			}
		case StepDelete:
			if _, err := tx.ExecContext(ctx, deleteStepSQL, stepID); err != nil {
				return fmt.Errorf("delete step: %w", err)
			}
			ids, gone = append(ids[:i:i], ids[i+1:]...), names[stepID]
		default:
			return errs.E(errs.NotFound, "")
		}
		for n, sid := range ids {
			if _, err := tx.ExecContext(ctx, setPositionSQL, n+1, sid); err != nil {
				return fmt.Errorf("number steps: %w", err)
			}
		}
		_, err = tx.ExecContext(ctx, touchTutorialSQL, s.now(), id)
		return err
	})
	if err == nil {
		s.removePicture(ctx, gone)
	}
	return err
}

func indexOf(ids []int64, id int64) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	return -1
}

const publishTutorialSQL = `UPDATE listening_tutorials SET published_at = $1, updated_at = $2 WHERE id = $3`

// PublishTutorial shows a tutorial of the owner's organisation on its
// procedure's page (publish) or withdraws it. A tutorial without a step is
// not published.
func (s *Service) PublishTutorial(ctx context.Context, id int64, publish bool, by Moderator) error {
	now := s.now()
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := s.tutorialOf(ctx, tx, id, by); err != nil {
			return err
		}
		at := sql.NullTime{Time: now, Valid: publish}
		if publish {
			var n, last int
			if err := tx.QueryRowContext(ctx, stepCountSQL, id).Scan(&n, &last); err != nil {
				return fmt.Errorf("count steps: %w", err)
			}
			if n == 0 {
				return errs.InvalidFields("Le tutoriel n'a pas encore d'étape.", []errs.FieldError{{Field: "body",
					Message: "Ajoutez au moins une étape avant de publier le tutoriel."}})
			}
		}
		if _, err := tx.ExecContext(ctx, publishTutorialSQL, at, now, id); err != nil {
			return fmt.Errorf("publish tutorial: %w", err)
		}
		event := "listening_tutorial_published"
		if !publish {
			event = "listening_tutorial_withdrawn"
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: event, ActorID: by.UserID, IP: by.IP, Detail: fmt.Sprintf("tutoriel %d", id)})
	})
}
