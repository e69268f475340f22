package notify

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"guichet/internal/errs"
)

// destination is one address a message goes to.
type destination struct {
	channel, address string
	userID           int64
	// forPerson is set when a help structure carries the message.
	forPerson string
}

// Notify stores the messages of ev, one per channel the recipient gets, each
// with its send job, in the caller's transaction when ctx carries one
// (database.InTx). A second Notify with the same IdempotencyKey stores
// nothing. An account that chose no notification gets nothing, unless the
// event is Legal.
func (s *Service) Notify(ctx context.Context, ev Event) error {
	info, ok := InfoOf(ev.Kind)
	if !ok {
		return fmt.Errorf("notify: unknown event kind %q", ev.Kind)
	}
	if ev.IdempotencyKey == "" {
		return fmt.Errorf("notify %s: no idempotency key", ev.Kind)
	}
	var missing []string
	for _, f := range info.Fields {
		if _, ok := ev.Data[f.Name]; !ok {
			missing = append(missing, f.Name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("notify %s (%s): data lacks %s", ev.Kind, ev.IdempotencyKey, listNames(missing))
	}
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		dests, err := s.destinations(ctx, tx, ev)
		if err != nil {
			return err
		}
		for i, d := range dests {
			if err := s.storeEvent(ctx, tx, ev, d, i); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if s.jobs != nil {
		s.jobs.Notify()
	}
	return nil
}

// storeEvent renders ev for d with the organisation's template and stores it.
func (s *Service) storeEvent(ctx context.Context, tx querier, ev Event, d destination, i int) error {
	t, err := s.templateIn(ctx, tx, ev.OrgID, ev.Kind, d.channel)
	if err != nil {
		return err
	}
	r, err := t.Render(ev.Data)
	if err != nil {
		return fmt.Errorf("notify %s (%s): %w", ev.Kind, ev.IdempotencyKey, err)
	}
	if d.forPerson != "" {
		r.Body = "Message pour " + cleanValue(d.forPerson) + ", que vous accompagnez :\n\n" + r.Body
	}
	m := Message{Key: fmt.Sprintf("%s/%s/%d", ev.IdempotencyKey, d.channel, i), OrgID: ev.OrgID, UserID: d.userID,
		Event: ev.Kind, Channel: d.channel, Recipient: d.address, Subject: r.Subject, Body: r.Body, Parts: r.Count.Parts}
	if d.channel == SMS && !ev.Immediate {
		m.SendAfter = s.morningAfter(s.clock())
	}
	_, err = s.store(ctx, tx, m)
	return err
}

// destinations resolves ev's recipient to addresses, after the person's
// preferences.
func (s *Service) destinations(ctx context.Context, tx querier, ev Event) ([]destination, error) {
	rc := ev.Recipient
	switch {
	case rc.UserID != 0:
		return s.userDestinations(ctx, tx, rc.UserID, ev.Legal)
	case rc.HelpOrgID != 0:
		return s.helpDestinations(ctx, tx, rc.HelpOrgID, rc.ForPerson)
	}
	var dests []destination
	if rc.Email != "" {
		dests = append(dests, destination{channel: Email, address: strings.TrimSpace(rc.Email)})
	}
	if rc.Phone != "" {
		phone, err := normalizePhone(rc.Phone)
		if err != nil {
			return nil, err
		}
		dests = append(dests, destination{channel: SMS, address: phone})
	}
	if len(dests) == 0 {
		return nil, fmt.Errorf("notify %s (%s): no recipient", ev.Kind, ev.IdempotencyKey)
	}
	return dests, nil
}

// The accounts and help structures are read in the transaction of the event
// (a dossier and its first message may be created together), straight from
// the identity tables, read only.
const (
	userEmailSQL = `SELECT email FROM users WHERE id = $1 AND disabled_at IS NULL`
	helpEmailSQL = `SELECT DISTINCT u.email FROM memberships m JOIN users u ON u.id = m.user_id
JOIN organisations o ON o.id = m.org_id
WHERE m.org_id = $1 AND o.kind = 'help_structure' AND m.role = 'mediator' AND u.disabled_at IS NULL
ORDER BY u.email`
)

func (s *Service) userDestinations(ctx context.Context, tx querier, userID int64, legal bool) ([]destination, error) {
	var email string
	err := tx.QueryRowContext(ctx, userEmailSQL, userID).Scan(&email)
	if err == sql.ErrNoRows {
		return nil, nil // a closed account hears nothing more
	}
	if err != nil {
		return nil, fmt.Errorf("read account %d: %w", userID, err)
	}
	p, err := s.preferencesIn(ctx, tx, userID)
	if err != nil {
		return nil, err
	}
	mailTo := destination{channel: Email, address: email, userID: userID}
	smsTo := destination{channel: SMS, address: p.Phone, userID: userID}
	hasPhone := p.Phone != "" && p.PhoneConfirmed
	switch p.Channels {
	case ChannelsNone:
		if legal {
			return []destination{mailTo}, nil
		}
		return nil, nil
	case ChannelsSMS:
		if hasPhone {
			return []destination{smsTo}, nil
		}
	case ChannelsBoth:
		if hasPhone {
			return []destination{mailTo, smsTo}, nil
		}
	}
	// E-mail, or SMS chosen before the phone was confirmed: e-mail, so that
	// the person hears of it all the same.
	return []destination{mailTo}, nil
}

func (s *Service) helpDestinations(ctx context.Context, tx querier, orgID int64, person string) ([]destination, error) {
	if strings.TrimSpace(person) == "" {
		return nil, fmt.Errorf("notify through help structure %d: no person named", orgID)
	}
	rows, err := tx.QueryContext(ctx, helpEmailSQL, orgID)
	if err != nil {
		return nil, fmt.Errorf("read mediators of %d: %w", orgID, err)
	}
	defer rows.Close()
	var dests []destination
	for rows.Next() {
		var email string
		if err := rows.Scan(&email); err != nil {
			return nil, err
		}
		dests = append(dests, destination{channel: Email, address: email, forPerson: person})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(dests) == 0 {
		return nil, errs.Errorf(errs.Invalid, "Cette structure d'aide n'a pas de médiateur pour recevoir le message.")
	}
	return dests, nil
}
