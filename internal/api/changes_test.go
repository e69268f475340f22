package api

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"guichet/internal/changes"
	"guichet/internal/forms"
)

func raw(v forms.Value) json.RawMessage { b, _ := json.Marshal(v); return b }

// TestAnAdministrationAcknowledgesAChange: the CAF's token acknowledges a
// change sent to it, once it is in its queue; another organisation's token
// does not find it; without a token the answer is 401.
func TestAnAdministrationAcknowledgesAChange(t *testing.T) {
	f := newFeedbackAPI(t)
	ctx := context.Background()
	ch := f.Server.Changes
	err := f.Server.Changes.Dispatch(ctx, changes.Declared{UserID: 9, DossierID: 90, Reference: "ABCD-2345",
		Answers: map[string]json.RawMessage{
			changes.KeyNewAddress: raw(forms.Value{Address: &forms.PostalAddress{Street: "1 rue", Postcode: "69100", Town: "Villeurbanne"}}),
			changes.KeyDate:       raw(forms.Value{Text: "2026-04-01"}),
			changes.KeyRecipients: raw(forms.Value{List: []string{"caf", "dgfip"}}),
		}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := ch.OfDossier(ctx, 9, 90)
	if err != nil {
		t.Fatal(err)
	}
	ack := func(token string, id int64) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/api/v1/changes/"+strconv.FormatInt(id, 10)+"/ack", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		f.ServeHTTP(rec, req)
		return rec
	}
	if rec := ack(f.caf, c.ID); rec.Code != 409 {
		t.Errorf("before delivery: %d %s", rec.Code, rec.Body)
	}
	for _, d := range c.Deliveries {
		if err := ch.Deliver(ctx, d.ID); err != nil {
			t.Fatal(err)
		}
	}
	if rec := ack("", c.ID); rec.Code != 401 {
		t.Errorf("without token: %d", rec.Code)
	}
	if rec := ack(f.observatory, c.ID); rec.Code != 404 {
		t.Errorf("an organisation not told: %d %s", rec.Code, rec.Body)
	}
	rec := ack(f.caf, c.ID)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"status":"received"`) {
		t.Fatalf("ack: %d %s", rec.Code, rec.Body)
	}
	c, _ = ch.OfDossier(ctx, 9, 90)
	got := map[string]string{}
	for _, d := range c.Deliveries {
		got[d.Status] = d.ReceivedBy
	}
	if got["recu"] != "jeton « Avis papier »" || len(got) != 2 {
		t.Errorf("deliveries after ack: %v", got)
	}
}
