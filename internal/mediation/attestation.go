package mediation

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"rsc.io/qr"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// attestationFields are the fields an attestation shows and signs, by
// name; the signature covers them sorted by name, the text version among
// them.
func attestationFields(m *Mandate) map[string]string {
	// A person record made after the mandate was given changes nothing of
	// what the person consented to: the mandate is still signed as given,
	// without an account.
	account := m.PersonUserID
	if m.PersonRecord {
		account = 0
	}
	return map[string]string{
		"id":             strconv.FormatInt(m.ID, 10),
		"org_id":         strconv.FormatInt(m.OrgID, 10),
		"person_user_id": strconv.FormatInt(account, 10),
		"person_name":    m.PersonName,
		"document_type":  m.DocumentType,
		"document_last4": m.DocumentLast4,
		"categories":     joinCategories(m.Categories),
		"days":           strconv.Itoa(m.Days),
		"starts_at":      m.StartsAt.UTC().Format(time.RFC3339Nano),
		"ends_at":        m.EndsAt.UTC().Format(time.RFC3339Nano),
		"text_version":   m.TextVersion,
	}
}

// Signature is the attestation's hash: HMAC-SHA256, under the instance's
// attestation key, of the mandate's fields sorted by name (text version
// included), as lowercase hex.
func (s *Service) Signature(m *Mandate) (string, error) {
	if len(s.key) == 0 {
		return "", errors.New("mediation: no attestation key")
	}
	fields := attestationFields(m)
	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	slices.Sort(names)
	mac := hmac.New(sha256.New, s.key)
	for _, n := range names {
		fmt.Fprintf(mac, "%s=%q\n", n, fields[n])
	}
	return hex.EncodeToString(mac.Sum(nil)), nil
}

// Attestation is what the printable page shows besides the mandate.
type Attestation struct {
	Signature string
	// CheckURL is the address of the check page the QR code opens.
	CheckURL string
	// QR is the PNG of the QR code pointing to CheckURL.
	QR []byte
}

// AttestationOf builds the attestation of m.
func (s *Service) AttestationOf(m *Mandate) (Attestation, error) {
	sig, err := s.Signature(m)
	if err != nil {
		return Attestation{}, err
	}
	link := strings.TrimSuffix(s.baseURL, "/") + "/mandats/verifier?m=" + strconv.FormatInt(m.ID, 10) +
		"&h=" + url.QueryEscape(sig)
	code, err := qr.Encode(link, qr.M)
	if err != nil {
		return Attestation{}, fmt.Errorf("draw attestation QR code: %w", err)
	}
	code.Scale = 4
	return Attestation{Signature: sig, CheckURL: link, QR: code.PNG()}, nil
}

// Check is what the public check page says: the status now, and only what
// the attestation itself shows about the mandate.
type Check struct {
	Status      Status
	OrgID       int64
	StartsAt    time.Time
	EndsAt      time.Time
	TextVersion string
	// ReplacedAt is when a renewal replaced the attestation checked, zero
	// for the attestation in force.
	ReplacedAt time.Time
}

var errUnknownAttestation = errs.E(errs.NotFound,
	"Cette attestation n'est pas reconnue : elle n'a pas été faite par Guichet, ou elle a été modifiée.")

// CheckAttestation tells whether the signature sig belongs to mandate id,
// and that mandate's status now. An unknown mandate and a wrong signature
// give the same errs.NotFound, so that the page reveals nothing without a
// real attestation.
func (s *Service) CheckAttestation(ctx context.Context, id int64, sig string) (Check, error) {
	m, err := s.mandate(ctx, s.db.Querier(ctx), id)
	if errs.Is(err, errs.NotFound) {
		return Check{}, errUnknownAttestation
	}
	if err != nil {
		return Check{}, err
	}
	want, err := s.Signature(m)
	if err != nil {
		return Check{}, err
	}
	c := Check{Status: m.StatusAt(s.now()), OrgID: m.OrgID, StartsAt: m.StartsAt, EndsAt: m.EndsAt,
		TextVersion: m.TextVersion}
	if hmac.Equal([]byte(want), []byte(strings.ToLower(sig))) {
		return c, nil
	}
	// An attestation of the mandate before a renewal: say it was replaced
	// and when, unless the mandate was revoked since, which matters more.
	var replaced time.Time
	err = s.db.QueryRowContext(ctx, replacedAttestationSQL, m.ID, signatureHash(strings.ToLower(sig))).Scan(&replaced)
	if database.IsNoRows(err) {
		return Check{}, errUnknownAttestation
	}
	if err != nil {
		return Check{}, fmt.Errorf("read replaced attestation: %w", err)
	}
	c.ReplacedAt = replaced.UTC()
	if c.Status != Revoked {
		c.Status = Replaced
	}
	return c, nil
}

const (
	replacedAttestationSQL = `SELECT replaced_at FROM mediation_replaced_attestations
	WHERE mandate_id = $1 AND signature_hash = $2`
	insertReplacedSQL = `INSERT INTO mediation_replaced_attestations (mandate_id, signature_hash, replaced_at)
	VALUES ($1, $2, $3) ON CONFLICT (mandate_id, signature_hash) DO NOTHING`
)

// signatureHash is what the database keeps of a replaced attestation's
// signature: its SHA-256, so that a copy of the database holds no valid
// attestation.
func signatureHash(sig string) string {
	h := sha256.Sum256([]byte(sig))
	return hex.EncodeToString(h[:])
}

// replaceAttestation records, in tx, that m's attestation as it stands is
// replaced at t (a renewal is about to change its dates).
func (s *Service) replaceAttestation(ctx context.Context, tx *sql.Tx, m *Mandate, t time.Time) error {
	if len(s.key) == 0 {
		return nil // no attestation was ever signed without a key
	}
	sig, err := s.Signature(m)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, insertReplacedSQL, m.ID, signatureHash(sig), t); err != nil {
		return fmt.Errorf("record replaced attestation: %w", err)
	}
	return nil
}
