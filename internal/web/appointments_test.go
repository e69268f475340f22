package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"guichet/internal/demo"
	"guichet/internal/identity"
)

// newMediationServer is a test server with the demo places, slots and
// activity reports, and a session per demo role.
func newMediationServer(t *testing.T) *catalogueServer {
	t.Helper()
	ts := newTestServer(t)
	ctx := context.Background()
	if _, err := demo.LoadPlaces(ctx, ts.Places, ts.ids); err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadAppointments(ctx, ts.Appointments, ts.Places, ts.ids); err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadActivity(ctx, ts.Activity, ts.Places, ts.ids); err != nil {
		t.Fatal(err)
	}
	cs := &catalogueServer{testServer: ts, tokens: map[string]string{}}
	for _, v := range ts.visitors(t) {
		cs.tokens[v.name] = v.token
	}
	return cs
}

func demoPlaceKey(t *testing.T, cs *catalogueServer) int64 {
	t.Helper()
	p, err := cs.Places.GetByID(context.Background(), demo.ClaimedPlaceSource, demo.ClaimedPlaceID)
	if err != nil {
		t.Fatal(err)
	}
	return p.Key
}

// tokenOf reads the token of the manage link a booking redirected to.
func tokenOf(t *testing.T, location string) string {
	t.Helper()
	rest, ok := strings.CutPrefix(location, "/rendez-vous/gerer/")
	if !ok {
		t.Fatalf("booking went to %q", location)
	}
	tok, _, _ := strings.Cut(rest, "?")
	return tok
}

func TestBookWithoutAccountGetICSAndCancel(t *testing.T) {
	t.Parallel()
	cs := newMediationServer(t)
	key := demoPlaceKey(t, cs)
	place := cs.get(fmt.Sprintf("/lieux/%d", key), "")
	if !strings.Contains(place.Body.String(), "Prochain créneau libre") {
		t.Fatalf("place page without its next slot:\n%.2000s", place.Body.String())
	}
	free, err := cs.Appointments.FreeSlotsOfPlace(context.Background(), key, 3)
	if err != nil || len(free) < 3 {
		t.Fatal(free, err)
	}
	slot := fmt.Sprintf("/rendez-vous/creneaux/%d", free[0].ID)
	// Nothing typed is lost on a mistake.
	bad := cs.post(slot, "", url.Values{"person_name": {"Awa"}, "contact": {"awa@"}})
	if bad.Code != 422 || !strings.Contains(bad.Body.String(), `value="awa@"`) || !strings.Contains(bad.Body.String(), `value="Awa"`) {
		t.Fatalf("bad contact: %d\n%.1500s", bad.Code, bad.Body.String())
	}
	token := bookWithCode(t, cs, slot, url.Values{"person_name": {"Awa"}, "contact": {"06 12 34 56 78"}})
	manage := cs.get("/rendez-vous/gerer/"+token+"?fait=reserve", "")
	if manage.Code != 200 || !strings.Contains(manage.Body.String(), "Votre rendez-vous est pris") ||
		strings.Contains(manage.Body.String(), "12 34 56") {
		t.Fatalf("manage page: %d\n%.2000s", manage.Code, manage.Body.String())
	}
	ics := cs.get("/rendez-vous/gerer/"+token+"/rendez-vous.ics", "")
	if ics.Code != 200 || ics.Header().Get("Content-Type") != "text/calendar; charset=utf-8" ||
		!strings.HasPrefix(ics.Body.String(), "BEGIN:VCALENDAR\r\n") || !strings.Contains(ics.Body.String(), "DTSTAMP:") {
		t.Fatalf("ICS: %d %q\n%s", ics.Code, ics.Header().Get("Content-Type"), ics.Body.String())
	}
	// Another token reaches nothing, whatever the page.
	other := strings.Repeat("x", len(token))
	for _, r := range []struct{ method, path string }{
		{"GET", "/rendez-vous/gerer/" + other}, {"GET", "/rendez-vous/gerer/" + other + "/rendez-vous.ics"},
		{"GET", "/rendez-vous/gerer/" + other + "/deplacer"}, {"POST", "/rendez-vous/gerer/" + other + "/annuler"},
		{"POST", "/rendez-vous/gerer/" + token[:len(token)-1] + "/annuler"},
	} {
		if got := cs.do(r.method, r.path, ""); got.Code != 404 {
			t.Errorf("%s %s: %d, want 404", r.method, r.path, got.Code)
		}
	}
	// Move, then cancel, by the link.
	moved := cs.post("/rendez-vous/gerer/"+token+"/deplacer", "", url.Values{"slot": {fmt.Sprint(free[1].ID)}})
	if moved.Code != 303 || !strings.HasSuffix(moved.Header().Get("Location"), "?fait=deplace") {
		t.Fatalf("move: %d %s", moved.Code, moved.Header().Get("Location"))
	}
	if got := cs.post("/rendez-vous/gerer/"+token+"/annuler", "", url.Values{}); got.Code != 303 {
		t.Fatalf("cancel: %d", got.Code)
	}
	if page := cs.get("/rendez-vous/gerer/"+token, ""); !strings.Contains(page.Body.String(), "Rendez-vous annulé") {
		t.Errorf("after cancel:\n%.1500s", page.Body.String())
	}
	for _, sl := range free[:2] {
		if got, _ := cs.Appointments.Slot(context.Background(), sl.ID); got.Booked != 0 {
			t.Errorf("slot %d still booked %d", sl.ID, got.Booked)
		}
	}
}

