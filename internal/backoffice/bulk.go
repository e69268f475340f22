package backoffice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"guichet/internal/audit"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
)

// MaxBulk is the most dossiers one bulk action changes.
const MaxBulk = 500

// BulkKind is what a bulk action does to each dossier.
type BulkKind string

// The bulk actions.
const (
	BulkTake    BulkKind = "prendre"
	BulkAssign  BulkKind = "attribuer"
	BulkMessage BulkKind = "message"
	BulkDecide  BulkKind = "decider"
)

// Bulk is one action for many dossiers.
type Bulk struct {
	Kind    BulkKind
	To      int64          // BulkAssign: the agent, 0 for nobody
	Message string         // BulkMessage: the message to each person
	State   dossiers.State // BulkDecide: accepte, refuse or sans_suite
	Motive  string         // BulkDecide: the one motive of every decision
}

// Target is a dossier of a bulk action with the version the agent saw; 0
// takes it as it is now.
type Target struct{ ID, Version int64 }

// Outcome is what a bulk action did to one dossier.
type Outcome struct {
	ID        int64
	Reference string
	Done      bool
	Why       string // why not, in plain French
}

// check returns every problem of the action's form at once.
func (b Bulk) check() error {
	var problems []errs.FieldError
	add := func(field, msg string) { problems = append(problems, errs.FieldError{Field: field, Message: msg}) }
	switch b.Kind {
	case BulkTake, BulkAssign:
	case BulkMessage:
		switch n := utf8.RuneCountInString(strings.TrimSpace(b.Message)); {
		case n == 0:
			add("lot-message", "Écrivez le message à envoyer à chaque personne.")
		case n > dossiers.MaxMessage:
			add("lot-message", fmt.Sprintf("Le message est trop long : %d caractères au plus.", dossiers.MaxMessage))
		}
	case BulkDecide:
		if !b.State.Decided() {
			add("lot-etat", "Choisissez la décision : accepté, refusé ou classé sans suite.")
		} else if b.State != dossiers.Accepted && strings.TrimSpace(b.Motive) == "" {
			add("lot-motif", "Donnez le motif de la décision : chaque personne le lira.")
		}
	default:
		add("lot-action", "Choisissez l'action à faire sur les dossiers cochés.")
	}
	return errs.InvalidFields("Corrigez les champs signalés.", problems)
}

// CheckCount refuses an empty selection or one over MaxBulk, with what to
// do; a number past CountLimit is a filter's count that stopped there and
// reads "plus de 1 000".
func CheckCount(n int) error {
	switch {
	case n == 0:
		return errs.InvalidField("dossiers", "Cochez au moins un dossier, ou « tous les dossiers du filtre ».")
	case n > MaxBulk:
		return errs.InvalidField("dossiers", fmt.Sprintf("Vous avez choisi %s dossiers : %d au plus à la fois. Filtrez la liste (par démarche, par état, par date) pour en choisir moins, puis recommencez.", Count(n), MaxBulk))
	}
	return nil
}

const seeReferenceSQL = `SELECT d.reference, d.updated_at FROM dossiers d
JOIN procedure_agents pa ON pa.procedure_slug = d.procedure_slug AND pa.org_id = d.org_id AND pa.user_id = $3
WHERE d.id = $1 AND d.org_id = $2 AND d.state <> 'brouillon'`

// RunBulk does action b to each target, each in its own transaction from
// the version the agent saw: a dossier that changed meanwhile, is in a
// state the action does not fit, or is not of the agent's teams is left
// as it was and listed with why. The run is written to the audit log; each
// change to its dossier's timeline.
func (s *Service) RunBulk(ctx context.Context, ag dossiers.Agent, targets []Target, b Bulk) ([]Outcome, error) {
	if err := errors.Join(CheckCount(len(targets)), b.check()); err != nil {
		return nil, joinFields(err)
	}
	seen := map[int64]bool{}
	out := make([]Outcome, 0, len(targets))
	done := 0
	for _, t := range targets {
		if seen[t.ID] {
			continue
		}
		seen[t.ID] = true
		o := Outcome{ID: t.ID}
		o.Why = s.runOne(ctx, ag, t, b, &o.Reference)
		o.Done = o.Why == ""
		if o.Done {
			done++
		}
		out = append(out, o)
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
	}
	err := s.audit.Write(ctx, s.db.Querier(ctx), audit.Entry{Event: "dossiers_bulk", ActorID: ag.UserID,
		Detail: fmt.Sprintf("action « %s » sur %d dossiers : %d faits", b.Kind, len(out), done)})
	return out, err
}

// runOne does b to one dossier and returns why it could not, "" when done.
func (s *Service) runOne(ctx context.Context, ag dossiers.Agent, t Target, b Bulk, ref *string) string {
	var at sql.NullTime
	err := s.db.QueryRowContext(ctx, seeReferenceSQL, t.ID, ag.OrgID, ag.UserID).Scan(ref, &at)
	if err != nil {
		return "Ce dossier n'existe pas, ou il n'est pas dans les démarches de votre équipe."
	}
	*ref = dossiers.FormatReference(*ref)
	version := t.Version
	if version == 0 {
		version = at.Time.UTC().UnixMicro()
	}
	err = s.Act(ctx, ag.OrgID, ag.UserID, t.ID, version, func(ctx context.Context) error {
		switch b.Kind {
		case BulkTake:
			return s.take(ctx, ag, t.ID)
		case BulkAssign:
			return s.assign(ctx, ag, t.ID, b.To)
		case BulkMessage:
			_, err := s.dos.PostStaffMessage(ctx, ag, t.ID, b.Message, nil)
			return err
		default:
			return s.dos.Move(ctx, t.ID, ag, b.State, strings.TrimSpace(b.Motive))
		}
	})
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrChanged):
		return "Un autre agent l'a changé entre-temps : rien n'est fait sur ce dossier."
	case errs.MessageOf(err) != "":
		return errs.MessageOf(err)
	}
	return "Une erreur technique a empêché l'action : réessayez plus tard."
}

// joinFields makes one Invalid error of the field problems of errs joined.
func joinFields(err error) error {
	var all []errs.FieldError
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			all = append(all, errs.FieldsOf(e)...)
		}
	}
	return errs.InvalidFields("Corrigez les champs signalés.", all)
}

// Selection returns the dossiers of the filter for a bulk action, in its
// order, at most MaxBulk+1 so that the caller can say when there are too many.
func (s *Service) Selection(ctx context.Context, orgID, userID int64, f Filter) ([]Target, error) {
	if err := s.refreshDelays(ctx, orgID, userID); err != nil {
		return nil, err
	}
	args := queueArgs(orgID, userID, f)
	from, err := s.source(ctx, f, args)
	if err != nil {
		return nil, err
	}
	rows, err := s.rows(ctx, args, f, from, MaxBulk+1, 0)
	if err != nil {
		return nil, fmt.Errorf("selection of agent %d: %w", userID, err)
	}
	out := make([]Target, len(rows))
	for i, r := range rows {
		out[i] = Target{ID: r.ID, Version: r.Version}
	}
	return out, nil
}
