package dossiers

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"guichet/internal/audit"
)

// Helper is a mediator acting for the dossier's person under a mandate
// the person gave the help structure OrgID (internal/mediation). The pages
// put it in the request's context (WithHelper) once they have checked the
// mandate; every write then names the mediator and the structure in the
// timeline and the audit log, marks the dossier as helped by a mediator,
// and is journaled through Options.Assisted in the same transaction.
type Helper struct {
	MediatorID int64
	OrgID      int64
	MandateID  int64
}

type helperKey struct{}

// WithHelper returns ctx carrying h: the writes made with it are the
// mediator's, for the person.
func WithHelper(ctx context.Context, h Helper) context.Context {
	return context.WithValue(ctx, helperKey{}, h)
}

// HelperOf returns the mediator acting in ctx, ok false when the person acts
// for themselves.
func HelperOf(ctx context.Context) (Helper, bool) {
	h, ok := ctx.Value(helperKey{}).(Helper)
	return h, ok && h.MediatorID != 0
}

// Assist is one action of a mediator on a dossier, for the mandate's
// journal.
type Assist struct {
	Helper
	// Procedure is the dossier's procedure (its slug): its category is
	// what the mandate must cover.
	Procedure string
	// Event names the action ("dossier.sent"); Detail says it in French
	// for the person ("Dossier ABCD-EFGH envoyé").
	Event, Detail string
}

// Assisted journals an action of a mediator in tx, the transaction of the
// action, refusing it (with its error) when the mandate no longer allows
// it; internal/app wires it to mediation.Service.Record.
type Assisted func(ctx context.Context, tx *sql.Tx, a Assist) error

const markHelpedSQL = `UPDATE dossiers SET helped_by_org_id = $1 WHERE id = $2`

// assisted records, when a mediator acts in ctx, that they did what on the
// dossier: the dossier is marked helped by their structure, the audit log
// names the mediator and the structure, and the mandate's journal gets the
// action, all in tx. Without a mediator it does nothing.
func (s *Service) assisted(ctx context.Context, tx *sql.Tx, d *Dossier, event, detail string) error {
	h, ok := HelperOf(ctx)
	if !ok {
		return nil
	}
	if s.opts.Assisted == nil {
		return fmt.Errorf("dossiers: a mediator acts on dossier %d but no journal is wired", d.ID)
	}
	if _, err := tx.ExecContext(ctx, markHelpedSQL, h.OrgID, d.ID); err != nil {
		return fmt.Errorf("mark dossier %d helped: %w", d.ID, err)
	}
	detail = detail + " (dossier " + d.ShownReference() + ")"
	if err := s.audit.Write(ctx, tx, audit.Entry{Event: "dossier_mediated", UserID: d.UserID, ActorID: h.MediatorID,
		Detail: detail + " par le médiateur " + strconv.FormatInt(h.MediatorID, 10) + " de la structure " +
			strconv.FormatInt(h.OrgID, 10) + " sous le mandat " + strconv.FormatInt(h.MandateID, 10)}); err != nil {
		return err
	}
	return s.opts.Assisted(ctx, tx, Assist{Helper: h, Procedure: d.Procedure, Event: event, Detail: detail})
}

const helpedCountSQL = `SELECT COUNT(*), COUNT(helped_by_org_id) FROM dossiers
WHERE submitted_at IS NOT NULL AND submitted_at >= $1 AND submitted_at < $2`

// HelpedCount returns how many dossiers were sent between from and to, and
// how many of them a mediator worked on under a mandate: the share of
// dossiers "aidés par un médiateur" the observatory shows.
func (s *Service) HelpedCount(ctx context.Context, from, to time.Time) (sent, helped int, err error) {
	err = s.db.QueryRowContext(ctx, helpedCountSQL, from.UTC(), to.UTC()).Scan(&sent, &helped)
	if err != nil {
		return 0, 0, fmt.Errorf("count helped dossiers: %w", err)
	}
	return sent, helped, nil
}

const helpedByProcedureSQL = `SELECT procedure_slug, COUNT(*), COUNT(helped_by_org_id) FROM dossiers
WHERE submitted_at IS NOT NULL AND submitted_at >= $1 AND submitted_at < $2 GROUP BY procedure_slug`

// HelpedByProcedure is HelpedCount procedure by procedure: for each slug
// with a dossier sent between from and to, [sent, helped].
func (s *Service) HelpedByProcedure(ctx context.Context, from, to time.Time) (map[string][2]int, error) {
	rows, err := s.db.QueryContext(ctx, helpedByProcedureSQL, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("count helped dossiers by procedure: %w", err)
	}
	defer rows.Close()
	out := map[string][2]int{}
	for rows.Next() {
		var slug string
		var sent, helped int
		if err := rows.Scan(&slug, &sent, &helped); err != nil {
			return nil, fmt.Errorf("count helped dossiers by procedure: %w", err)
		}
		out[slug] = [2]int{sent, helped}
	}
	return out, rows.Err()
}
