package listening

import "context"

// The actions studied or under way about a procedure (those about no
// procedure in particular have an empty slug, which $1 leaves out).
const actionsUnderWaySQL = selectActionsSQL + ` WHERE a.status IN ('a_l_etude', 'en_cours') AND a.procedure_slug <> $1
	ORDER BY a.updated_at DESC, a.id`

// ActionsUnderWay lists, by procedure slug, the actions being studied or
// under way about it, most recently changed first, in one query: what the
// observatory's priorities show beside each procedure. Progress is each
// action's own.
func (s *Service) ActionsUnderWay(ctx context.Context) (map[string][]*Action, error) {
	all, err := s.actions(ctx, actionsUnderWaySQL, "")
	if err != nil {
		return nil, err
	}
	out := map[string][]*Action{}
	for _, a := range all {
		out[a.Procedure] = append(out[a.Procedure], a)
	}
	return out, nil
}
