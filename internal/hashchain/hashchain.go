// Package hashchain holds what Guichet's append-only journals share (the
// mandate journal of internal/mediation, the person's access log of
// internal/accesslog): each entry names the hash of the one before it and
// its own hash covers that hash and its fields, so that a changed field, a
// deleted entry or a reordering breaks the chain at the first entry
// concerned. Walk checks a chain with the database alone, not the
// instance key: anyone holding a copy can check it. Each journal keeps its
// own table, fields and canonical text.
package hashchain

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
)

// Genesis is the previous hash of a chain's first entry.
var Genesis = strings.Repeat("0", 64)

// Hash is the hash of an entry: SHA-256, in hex, over the previous entry's
// hash and the entry's canonical text (its stored fields but the hashes,
// in a fixed order).
func Hash(prev string, canonical []byte) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write([]byte{'\n'})
	h.Write(canonical)
	return hex.EncodeToString(h.Sum(nil))
}

// Digest is the SHA-256, in hex, of an entry's personal fields (its
// payload): what a tombstone keeps when it drops them.
func Digest(payload []byte) string {
	sum := sha256.Sum256(payload)
	return hex.EncodeToString(sum[:])
}

// DigestHash is the hash of an entry written since tombstones exist: over
// the previous entry's hash, the entry's kept fields and its payload's
// digest, so that a tombstone, which keeps the digest and drops the
// payload, still matches, and its kept fields stay bound.
func DigestHash(prev string, kept []byte, digest string) string {
	return Hash(prev, append(append(kept, '\n'), digest...))
}

// Break is the first entry where the chain does not hold.
type Break struct {
	Seq     int64
	Problem string
}

func (b *Break) Error() string { return fmt.Sprintf("entry %d: %s", b.Seq, b.Problem) }

// Verification is what Walk found.
type Verification struct {
	Entries int64
	// Erased counts the tombstones: entries whose personal fields were
	// dropped after what they named was deleted (see Link.Erased).
	Erased int64
	// Broken is the first broken entry, nil when the chain is intact.
	Broken *Break
}

// Link is what Walk reads of one entry: its place in the sequence, the
// hash it names as the previous one, its stored hash, and Rehash, which
// computes the hash its stored fields give (only called while the chain
// holds).
type Link struct {
	Seq      int64
	PrevHash string
	Hash     string
	Rehash   func() string
	// Check, when set, stands for Rehash: it returns why the entry's hash
	// does not hold ("" when it does), for journals whose entries hash a
	// digest of their personal fields so that a tombstone can drop them.
	Check func() string
	// Erased marks a tombstone, counted in Verification.Erased.
	Erased bool
}

// Walk reads the entries of rows, in sequence order, through scan and
// checks that the sequence has no gap, that each entry names the previous
// entry's hash and that each hash matches the entry's fields. It counts
// every entry and names the first that breaks the chain; what names the
// journal in errors ("access log", "journal").
func Walk(rows *sql.Rows, what string, scan func(*sql.Rows) (Link, error)) (Verification, error) {
	defer rows.Close()
	var v Verification
	prev, prevSeq := Genesis, int64(0)
	for rows.Next() {
		e, err := scan(rows)
		if err != nil {
			return v, fmt.Errorf("read %s entry: %w", what, err)
		}
		v.Entries++
		if e.Erased {
			v.Erased++
		}
		if v.Broken != nil {
			continue
		}
		switch {
		case e.Seq != prevSeq+1:
			v.Broken = &Break{e.Seq, fmt.Sprintf("expected sequence %d: entry %d is missing (deleted)", prevSeq+1, prevSeq+1)}
		case e.PrevHash != prev:
			v.Broken = &Break{e.Seq, fmt.Sprintf("its previous hash does not match entry %d: an entry was removed, inserted or moved", prevSeq)}
		case e.Check != nil:
			if p := e.Check(); p != "" {
				v.Broken = &Break{e.Seq, p}
			}
		case e.Rehash() != e.Hash:
			v.Broken = &Break{e.Seq, "its hash does not match its fields: a stored field was changed"}
		}
		prev, prevSeq = e.Hash, e.Seq
	}
	return v, rows.Err()
}
