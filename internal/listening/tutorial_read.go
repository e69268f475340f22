package listening

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

	"guichet/internal/errs"
)

const (
	selectTutorialSQL = `SELECT id, org_id, procedure_slug, title, published_at, updated_at FROM listening_tutorials`
	// procedureTutorialsSQL lists a procedure's tutorials: the published
	// ones for the public ($2 = 0), every one for its organisation's staff.
	procedureTutorialsSQL = selectTutorialSQL + ` WHERE procedure_slug = $1
	AND (($2 = 0 AND published_at IS NOT NULL) OR org_id = $2) ORDER BY created_at, id`
	tutorialByIDSQL = selectTutorialSQL + ` WHERE id = $1 AND procedure_slug = $2
	AND (($3 = 0 AND published_at IS NOT NULL) OR org_id = $3)`
	tutorialStepsSQL = `SELECT id, position, body, picture_name, picture_type, picture_size, picture_width, picture_height,
	alt, video_url, transcript FROM listening_tutorial_steps WHERE tutorial_id = $1 ORDER BY position, id`
)

// ProcedureTutorials lists the tutorials of a procedure, without their
// steps: the published ones when orgID is 0 (the public), every one when
// orgID is the procedure's organisation (its owners).
func (s *Service) ProcedureTutorials(ctx context.Context, slug string, orgID int64) ([]Tutorial, error) {
	rows, err := s.db.QueryContext(ctx, procedureTutorialsSQL, slug, orgID)
	if err != nil {
		return nil, fmt.Errorf("list tutorials: %w", err)
	}
	defer rows.Close()
	var out []Tutorial
	for rows.Next() {
		t, err := scanTutorial(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func scanTutorial(row interface{ Scan(...any) error }) (Tutorial, error) {
	var t Tutorial
	var published sql.NullTime
	err := row.Scan(&t.ID, &t.OrgID, &t.Procedure, &t.Title, &published, &t.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return t, errNoTutorial
	}
	if err != nil {
		return t, fmt.Errorf("read tutorial: %w", err)
	}
	t.PublishedAt = published.Time
	return t, nil
}

// TutorialByID reads a tutorial of a procedure with its steps: published
// when orgID is 0, of organisation orgID otherwise; any other is not found.
func (s *Service) TutorialByID(ctx context.Context, slug string, id, orgID int64) (Tutorial, error) {
	t, err := scanTutorial(s.db.QueryRowContext(ctx, tutorialByIDSQL, id, slug, orgID))
	if err != nil {
		return t, err
	}
	rows, err := s.db.QueryContext(ctx, tutorialStepsSQL, id)
	if err != nil {
		return t, fmt.Errorf("list steps: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st Step
		if err := rows.Scan(&st.ID, &st.Position, &st.Body, &st.pictureName, &st.PictureType, &st.PictureSize, &st.Width,
			&st.Height, &st.Alt, &st.VideoURL, &st.Transcript); err != nil {
			return t, fmt.Errorf("list steps: %w", err)
		}
		t.Steps = append(t.Steps, st)
	}
	return t, rows.Err()
}

// OpenPicture opens the picture of a step of a tutorial, as TutorialByID
// finds it (published for the public, any of the organisation's for its
// staff). The caller closes the reader.
func (s *Service) OpenPicture(ctx context.Context, slug string, id, stepID, orgID int64) (Step, io.ReadCloser, error) {
	t, err := s.TutorialByID(ctx, slug, id, orgID)
	if err != nil {
		return Step{}, nil, err
	}
	for _, st := range t.Steps {
		if st.ID != stepID || !st.HasPicture() {
			continue
		}
		f, err := s.files.Open(ctx, st.pictureName)
		if err != nil {
			return Step{}, nil, fmt.Errorf("open picture of step %d: %w", stepID, err)
		}
		return st, f, nil
	}
	return Step{}, nil, errs.E(errs.NotFound, "Cette image n'existe pas.")
}
