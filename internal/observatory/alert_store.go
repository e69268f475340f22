package observatory

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/mail"
)

// Alert is a cause raised on a procedure, open until ClearedAt.
type Alert struct {
	ID         int64
	Procedure  string
	Cause      string
	Detail     string
	RaisedAt   time.Time
	ClearedAt  *time.Time
	Title      string // the procedure's title, for the pages
	OwnerOrgID int64
}

const (
	openAlertsSQL  = `SELECT id, procedure_slug, cause FROM observatory_alerts WHERE cleared_at IS NULL`
	raiseAlertSQL  = `INSERT INTO observatory_alerts (procedure_slug, cause, detail, raised_at) VALUES ($1, $2, $3, $4) RETURNING id`
	clearAlertSQL  = `UPDATE observatory_alerts SET cleared_at = $2 WHERE id = $1 AND cleared_at IS NULL`
	lockAlertsSQL  = `SELECT pg_advisory_xact_lock(hashtextextended('observatory_alerts', 0))`
	alertsSinceSQL = `SELECT id, procedure_slug, cause, detail, raised_at, cleared_at FROM observatory_alerts
WHERE cleared_at IS NULL OR cleared_at >= $1 ORDER BY raised_at DESC, id DESC`
)

// settle raises the causes found that are not open yet, each once, with an
// e-mail to the procedure's owners and the observatory, and clears the
// open ones whose cause has ended, in one transaction.
func (s *Service) settle(ctx context.Context, now time.Time, found map[string][]cause) error {
	procs, err := s.opts.Procedures(ctx)
	if err != nil {
		return err
	}
	byslug := map[string]Procedure{}
	for _, p := range procs {
		byslug[p.Slug] = p
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		if s.db.Dialect == database.Postgres {
			// Two nodes refreshing at once must not both raise a cause.
			if _, err := tx.ExecContext(ctx, lockAlertsSQL); err != nil {
				return fmt.Errorf("lock alerts: %w", err)
			}
		}
		open := map[string]int64{}
		rows, err := tx.QueryContext(ctx, openAlertsSQL)
		if err != nil {
			return fmt.Errorf("read alerts: %w", err)
		}
		for rows.Next() {
			var id int64
			var slug, c string
			if err := rows.Scan(&id, &slug, &c); err != nil {
				rows.Close()
				return fmt.Errorf("read alerts: %w", err)
			}
			open[slug+"\x00"+c] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read alerts: %w", err)
		}
		for slug, cs := range found {
			for _, c := range cs {
				k := slug + "\x00" + c.key
				if _, ok := open[k]; ok {
					delete(open, k)
					continue
				}
				if err := s.raise(ctx, tx, now, byslug[slug], slug, c); err != nil {
					return err
				}
			}
		}
		for _, id := range open {
			if _, err := tx.ExecContext(ctx, clearAlertSQL, id, now); err != nil {
				return fmt.Errorf("clear alert %d: %w", id, err)
			}
		}
		return nil
	})
}

// raise stores one alert, writes it to the audit log and sends its e-mail.
func (s *Service) raise(ctx context.Context, tx *sql.Tx, now time.Time, p Procedure, slug string, c cause) error {
	var id int64
	if err := tx.QueryRowContext(ctx, raiseAlertSQL, slug, c.key, c.detail, now).Scan(&id); err != nil {
		return fmt.Errorf("raise alert: %w", err)
	}
	if err := s.audit.Write(ctx, tx, audit.Entry{Event: "observatory_alert", Detail: fmt.Sprintf("alerte %d sur %s : %s", id, slug, c.key)}); err != nil {
		return err
	}
	if s.opts.Recipients == nil {
		return nil
	}
	to, err := s.opts.Recipients(ctx, p.OrgID)
	if err != nil {
		return err
	}
	title := p.Title
	if title == "" {
		title = slug
	}
	body := fmt.Sprintf("Bonjour,\n\nL'observatoire signale une alerte sur la démarche « %s » :\n\n%s\n\n"+
		"Les indicateurs de la démarche : %s/observatoire/%s\nLes alertes en cours : %s/observatoire/alertes\n\n"+
		"Cette alerte n'est envoyée qu'une fois ; elle se lève d'elle-même quand sa cause cesse.\n",
		title, c.detail, strings.TrimRight(s.opts.BaseURL, "/"), slug, strings.TrimRight(s.opts.BaseURL, "/"))
	for _, addr := range to {
		m := mail.Message{To: addr, Subject: "Alerte de l'observatoire : " + title, Body: body}
		key := fmt.Sprintf("observatory-alert:%d:%s", id, addr)
		if s.opts.Box != nil {
			err = mail.EnqueueSealed(ctx, tx, s.opts.Box, m, key)
		} else {
			err = mail.Enqueue(ctx, tx, m, key)
		}
		if err != nil {
			return fmt.Errorf("alert e-mail: %w", err)
		}
	}
	return nil
}

// Alerts lists the open alerts and those cleared since since, newest first.
func (s *Service) Alerts(ctx context.Context, since time.Time) ([]Alert, error) {
	procs, err := s.opts.Procedures(ctx)
	if err != nil {
		return nil, err
	}
	byslug := map[string]Procedure{}
	for _, p := range procs {
		byslug[p.Slug] = p
	}
	rows, err := s.db.QueryContext(ctx, alertsSinceSQL, since.UTC())
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		var a Alert
		var cleared sql.NullTime
		if err := rows.Scan(&a.ID, &a.Procedure, &a.Cause, &a.Detail, &a.RaisedAt, &cleared); err != nil {
			return nil, fmt.Errorf("list alerts: %w", err)
		}
		if cleared.Valid {
			a.ClearedAt = &cleared.Time
		}
		a.Title, a.OwnerOrgID = byslug[a.Procedure].Title, byslug[a.Procedure].OrgID
		if a.Title == "" {
			a.Title = a.Procedure
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
