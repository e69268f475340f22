package webhooks

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/errs"
)

// Endpoint is an address of an organisation's system that receives the
// events it chose.
type Endpoint struct {
	ID        int64
	OrgID     int64
	URL       string
	Events    []string
	CreatedAt time.Time
	// DisabledAt is when an administrator stopped the endpoint; zero while
	// it receives events.
	DisabledAt time.Time
}

// Disabled tells whether the endpoint receives nothing.
func (e *Endpoint) Disabled() bool { return !e.DisabledAt.IsZero() }

// Wants tells whether the endpoint chose eventType.
func (e *Endpoint) Wants(eventType string) bool { return slices.Contains(e.Events, eventType) }

// The audit events of endpoints.
const (
	EventEndpointCreated  = "webhook_created"
	EventEndpointDisabled = "webhook_disabled"
	EventEndpointEnabled  = "webhook_enabled"
	EventEndpointDeleted  = "webhook_deleted"
	EventDeliveryReplayed = "webhook_replayed"
)

var errNoEndpoint = errs.E(errs.NotFound, "Ce point de réception n'existe pas, ou il a été supprimé.")

const countEndpointsSQL = `SELECT COUNT(*) FROM webhook_endpoints WHERE org_id = $1`

const insertEndpointSQL = `INSERT INTO webhook_endpoints (org_id, url, events, secret, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`

// Create registers an endpoint of the organisation orgID receiving events
// at rawURL, made by actorID (0 for the command line). It returns the
// secret, to show once as FormatSecret writes it: only its sealed form is
// kept. Problems come back as errs.InvalidFields on "url" and "events".
func (s *Service) Create(ctx context.Context, actorID, orgID int64, rawURL string, events []string) (string, *Endpoint, error) {
	rawURL = strings.TrimSpace(rawURL)
	var problems []errs.FieldError
	if msg := checkURL(rawURL, s.opts.AllowPrivate); msg != "" {
		problems = append(problems, errs.FieldError{Field: "url", Message: msg})
	}
	events = cleanEvents(events)
	if len(events) == 0 {
		problems = append(problems, errs.FieldError{Field: "events", Message: "Choisissez au moins un évènement à recevoir."})
	}
	for _, e := range events {
		if !knownType(e) {
			problems = append(problems, errs.FieldError{Field: "events", Message: fmt.Sprintf("« %s » n'est pas un évènement connu.", e)})
			break
		}
	}
	if err := errs.InvalidFields("Le point de réception n'a pas été enregistré.", problems); err != nil {
		return "", nil, err
	}
	secret := newSecret()
	list, _ := json.Marshal(events)
	ep := &Endpoint{OrgID: orgID, URL: rawURL, Events: events, CreatedAt: s.now()}
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, countEndpointsSQL, orgID).Scan(&n); err != nil {
			return fmt.Errorf("count endpoints of organisation %d: %w", orgID, err)
		}
		if n >= MaxEndpoints {
			return errs.InvalidField("url", fmt.Sprintf("L'organisation a déjà %d points de réception : supprimez-en un avant d'en ajouter.", n))
		}
		if err := tx.QueryRowContext(ctx, insertEndpointSQL, orgID, rawURL, string(list), s.opts.Box.Seal(secret),
			nullID(actorID), ep.CreatedAt).Scan(&ep.ID); err != nil {
			return fmt.Errorf("insert endpoint: %w", err)
		}
		return s.record(ctx, tx, actorID, EventEndpointCreated, fmt.Sprintf("point de réception %d de l'organisation %d : %s (%s)",
			ep.ID, orgID, withoutQuery(rawURL), strings.Join(events, ", ")))
	})
	if err != nil {
		return "", nil, err
	}
	return FormatSecret(secret), ep, nil
}

