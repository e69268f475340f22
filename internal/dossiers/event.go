package dossiers

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"guichet/internal/audit"
	"guichet/internal/database"
)

// EventKind names an entry of a dossier's timeline.
type EventKind string

// The kinds of timeline entries.
const (
	EventStarted             EventKind = "commence"
	EventState               EventKind = "etat"
	EventMessage             EventKind = "message"
	EventCorrectionRequested EventKind = "correction_demandee"
	EventCorrectionSent      EventKind = "correction_envoyee"
	EventExpiryNotice        EventKind = "rappel_suppression"
	EventRetentionNotice     EventKind = "avis_conservation"
	EventAssigned            EventKind = "attribue"
)

// Event is one entry of a dossier's timeline.
type Event struct {
	At      time.Time
	ActorID int64 // 0 for the system or a token
	// TokenID is the organisation's API token that acted, 0 when none did.
	TokenID int64
	Kind    EventKind
	From    State
	To      State
	Detail  string
	// ViaOrgID is the help structure whose mediator acted (ActorID) for
	// the person under a mandate; 0 otherwise.
	ViaOrgID int64
}

// Text says what happened in plain French.
func (e Event) Text() string {
	switch e.Kind {
	case EventStarted:
		return "Brouillon commencé"
	case EventState:
		switch {
		case e.From == Draft:
			return "Dossier envoyé"
		case e.To == InInstruction && e.From.Decided():
			return "Décision rouverte : dossier de nouveau en cours de traitement"
		}
		return "Nouvel état : " + e.To.Label()
	case EventMessage:
		return "Message"
	case EventCorrectionRequested:
		return "Correction demandée"
	case EventCorrectionSent:
		return "Correction envoyée"
	case EventExpiryNotice:
		return "Rappel envoyé : brouillon bientôt supprimé"
	case EventRetentionNotice:
		return "Avis envoyé : dossier terminé bientôt supprimé, le " + e.Detail
	case EventAssigned:
		return "Dossier attribué"
	}
	return string(e.Kind)
}

// Internal tells whether the entry is the administration's own business
// (which agent has the dossier), left out of what its person reads.
func (e Event) Internal() bool { return e.Kind == EventAssigned }

const insertEventSQL = `INSERT INTO dossier_events (dossier_id, at, actor_id, kind, from_state, to_state, detail, token_id, via_org_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`

// addEvent writes a timeline entry through q, in the caller's transaction.
// When a mediator acts in ctx (WithHelper), the entry is theirs and their
// structure's.
func addEvent(ctx context.Context, q database.Querier, dossierID int64, e Event) error {
	if h, ok := HelperOf(ctx); ok {
		e.ActorID, e.ViaOrgID = h.MediatorID, h.OrgID
	}
	if _, err := q.ExecContext(ctx, insertEventSQL, dossierID, e.At, nullID(e.ActorID), string(e.Kind),
		string(e.From), string(e.To), e.Detail, nullID(e.TokenID), nullID(e.ViaOrgID)); err != nil {
		return fmt.Errorf("dossier %d: write %s event: %w", dossierID, e.Kind, err)
	}
	return nil
}

const timelineSQL = `SELECT at, COALESCE(actor_id, 0), kind, from_state, to_state, detail, COALESCE(token_id, 0), COALESCE(via_org_id, 0)
FROM dossier_events WHERE dossier_id = $1 ORDER BY at DESC, id DESC`

// Timeline returns the entries of a dossier, newest first. The caller has
// checked access (Get or GetForStaff).
func (s *Service) Timeline(ctx context.Context, d *Dossier) ([]Event, error) {
	rows, err := s.db.QueryContext(ctx, timelineSQL, d.ID)
	if err != nil {
		return nil, fmt.Errorf("timeline of dossier %d: %w", d.ID, err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var kind, from, to string
		if err := rows.Scan(&e.At, &e.ActorID, &kind, &from, &to, &e.Detail, &e.TokenID, &e.ViaOrgID); err != nil {
			return nil, fmt.Errorf("timeline of dossier %d: %w", d.ID, err)
		}
		e.At, e.Kind, e.From, e.To = e.At.UTC(), EventKind(kind), State(from), State(to)
		out = append(out, e)
	}
	return out, rows.Err()
}

// auditRead is the audit entry of a staff member, or an organisation's
// API token, reading a person's data.
func auditRead(ag Agent, userID int64, what string) audit.Entry {
	return audit.Entry{Event: "dossier_read", UserID: userID, ActorID: ag.UserID, TokenID: ag.TokenID,
		Detail: "lecture par " + ag.who() + " : " + what}
}

// who names the agent or token in the audit log's details.
func (ag Agent) who() string {
	if ag.TokenID != 0 {
		return "le jeton d'API " + strconv.FormatInt(ag.TokenID, 10) + " de l'organisation " + strconv.FormatInt(ag.OrgID, 10)
	}
	return "l'agent " + strconv.FormatInt(ag.UserID, 10)
}

// auditAction writes an agent's or a token's change of dossier d to the
// audit log, in the transaction of the change.
func (s *Service) auditAction(ctx context.Context, q database.Querier, ag Agent, d *Dossier, what string) error {
	return s.audit.Write(ctx, q, audit.Entry{Event: "dossier_changed", UserID: d.UserID, ActorID: ag.UserID,
		TokenID: ag.TokenID, Detail: "dossier " + d.Reference + " : " + what + ", par " + ag.who()})
}
