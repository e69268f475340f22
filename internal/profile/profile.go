package profile

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"guichet/internal/audit"
	"guichet/internal/errs"
	"guichet/internal/forms"
)

// Profile is what a person's profile holds, by item; an item never given
// is absent.
type Profile map[Item]Entry

// Has tells whether the profile holds item.
func (p Profile) Has(item Item) bool { _, ok := p[item]; return ok }

const itemsOfUserSQL = `SELECT item, value, source_kind, source_org, updated_at FROM profile_items WHERE user_id = $1`

// Get returns the person's profile, its values opened. It writes nothing:
// a read by someone else than the person goes through the access log
// (internal/accesslog), by the caller.
func (s *Service) Get(ctx context.Context, userID int64) (Profile, error) {
	rows, err := s.db.Querier(ctx).QueryContext(ctx, itemsOfUserSQL, userID)
	if err != nil {
		return nil, fmt.Errorf("read profile of user %d: %w", userID, err)
	}
	defer rows.Close()
	p := Profile{}
	for rows.Next() {
		var e Entry
		var sealed string
		if err := rows.Scan(&e.Item, &sealed, &e.Source.Kind, &e.Source.Org, &e.Source.At); err != nil {
			return nil, fmt.Errorf("read profile of user %d: %w", userID, err)
		}
		plain, err := s.box.Open(sealed)
		if err != nil {
			return nil, fmt.Errorf("open profile item %s of user %d: %w", e.Item, userID, err)
		}
		if err := json.Unmarshal(plain, &e.Value); err != nil {
			return nil, fmt.Errorf("decode profile item %s of user %d: %w", e.Item, userID, err)
		}
		e.Source.At = e.Source.At.UTC()
		p[e.Item] = e
	}
	return p, rows.Err()
}

// Declare stores what the person declared for item, after checking it:
// errs.InvalidFields names the page's fields in order. The source becomes
// "déclaré par vous" today.
func (s *Service) Declare(ctx context.Context, userID int64, item Item, v Value) error {
	clean, err := check(item, v, s.now())
	if err != nil {
		return err
	}
	return s.put(ctx, userID, Entry{Item: item, Value: clean, Source: Source{Kind: ByPerson}})
}

// Receive stores what an administration sent for item (org names it in a
// sentence: "la CAF"), after the same checks as Declare.
func (s *Service) Receive(ctx context.Context, userID int64, item Item, v Value, org string) error {
	clean, err := check(item, v, s.now())
	if err != nil {
		return err
	}
	return s.put(ctx, userID, Entry{Item: item, Value: clean, Source: Source{Kind: ByAdministration, Org: org}})
}

const upsertItemSQL = `INSERT INTO profile_items (user_id, item, value, source_kind, source_org, updated_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (user_id, item) DO UPDATE SET value = excluded.value, source_kind = excluded.source_kind,
source_org = excluded.source_org, updated_at = excluded.updated_at`

// put seals and stores e, with an audit line that names the item, never its value.
func (s *Service) put(ctx context.Context, userID int64, e Entry) error {
	if userID == 0 {
		return errs.E(errs.Internal, "profile: a person is required")
	}
	plain, err := json.Marshal(e.Value)
	if err != nil {
		return fmt.Errorf("encode profile item: %w", err)
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, upsertItemSQL, userID, string(e.Item), s.box.Seal(plain), e.Source.Kind,
			e.Source.Org, s.now()); err != nil {
			return fmt.Errorf("store profile item %s: %w", e.Item, err)
		}
		if err := s.audit.Write(ctx, tx, audit.Entry{Event: "profile_changed", UserID: userID, ActorID: userID,
			Detail: string(e.Item) + " " + e.Source.Sentence()}); err != nil {
			return err
		}
		if s.onChange != nil {
			return s.onChange(ctx, userID)
		}
		return nil
	})
}

// Values builds the Value of an item from a page's fields, keyed as check
// names them, so that the pages and the tests post the same shape.
func Values(item Item, get func(string) string) Value {
	v := Value{}
	switch item {
	case Identity:
		v.GivenName, v.FamilyName, v.Birthdate = get("given_name"), get("family_name"), get("birthdate")
	case Address:
		v.Address = &forms.PostalAddress{Street: get("street"), Postcode: get("postcode"), Town: get("town")}
	case Phone:
		v.Text = get("phone")
	case Email:
		v.Text = get("email")
	case IBAN:
		v.Text = get("iban")
	case Family:
		v.Situation = get("situation")
		v.Children = -1
		if c := strings.TrimSpace(get("children")); c == "" {
			v.Children = 0
		} else if n, err := strconv.Atoi(c); err == nil {
			v.Children = n
		}
	}
	return v
}
