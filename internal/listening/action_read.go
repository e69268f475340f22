package listening

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Action is an action as its board shows it.
type Action struct {
	ID            int64
	OrgID         int64
	OrgName       string
	Procedure     string
	ParentID      int64
	Weight        int
	OwnerName     string
	Title         string
	Description   string
	Indicator     string
	Status        ActionStatus
	AbandonReason string
	// Progress is the action's own percentage, or for a parent the mean of
	// its children's, weighted.
	Progress   int
	UpdatedAt  time.Time
	Milestones []Milestone
	Sources    []Source
	Children   []*Action
}

// IndicatorLabel names the indicator the action aims to move.
func (a Action) IndicatorLabel() string { l, _ := indicatorLabel(a.Indicator); return l }

// Milestone is a dated step of an action.
type Milestone struct {
	Title string
	Due   time.Time
}

const selectActionsSQL = `SELECT a.id, a.org_id, o.name, a.procedure_slug, COALESCE(a.parent_id, 0), a.weight,
	COALESCE(u.name, ''), a.title, a.description, a.indicator, a.status, a.abandon_reason, a.progress, a.updated_at
	FROM listening_actions a JOIN organisations o ON o.id = a.org_id LEFT JOIN users u ON u.id = a.owner_id`

const (
	orgActionsSQL = selectActionsSQL + ` WHERE a.org_id = $1 ORDER BY a.created_at, a.id`
	milestonesSQL = `SELECT m.action_id, m.title, m.due_at FROM listening_milestones m JOIN listening_actions a ON a.id = m.action_id
	WHERE a.org_id = $1 ORDER BY m.due_at, m.id`
	sourcesSQL = `SELECT s.action_id, s.kind, s.source_id FROM listening_action_sources s JOIN listening_actions a ON a.id = s.action_id
	WHERE a.org_id = $1 ORDER BY s.kind, s.source_id`
)

// OrgActions returns the board of organisation orgID: its top actions with
// their children, milestones and proposals, progress rolled up.
func (s *Service) OrgActions(ctx context.Context, orgID int64) ([]*Action, error) {
	all, err := s.actions(ctx, orgActionsSQL, orgID)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*Action{}
	for _, a := range all {
		byID[a.ID] = a
	}
	if err := s.details(ctx, orgID, byID); err != nil {
		return nil, err
	}
	var top []*Action
	for _, a := range all {
		if p, ok := byID[a.ParentID]; ok && a.ParentID != a.ID {
			p.Children = append(p.Children, a)
		} else {
			top = append(top, a)
		}
	}
	for _, a := range top {
		rollUp(a, 0)
	}
	return top, nil
}

// ProcedureActions returns the board of a procedure: the top actions of
// its organisation that are about it, or whose children are.
func (s *Service) ProcedureActions(ctx context.Context, orgID int64, slug string) ([]*Action, error) {
	top, err := s.OrgActions(ctx, orgID)
	if err != nil {
		return nil, err
	}
	var out []*Action
	for _, a := range top {
		if about(a, slug) {
			out = append(out, a)
		}
	}
	return out, nil
}

func about(a *Action, slug string) bool {
	if a.Procedure == slug {
		return true
	}
	for _, c := range a.Children {
		if about(c, slug) {
			return true
		}
	}
	return false
}

// rollUp sets a parent's progress to the weighted mean of its children's;
// depth guards against a cycle.
func rollUp(a *Action, depth int) int {
	if len(a.Children) == 0 || depth > 20 {
		return a.Progress
	}
	sum, weights := 0, 0
	for _, c := range a.Children {
		sum += rollUp(c, depth+1) * c.Weight
		weights += c.Weight
	}
	a.Progress = (sum + weights/2) / weights
	return a.Progress
}

func (s *Service) actions(ctx context.Context, query string, arg any) ([]*Action, error) {
	rows, err := s.db.QueryContext(ctx, query, arg)
	if err != nil {
		return nil, fmt.Errorf("list actions: %w", err)
	}
	defer rows.Close()
	var out []*Action
	for rows.Next() {
		a := &Action{}
		var st string
		if err := rows.Scan(&a.ID, &a.OrgID, &a.OrgName, &a.Procedure, &a.ParentID, &a.Weight, &a.OwnerName, &a.Title,
			&a.Description, &a.Indicator, &st, &a.AbandonReason, &a.Progress, &a.UpdatedAt); err != nil {
			return nil, fmt.Errorf("list actions: %w", err)
		}
		a.Status = ActionStatus(st)
		out = append(out, a)
	}
	return out, rows.Err()
}

func (s *Service) details(ctx context.Context, orgID int64, byID map[int64]*Action) error {
	rows, err := s.db.QueryContext(ctx, milestonesSQL, orgID)
	if err != nil {
		return fmt.Errorf("list milestones: %w", err)
	}
	for rows.Next() {
		var id int64
		var m Milestone
		if err := rows.Scan(&id, &m.Title, &m.Due); err != nil {
			rows.Close()
			return fmt.Errorf("list milestones: %w", err)
		}
		if a := byID[id]; a != nil {
			a.Milestones = append(a.Milestones, m)
		}
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, sourcesSQL, orgID)
	if err != nil {
		return fmt.Errorf("list proposals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var src Source
		if err := rows.Scan(&id, &src.Kind, &src.ID); err != nil {
			return fmt.Errorf("list proposals: %w", err)
		}
		if a := byID[id]; a != nil {
			a.Sources = append(a.Sources, src)
		}
	}
	return rows.Err()
}

const actionOrgSQL = `SELECT org_id FROM listening_actions WHERE id = $1`

// ActionOrg returns the organisation of an action, for its public page.
func (s *Service) ActionOrg(ctx context.Context, id int64) (int64, error) {
	var org int64
	err := s.db.QueryRowContext(ctx, actionOrgSQL, id).Scan(&org)
	if err == sql.ErrNoRows {
		return 0, errNoAction
	}
	return org, err
}