func TestMediatorBooksForAPersonAndNotesANoShow(t *testing.T) {
	t.Parallel()
	cs := newMediationServer(t)
	ctx := context.Background()
	mediator := string(identity.RoleMediator)
	free, err := cs.Appointments.FreeSlotsOfPlace(ctx, demoPlaceKey(t, cs), 1)
	if err != nil || len(free) == 0 {
		t.Fatal(free, err)
	}
	form := cs.get(fmt.Sprintf("/rendez-vous/creneaux/%d", free[0].ID), mediator)
	if !strings.Contains(form.Body.String(), "Nom de la personne") {
		t.Errorf("mediator's booking form:\n%.1500s", form.Body.String())
	}
	rec := cs.post(fmt.Sprintf("/rendez-vous/creneaux/%d", free[0].ID), mediator,
		url.Values{"person_name": {"Jean"}, "contact": {"jean@exemple.fr"}})
	if rec.Code != 303 {
		t.Fatalf("book: %d", rec.Code)
	}
	b, err := cs.Appointments.ByToken(ctx, tokenOf(t, rec.Header().Get("Location")))
	if err != nil || b.BookedBy == 0 {
		t.Fatalf("booking %+v, %v: want the mediator recorded", b, err)
	}
	slotPage := fmt.Sprintf("/espace/%s/rendez-vous/creneaux/%d", demo.ClaimedPlaceOrg, b.SlotID)
	if page := cs.get(slotPage, mediator); !strings.Contains(page.Body.String(), "jean@exemple.fr") ||
		strings.Contains(page.Body.String(), "Noter absent") {
		t.Errorf("slot page before the time:\n%.2000s", page.Body.String())
	}
	noShow := fmt.Sprintf("/espace/%s/rendez-vous/reservations/%d/absent", demo.ClaimedPlaceOrg, b.ID)
	if got := cs.post(noShow, mediator, url.Values{}); got.Code != 409 {
		t.Errorf("no-show before the time: %d, want 409", got.Code)
	}
	later := b.Slot.StartsAt.Add(time.Hour)
	cs.Now = func() time.Time { return later }
	if got := cs.post(noShow, mediator, url.Values{}); got.Code != 303 {
		t.Fatalf("no-show: %d", got.Code)
	}
	if page := cs.get(slotPage, mediator); !strings.Contains(page.Body.String(), "Absent") {
		t.Errorf("slot page after the no-show:\n%.2000s", page.Body.String())
	}
	// The staff of another structure reach neither.
	if got := cs.get(fmt.Sprintf("/espace/caf/rendez-vous/creneaux/%d", b.SlotID), string(identity.RoleAgent)); got.Code != 403 {
		t.Errorf("an agent of the CAF reads the slot: %d", got.Code)
	}
}

