package connectors

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

var secret = []byte("un-secret-partage-avec-la-caf")

// endpoint is an administration's endpoint: it checks the signature,
// then answers for Camille Martin only.
func endpoint(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := Verify(r.Header, secret, body, time.Now()); err != nil {
			http.Error(w, "signature", http.StatusUnauthorized)
			return
		}
		var req Request
		if json.Unmarshal(body, &req) != nil || req.Purpose == "" || req.LegalBasis == "" {
			http.Error(w, "request", http.StatusBadRequest)
			return
		}
		if PersonKey(req.Person) != "MARTIN|1990-04-12" {
			http.NotFound(w, r)
			return
		}
		json.NewEncoder(w).Encode(Result{Values: map[string]string{"value": "742"}, Source: "la CAF"})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestHTTPConnectorSignsAndReads(t *testing.T) {
	srv := endpoint(t)
	req := Request{Person: Person{GivenName: "Camille", FamilyName: "Martin", Birthdate: "1990-04-12"},
		Category: "quotient-familial", Purpose: "pré-remplir", LegalBasis: "consentement"}
	c := &HTTP{Key: "caf", Sentence: "la CAF", URL: srv.URL, Secret: secret}
	res, err := c.Fetch(context.Background(), req)
	if err != nil || res.Values["value"] != "742" || res.Source != "la CAF" || res.At.IsZero() {
		t.Fatalf("fetch = %+v, %v", res, err)
	}
	req.Person.FamilyName = "Dupont"
	if _, err := c.Fetch(context.Background(), req); !errors.Is(err, ErrUnknownPerson) {
		t.Errorf("unknown person: %v", err)
	}
	wrong := &HTTP{Key: "caf", URL: srv.URL, Secret: []byte("un autre secret")}
	if _, err := wrong.Fetch(context.Background(), req); err == nil {
		t.Error("a request signed with another secret was answered")
	}
}

func TestVerifyRefusesAStaleOrAlteredRequest(t *testing.T) {
	body := []byte(`{"category":"x"}`)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	h := http.Header{}
	Sign(h, secret, body, now)
	if err := Verify(h, secret, body, now.Add(time.Minute)); err != nil {
		t.Fatalf("fresh: %v", err)
	}
	if err := Verify(h, secret, body, now.Add(10*time.Minute)); err == nil {
		t.Error("a 10-minute-old request passed")
	}
	if err := Verify(h, secret, []byte(`{"category":"y"}`), now); err == nil {
		t.Error("an altered body passed")
	}
}
