package prefill

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"guichet/internal/accesslog"
	"guichet/internal/connectors"
	"guichet/internal/consent"
	"guichet/internal/forms"
	"guichet/internal/profile"
)

// Status says what pre-filling did with a bound field. The values are stored.
type Status string

// The statuses of a mark.
const (
	Filled    Status = "rempli"
	NoConsent Status = "sans-accord" // the person has not allowed the connector
	Failed    Status = "echec"       // the connector did not answer, or not for this person
)

// Mark is what pre-filling did with one field of a dossier.
type Mark struct {
	Field  string
	Status Status
	// Source names who gave the value, or who was asked: "déclaré par
	// vous", "transmis par la CAF", "la CAF".
	Source string
	// Value is what was filled, to tell a corrected answer.
	Value forms.Value
	// At is when the source gave the value (the profile item's date, the
	// connector's answer).
	At time.Time
}

// Corrected tells whether the answer now differs from what was filled.
func (m Mark) Corrected(current forms.Value) bool {
	a, _ := json.Marshal(m.Value)
	b, _ := json.Marshal(current)
	return m.Status == Filled && string(a) != string(b)
}

// filled is a connector's answer to write to the access log.
type filled struct {
	c        connectors.Connector
	category string
}

// Fill fills the bound fields of a new dossier of the person, on form f,
// then calls save with the answers found, in one transaction with the
// marks and the access log lines of the connectors that answered (save
// joins it: it receives the transaction's ctx). Connectors are called
// before the transaction, each only under a consent in force; one that
// fails leaves its field for the person.
func (s *Service) Fill(ctx context.Context, userID, dossierID int64, f *forms.Form,
	save func(ctx context.Context, answers forms.Answers) error) error {
	p, err := s.opts.Profile.Get(ctx, userID)
	if err != nil {
		return err
	}
	answers := forms.Answers{}
	var marks []Mark
	var logged []filled
	for _, pg := range f.Pages {
		for i := range pg.Fields {
			fd := &pg.Fields[i]
			b, ok := Parse(fd.Prefill)
			if !ok {
				continue
			}
			if b.Source == ProfileSource && b.Item == "relations" {
				if m, ok := s.relations(ctx, userID, fd); ok {
					answers[fd.Key] = m.Value
					marks = append(marks, m)
				}
				continue
			}
			if b.Source == ProfileSource {
				v, src, ok := fromProfile(p, b.Item)
				if ok {
					answers[fd.Key] = v
					marks = append(marks, Mark{Field: fd.Key, Status: Filled, Source: src.Sentence(), Value: v, At: src.At})
				}
				continue
			}
			m, ok := s.ask(ctx, userID, p, f.Procedure, fd.Key, b)
			if !ok {
				continue
			}
			if m.Status == Filled {
				answers[fd.Key] = m.Value
				logged = append(logged, filled{s.by[b.Source], b.Item})
			}
			marks = append(marks, m)
		}
	}
	if len(marks) == 0 {
		return nil
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if len(answers) > 0 {
			if err := save(ctx, answers); err != nil {
				return err
			}
		}
		for _, m := range marks {
			if err := s.putMark(ctx, tx, dossierID, m); err != nil {
				return err
			}
		}
		for _, l := range logged {
			if err := s.logUse(ctx, tx, userID, f.Procedure, l); err != nil {
				return err
			}
		}
		return nil
	})
}

// relations ticks, among the options of a Choices field, the
// organisations the person has a relation with.
func (s *Service) relations(ctx context.Context, userID int64, fd *forms.Field) (Mark, bool) {
	if s.opts.Relations == nil || fd.Type != forms.Choices {
		return Mark{}, false
	}
	slugs, err := s.opts.Relations(ctx, userID)
	if err != nil {
		return Mark{}, false
	}
	var list []string
	for _, o := range fd.Options {
		if slices.Contains(slugs, o.Value) {
			list = append(list, o.Value)
		}
	}
	if len(list) == 0 {
		return Mark{}, false
	}
	v := forms.Value{List: list}
	return Mark{Field: fd.Key, Status: Filled, Source: "cochés d'après vos démarches et vos autorisations", Value: v, At: s.now()}, true
}