// cleanEvents trims, drops empties and duplicates, and keeps the order of
// EventTypes, so that the list reads the same whatever the form sent.
func cleanEvents(in []string) []string {
	var out []string
	for _, e := range in {
		for part := range strings.SplitSeq(e, ",") {
			if part = strings.TrimSpace(part); part != "" && !slices.Contains(out, part) {
				out = append(out, part)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return typeRank(a) - typeRank(b) })
	return out
}

func typeRank(name string) int {
	if i := slices.IndexFunc(eventTypes, func(e EventType) bool { return e.Name == name }); i >= 0 {
		return i
	}
	return len(eventTypes)
}

// record writes an audit entry of an administrator's (or the operator's)
// action on endpoints, in tx.
func (s *Service) record(ctx context.Context, tx *sql.Tx, actorID int64, event, detail string) error {
	if actorID == 0 {
		detail += ", par la ligne de commande"
	}
	return s.audit.Write(ctx, tx, audit.Entry{Event: event, UserID: actorID, ActorID: actorID, Detail: detail})
}

const selectEndpoints = `SELECT id, org_id, url, events, created_at, disabled_at FROM webhook_endpoints`

const endpointsOfOrgSQL = selectEndpoints + ` WHERE org_id = $1 ORDER BY id`

// Endpoints lists the endpoints of the organisation orgID, oldest first.
func (s *Service) Endpoints(ctx context.Context, orgID int64) ([]Endpoint, error) {
	rows, err := s.db.QueryContext(ctx, endpointsOfOrgSQL, orgID)
	if err != nil {
		return nil, fmt.Errorf("endpoints of organisation %d: %w", orgID, err)
	}
	defer rows.Close()
	var out []Endpoint
	for rows.Next() {
		e, err := scanEndpoint(rows)
		if err != nil {
			return nil, fmt.Errorf("endpoints of organisation %d: %w", orgID, err)
		}
		out = append(out, *e)
	}
	return out, rows.Err()
}

const endpointSQL = selectEndpoints + ` WHERE id = $1 AND org_id = $2`

// Endpoint returns the endpoint id of the organisation orgID; NotFound for
// another organisation's.
func (s *Service) Endpoint(ctx context.Context, orgID, id int64) (*Endpoint, error) {
	return endpoint(ctx, s.db.Querier(ctx), orgID, id)
}

func endpoint(ctx context.Context, q database.Querier, orgID, id int64) (*Endpoint, error) {
	e, err := scanEndpoint(q.QueryRowContext(ctx, endpointSQL, id, orgID))
	if database.IsNoRows(err) {
		return nil, errNoEndpoint
	}
	if err != nil {
		return nil, fmt.Errorf("endpoint %d: %w", id, err)
	}
	return e, nil
}

func scanEndpoint(row interface{ Scan(...any) error }) (*Endpoint, error) {
	var e Endpoint
	var events string
	var disabled sql.NullTime
	if err := row.Scan(&e.ID, &e.OrgID, &e.URL, &events, &e.CreatedAt, &disabled); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(events), &e.Events); err != nil {
		return nil, fmt.Errorf("events of endpoint %d: %w", e.ID, err)
	}
	e.CreatedAt = e.CreatedAt.UTC()
	if disabled.Valid {
		e.DisabledAt = disabled.Time.UTC()
	}
	return &e, nil
}

const (
	disableEndpointSQL = `UPDATE webhook_endpoints SET disabled_at = $1 WHERE id = $2 AND org_id = $3 AND disabled_at IS NULL`
	enableEndpointSQL  = `UPDATE webhook_endpoints SET disabled_at = NULL WHERE id = $1 AND org_id = $2 AND disabled_at IS NOT NULL`
)

// SetDisabled stops (disabled) or restarts an endpoint of orgID for
// actorID. A stopped endpoint receives no new event, and its waiting
// deliveries are given up when their turn comes; they can be sent again
// from the page once it is restarted.
func (s *Service) SetDisabled(ctx context.Context, actorID, orgID, id int64, disabled bool) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := endpoint(ctx, tx, orgID, id); err != nil {
			return err
		}
		var res sql.Result
		var err error
		event := EventEndpointEnabled
		if disabled {
			event = EventEndpointDisabled
			res, err = tx.ExecContext(ctx, disableEndpointSQL, s.now(), id, orgID)
		} else {
			res, err = tx.ExecContext(ctx, enableEndpointSQL, id, orgID)
		}
		if err != nil {
			return fmt.Errorf("%s endpoint %d: %w", event, id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // already so: nothing to record
		}
		return s.record(ctx, tx, actorID, event, fmt.Sprintf("point de réception %d de l'organisation %d", id, orgID))
	})
}

const deleteEndpointSQL = `DELETE FROM webhook_endpoints WHERE id = $1 AND org_id = $2`

// Delete removes an endpoint of orgID with its deliveries and their tries,
// for actorID. Jobs still waiting for them find nothing and end.
func (s *Service) Delete(ctx context.Context, actorID, orgID, id int64) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		e, err := endpoint(ctx, tx, orgID, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, deleteEndpointSQL, id, orgID); err != nil {
			return fmt.Errorf("delete endpoint %d: %w", id, err)
		}
		return s.record(ctx, tx, actorID, EventEndpointDeleted, fmt.Sprintf("point de réception %d de l'organisation %d : %s", id, orgID, withoutQuery(e.URL)))
	})
}

// withoutQuery is an address as the audit log keeps it: receivers often
// put a token of theirs in the query, and the log holds no secret.
func withoutQuery(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host + u.Path
}

// nullID stores 0 as NULL.
func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }
