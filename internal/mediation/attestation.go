package mediation

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"rsc.io/qr"

	"guichet/internal/errs"
)

// attestationFields are the fields an attestation shows and signs, by
// name; the signature covers them sorted by name, the text version among
// them.
func attestationFields(m *Mandate) map[string]string {
	return map[string]string{
		"id":             strconv.FormatInt(m.ID, 10),
		"org_id":         strconv.FormatInt(m.OrgID, 10),
		"person_user_id": strconv.FormatInt(m.PersonUserID, 10),
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
	if !hmac.Equal([]byte(want), []byte(strings.ToLower(sig))) {
		return Check{}, errUnknownAttestation
	}
	return Check{Status: m.StatusAt(s.now()), OrgID: m.OrgID, StartsAt: m.StartsAt, EndsAt: m.EndsAt,
		TextVersion: m.TextVersion}, nil
}