// ask calls the connector of b for the person, when their consent allows
// it; ok is false when the binding names no known connector.
func (s *Service) ask(ctx context.Context, userID int64, p profile.Profile, procedure, key string, b Binding) (Mark, bool) {
	c := s.by[b.Source]
	if c == nil {
		return Mark{}, false
	}
	m := Mark{Field: key, Source: c.Label()}
	allowed, err := s.opts.Consent.Allows(ctx, userID, c.Name(), b.Item, consent.PurposePrefill)
	if err != nil || !allowed {
		m.Status = NoConsent
		return m, true
	}
	id := p[profile.Identity].Value
	req := connectors.Request{Person: connectors.Person{GivenName: id.GivenName, FamilyName: id.FamilyName, Birthdate: id.Birthdate},
		Category: b.Item, Purpose: consent.PurposePrefill + " (" + procedure + ")", LegalBasis: consent.BasisConsent}
	cctx, cancel := context.WithTimeout(ctx, s.opts.CallTimeout)
	defer cancel()
	res, err := c.Fetch(cctx, req)
	if err != nil || res.Values["value"] == "" {
		m.Status = Failed
		return m, true
	}
	m.Status, m.Source, m.At = Filled, "transmis par "+res.Source, res.At
	m.Value = forms.Value{Text: res.Values["value"]}
	return m, true
}

// logUse writes to the person's access log that the connector's
// administration gave a category of their data to pre-fill a procedure.
func (s *Service) logUse(ctx context.Context, tx *sql.Tx, userID int64, procedure string, l filled) error {
	var org int64
	if s.opts.OrgID != nil {
		if id, err := s.opts.OrgID(ctx, l.c.Org()); err == nil {
			org = id
		}
	}
	return s.opts.AccessLog.Record(ctx, tx, accesslog.Entry{PersonUserID: userID, OrgID: org,
		ActorKind: accesslog.ByConnector, ActorName: "échange avec " + l.c.Label(), Action: accesslog.Prefilled,
		Category: connectors.CategoryName(l.c, l.category), Purpose: "pré-remplir votre démarche « " + procedure + " », avec votre accord"})
}

const putMarkSQL = `INSERT INTO prefill_marks (dossier_id, field_key, status, source, filled_value, at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (dossier_id, field_key) DO UPDATE SET status = excluded.status, source = excluded.source,
filled_value = excluded.filled_value, at = excluded.at`

func (s *Service) putMark(ctx context.Context, tx *sql.Tx, dossierID int64, m Mark) error {
	sealed := ""
	if m.Status == Filled {
		b, err := json.Marshal(m.Value)
		if err != nil {
			return err
		}
		sealed = s.opts.Box.Seal(b)
	}
	at := m.At
	if at.IsZero() {
		at = s.now()
	}
	if _, err := tx.ExecContext(ctx, putMarkSQL, dossierID, m.Field, string(m.Status), m.Source, sealed,
		at.UTC().Truncate(time.Microsecond)); err != nil {
		return fmt.Errorf("store prefill mark: %w", err)
	}
	return nil
}

const marksSQL = `SELECT field_key, status, source, filled_value, at FROM prefill_marks WHERE dossier_id = $1`

// Marks returns what pre-filling did with the fields of a dossier, by
// field key. The caller has checked that the dossier is the reader's.
func (s *Service) Marks(ctx context.Context, dossierID int64) (map[string]Mark, error) {
	rows, err := s.db.QueryContext(ctx, marksSQL, dossierID)
	if err != nil {
		return nil, fmt.Errorf("prefill marks of dossier %d: %w", dossierID, err)
	}
	defer rows.Close()
	out := map[string]Mark{}
	for rows.Next() {
		var m Mark
		var sealed string
		if err := rows.Scan(&m.Field, &m.Status, &m.Source, &sealed, &m.At); err != nil {
			return nil, fmt.Errorf("prefill marks of dossier %d: %w", dossierID, err)
		}
		m.At = m.At.UTC()
		if sealed != "" {
			plain, err := s.opts.Box.Open(sealed)
			if err != nil {
				return nil, fmt.Errorf("open prefill mark: %w", err)
			}
			if err := json.Unmarshal(plain, &m.Value); err != nil {
				return nil, errors.New("decode prefill mark")
			}
		}
		out[m.Field] = m
	}
	return out, rows.Err()
}