func TestSeriesFormPublishesSlots(t *testing.T) {
	t.Parallel()
	cs := newMediationServer(t)
	mediator := string(identity.RoleMediator)
	start := cs.Now().In(paris).AddDate(0, 1, 0)
	day := fmt.Sprintf("%d/%d/%d", start.Day(), start.Month(), start.Year())
	rec := cs.post("/espace/"+demo.ClaimedPlaceOrg+"/rendez-vous/creneaux", mediator, url.Values{"mode": {"video"},
		"video_url": {"https://visio.exemple.fr/salle-1"}, "from": {day}, "to": {day},
		"weekdays": {"1", "2", "3", "4", "5", "6", "7"}, "start": {"14:00"}, "end": {"15:00"}, "minutes": {"20"}, "capacity": {"1"}})
	if rec.Code != 303 || !strings.HasSuffix(rec.Header().Get("Location"), "?crees=3") {
		t.Fatalf("series: %d %s\n%.1500s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
}

// TestBookingTokensStayOutOfLogs: the link's token opens the appointment,
// so the request log names the page without it.
func TestBookingTokensStayOutOfLogs(t *testing.T) {
	t.Parallel()
	var logs strings.Builder
	var mu sync.Mutex
	ts := newTestServer(t, func(d *Deps) {
		d.Logger = slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &mu}, nil))
	})
	token := strings.Repeat("k", 43)
	for _, p := range []string{"/rendez-vous/gerer/" + token, "/rendez-vous/gerer/" + token + "/rendez-vous.ics",
		"/rendez-vous/confirmer/" + token} {
		ts.do("GET", p, "")
	}
	ts.do("POST", "/rendez-vous/gerer/"+token+"/annuler", "")
	ts.do("POST", "/rendez-vous/confirmer/"+token, "")
	mu.Lock()
	defer mu.Unlock()
	if strings.Contains(logs.String(), token) || !strings.Contains(logs.String(), "/rendez-vous/gerer/…/rendez-vous.ics") ||
		!strings.Contains(logs.String(), "/rendez-vous/confirmer/…") {
		t.Errorf("logs:\n%s", logs.String())
	}
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// A slot taken while the person typed answers with their name and contact
// kept and the structure's other free slots to pick, which then books.
func TestSlotTakenMeanwhileKeepsWhatWasTyped(t *testing.T) {
	t.Parallel()
	cs := newMediationServer(t)
	free, err := cs.Appointments.FreeSlotsOfPlace(context.Background(), demoPlaceKey(t, cs), 2)
	if err != nil || len(free) < 2 {
		t.Fatal(free, err)
	}
	slot := fmt.Sprintf("/rendez-vous/creneaux/%d", free[0].ID)
	for i := range free[0].Capacity {
		bookWithCode(t, cs, slot, url.Values{"person_name": {"Un"}, "contact": {fmt.Sprintf("p%d@exemple.fr", i)}})
	}
	late := cs.post(slot, "", url.Values{"person_name": {"Awa"}, "contact": {"awa@exemple.fr"}})
	body := late.Body.String()
	if late.Code != 409 || !strings.Contains(body, `value="Awa"`) || !strings.Contains(body, `value="awa@exemple.fr"`) ||
		!strings.Contains(body, fmt.Sprintf(`name="slot" value="%d"`, free[1].ID)) || strings.Contains(body, fmt.Sprintf(`value="%d"`, free[0].ID)) {
		t.Fatalf("slot taken: %d\n%.3000s", late.Code, body)
	}
	bookWithCode(t, cs, slot, url.Values{"person_name": {"Awa"}, "contact": {"awa@exemple.fr"}, "slot": {fmt.Sprint(free[1].ID)}})
	if got, _ := cs.Appointments.Slot(context.Background(), free[1].ID); got.Booked != free[1].Booked+1 {
		t.Errorf("other slot booked %d, want %d", got.Booked, free[1].Booked+1)
	}
}
