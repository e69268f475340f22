package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"guichet/internal/appointments"
	"guichet/internal/demo"
	"guichet/internal/identity"
)

// lastCode returns the code of the last appointment_code message.
func lastCode(t *testing.T, cs *catalogueServer) string {
	t.Helper()
	var body string
	if err := cs.db.QueryRowContext(context.Background(),
		`SELECT body FROM notify_messages WHERE event = 'appointment_code' ORDER BY id DESC LIMIT 1`).Scan(&body); err != nil {
		t.Fatalf("no code sent: %v", err)
	}
	code := regexp.MustCompile(`\b\d{6}\b`).FindString(body)
	if code == "" {
		t.Fatalf("no code in:\n%s", body)
	}
	return code
}

// bookWithCode books a slot as a person alone does: the form, then the
// code sent to the contact. It returns the token of the booking's link.
func bookWithCode(t *testing.T, cs *catalogueServer, slot string, form url.Values) string {
	t.Helper()
	rec := cs.post(slot, "", form)
	hold, ok := strings.CutPrefix(rec.Header().Get("Location"), "/rendez-vous/confirmer/")
	if rec.Code != http.StatusSeeOther || !ok {
		t.Fatalf("book: %d %q\n%.1500s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	done := cs.post("/rendez-vous/confirmer/"+hold, "", url.Values{"code": {lastCode(t, cs)}})
	if done.Code != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%s", done.Code, regexp.MustCompile(`(?s)<main.*</main>`).FindString(done.Body.String()))
	}
	return tokenOf(t, done.Header().Get("Location"))
}

// TestABookingWaitsForTheCodeSentToTheContact: the form sends a code; the
// booking counts once it is typed, a wrong one says so and keeps nothing
// booked, and another token reaches nothing.
func TestABookingWaitsForTheCodeSentToTheContact(t *testing.T) {
	t.Parallel()
	cs := newMediationServer(t)
	ctx := context.Background()
	free, err := cs.Appointments.FreeSlotsOfPlace(ctx, demoPlaceKey(t, cs), 1)
	if err != nil || len(free) == 0 {
		t.Fatal(free, err)
	}
	if form := cs.get(fmt.Sprintf("/rendez-vous/creneaux/%d", free[0].ID), "").Body.String(); !strings.Contains(form, "Recevoir le code de confirmation") {
		t.Errorf("the form does not say a code comes first:\n%.2000s", form)
	}
	rec := cs.post(fmt.Sprintf("/rendez-vous/creneaux/%d", free[0].ID), "", url.Values{"person_name": {"Awa"}, "contact": {"awa@exemple.fr"}})
	hold, ok := strings.CutPrefix(rec.Header().Get("Location"), "/rendez-vous/confirmer/")
	if rec.Code != http.StatusSeeOther || !ok {
		t.Fatalf("book: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	page := cs.get("/rendez-vous/confirmer/"+hold, "")
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "a…@exemple.fr") || strings.Contains(page.Body.String(), "awa@exemple.fr") {
		t.Fatalf("confirm page: %d\n%.2000s", page.Code, page.Body.String())
	}
	if got, _ := cs.Appointments.Slot(ctx, free[0].ID); got.Booked != free[0].Booked {
		t.Fatalf("booked before the code: %d", got.Booked)
	}
	code := lastCode(t, cs)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	bad := cs.post("/rendez-vous/confirmer/"+hold, "", url.Values{"code": {wrong}})
	if bad.Code != http.StatusUnprocessableEntity || !strings.Contains(bad.Body.String(), "pas le bon") {
		t.Errorf("a wrong code: %d\n%.1500s", bad.Code, bad.Body.String())
	}
	if other := cs.post("/rendez-vous/confirmer/"+strings.Repeat("x", 43), "", url.Values{"code": {code}}); other.Code != http.StatusNotFound {
		t.Errorf("another token: %d", other.Code)
	}
	done := cs.post("/rendez-vous/confirmer/"+hold, "", url.Values{"code": {code}})
	if done.Code != http.StatusSeeOther || !strings.HasSuffix(done.Header().Get("Location"), "?fait=reserve") {
		t.Fatalf("confirm: %d %q", done.Code, done.Header().Get("Location"))
	}
	if got, _ := cs.Appointments.Slot(ctx, free[0].ID); got.Booked != free[0].Booked+1 {
		t.Errorf("booked %d after the code, want %d", got.Booked, free[0].Booked+1)
	}
	if again := cs.get("/rendez-vous/confirmer/"+hold, ""); again.Code != http.StatusNotFound {
		t.Errorf("the confirmation page after use: %d", again.Code)
	}
}

// TestStaffCancelForAPersonThenDeleteTheSlot: the structure's staff cancel
// a booking (the person is told), cannot delete a booked slot, then delete
// it once free; another structure's staff can do neither.
func TestStaffCancelForAPersonThenDeleteTheSlot(t *testing.T) {
	t.Parallel()
	cs := newMediationServer(t)
	ctx := context.Background()
	mediator := string(identity.RoleMediator)
	free, err := cs.Appointments.FreeSlotsOfPlace(ctx, demoPlaceKey(t, cs), 3)
	if err != nil || len(free) < 3 {
		t.Fatal(free, err)
	}
	// A slot with nobody on it but Awa.
	var sl *appointments.Slot
	for i := range free {
		if free[i].Booked == 0 {
			sl = &free[i]
			break
		}
	}
	if sl == nil {
		t.Fatal("no empty slot in the demo")
	}
	b, _, err := cs.Appointments.Book(ctx, appointments.Request{SlotID: sl.ID, PersonName: "Awa", Contact: "awa@exemple.fr"})
	if err != nil {
		t.Fatal(err)
	}
	base := "/espace/" + demo.ClaimedPlaceOrg + "/rendez-vous"
	slotPage := fmt.Sprintf("%s/creneaux/%d", base, sl.ID)
	if body := cs.get(slotPage, mediator).Body.String(); !strings.Contains(body, "Annuler pour la personne") ||
		!strings.Contains(body, "annulez-les d") {
		t.Errorf("the slot page offers neither cancelling nor says why it cannot go:\n%.3000s", body)
	}
	if rec := cs.post(slotPage+"/supprimer", mediator, nil); rec.Code != http.StatusConflict {
		t.Errorf("deleting a booked slot: %d", rec.Code)
	}
	if rec := cs.post(fmt.Sprintf("/espace/caf/rendez-vous/reservations/%d/annuler", b.ID), string(identity.RoleAgent), nil); rec.Code != http.StatusForbidden {
		t.Errorf("another structure cancels: %d", rec.Code)
	}
	rec := cs.post(fmt.Sprintf("%s/reservations/%d/annuler", base, b.ID), mediator, nil)
	if rec.Code != http.StatusSeeOther || !strings.HasSuffix(rec.Header().Get("Location"), "?fait=annule") {
		t.Fatalf("cancel for the person: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	var told int
	cs.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM notify_messages WHERE event = 'appointment_cancelled'`).Scan(&told)
	if told != 1 {
		t.Errorf("the person was told %d times", told)
	}
	rec = cs.post(slotPage+"/supprimer", mediator, nil)
	if rec.Code != http.StatusSeeOther || !strings.HasSuffix(rec.Header().Get("Location"), "?fait=supprime") {
		t.Fatalf("delete the free slot: %d %q\n%.1000s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	if _, err := cs.Appointments.Slot(ctx, sl.ID); err == nil {
		t.Error("the slot is still there")
	}
	if body := cs.get(base+"?fait=supprime", mediator).Body.String(); !strings.Contains(body, "Le créneau est supprimé") {
		t.Error("the list does not say the slot went")
	}
}
