package identity

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"

	"guichet/internal/errs"
)

// PersonRecordDomain is the domain of the addresses of person records: a
// reserved name (RFC 2606) that no mail ever reaches.
const PersonRecordDomain = "personne.guichet.invalid"

const closeRecordSQL = `UPDATE users SET disabled_at = $1 WHERE id = $2`

// CreatePersonRecord stores a person who has no Guichet account, no e-mail
// and no login, so that a help structure can hold their dossiers under a
// mandate (internal/mediation): a row of users with an address nobody can
// receive mail at, no password, and closed to every sign-in from the
// start. Its address counts as verified so that the purge of unproved
// addresses keeps it. It joins the caller's transaction (database.InTx).
func (s *Service) CreatePersonRecord(ctx context.Context, name string) (int64, error) {
	name, err := checkName(name)
	if err != nil {
		return 0, err
	}
	if name == "" {
		return 0, errs.InvalidField("name", "Indiquez le nom de la personne.")
	}
	var b [16]byte
	rand.Read(b[:])
	email := "sans-compte-" + hex.EncodeToString(b[:]) + "@" + PersonRecordDomain
	var id int64
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		if id, err = s.insertUser(ctx, tx, email, name, "", true); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, closeRecordSQL, s.now(), id); err != nil {
			return fmt.Errorf("close person record to sign-in: %w", err)
		}
		return nil
	})
	return id, err
}

// IsPersonRecord tells whether an address is a person record's
// (CreatePersonRecord): never one to write to or show.
func IsPersonRecord(email string) bool {
	return strings.HasSuffix(strings.ToLower(email), "@"+PersonRecordDomain)
}
