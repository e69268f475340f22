package dossiers

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"guichet/internal/errs"
	"guichet/internal/notify"
)

func TestReferenceFormat(t *testing.T) {
	re := regexp.MustCompile(`^[2-9A-HJKMNP-TW-Z]{8}$`)
	seen := map[string]bool{}
	for range 2000 {
		r := newReference()
		if !re.MatchString(r) || strings.ContainsAny(r, "01OILUV") {
			t.Fatalf("reference %q has a look-alike or wrong length", r)
		}
		seen[r] = true
	}
	if len(seen) < 1999 {
		t.Errorf("only %d distinct references in 2000", len(seen))
	}
	if got := FormatReference("ABCD2345"); got != "ABCD-2345" {
		t.Errorf("FormatReference = %q", got)
	}
	if got := ParseReference(" abcd-2345 "); got != "ABCD2345" {
		t.Errorf("ParseReference = %q", got)
	}
}

func TestStartDraftIsIdempotent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	st := Start{UserID: f.marie.ID, Procedure: "acte-naissance", OrgID: f.mairie.OrgID, FormVersion: 1}
	first, created, err := f.svc.StartDraft(ctx, st)
	if err != nil || !created {
		t.Fatalf("first start: created %v, %v", created, err)
	}
	again, created, err := f.svc.StartDraft(ctx, st)
	if err != nil || created || again.ID != first.ID {
		t.Fatalf("second start: %v created=%v id %d want %d", err, created, again.ID, first.ID)
	}
	if first.State != Draft || len(first.Reference) != 8 || first.ExpiresAt.IsZero() {
		t.Errorf("draft = %+v", first)
	}
	if _, err := f.svc.StartAnother(ctx, st); !errs.Is(err, errs.Conflict) {
		t.Errorf("StartAnother where not allowed: %v, want Conflict", err)
	}
	f.allowSeveral = true
	other, err := f.svc.StartAnother(ctx, st)
	if err != nil || other.ID == first.ID {
		t.Fatalf("StartAnother allowed: %v", err)
	}
	// A submitted dossier frees the slot: the next start makes a new draft.
	f.svc.SavePage(ctx, f.marie.ID, first.ID, Page{Fields: []string{"nom"}, Values: Answers{"nom": TextAnswer("A")}})
	if _, err := f.svc.Submit(ctx, Submitter{UserID: f.marie.ID, Email: f.marie.Email}, first.ID, Receipt{}); err != nil {
		t.Fatal(err)
	}
	next, created, err := f.svc.StartDraft(ctx, st)
	if err != nil || !created || next.ID == first.ID {
		t.Errorf("start after submit: created=%v %v", created, err)
	}
}

// TestOneDraftUnderConcurrency starts the same procedure from many
// goroutines at once, as double clicks and several tabs do: one draft.
func TestOneDraftUnderConcurrency(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := Start{UserID: f.marie.ID, Procedure: "acte-naissance", OrgID: f.mairie.OrgID, FormVersion: 1}
	var wg sync.WaitGroup
	ids := make([]int64, 12)
	errors := make([]error, 12)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d, _, err := f.svc.StartDraft(context.Background(), st)
			if err == nil {
				ids[i] = d.ID
			}
			errors[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errors {
		if err != nil {
			t.Fatalf("start %d: %v", i, err)
		}
		if ids[i] != ids[0] {
			t.Errorf("start %d gave dossier %d, start 0 gave %d", i, ids[i], ids[0])
		}
	}
	if n := f.count(t, `SELECT COUNT(*) FROM dossiers WHERE user_id = $1`, f.marie.ID); n != 1 {
		t.Errorf("%d dossiers, want 1", n)
	}
}

func TestSavePageKeepsAnswersAndPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	d := f.draft(t, f.marie)
	_, err := f.svc.SavePage(ctx, f.marie.ID, d.ID, Page{Number: 0, Fields: []string{"nom", "enfants"},
		Values: Answers{"nom": TextAnswer("Dupont"), "enfants.0.prenom": TextAnswer("Léa"), "enfants.1.prenom": TextAnswer("Tom")}, Next: 1})
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Hour)
	// The page sent again without the second child removes it.
	got, err := f.svc.SavePage(ctx, f.marie.ID, d.ID, Page{Number: 0, Fields: []string{"enfants"},
		Values: Answers{"enfants.0.prenom": TextAnswer("Léa")}, Next: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got.CurrentPage != 2 || got.Answers.Text("nom") != "Dupont" || got.Answers.Text("enfants.0.prenom") != "Léa" ||
		got.Answers["enfants.1.prenom"] != nil {
		t.Errorf("after save: page %d answers %v", got.CurrentPage, got.Answers)
	}
	if !got.ExpiresAt.Equal(f.clock.Now().UTC().Truncate(time.Microsecond).Add(DefaultDraftLifetime)) {
		t.Errorf("expires at %v: saving must push the date back", got.ExpiresAt)
	}
	if _, err := f.svc.SavePage(ctx, f.paul.ID, d.ID, Page{Fields: []string{"nom"}}); !errs.Is(err, errs.NotFound) {
		t.Errorf("another person saving: %v, want NotFound", err)
	}
	if _, err := f.svc.Get(ctx, f.paul.ID, d.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("another person reading: %v, want NotFound", err)
	}
}

func TestTransitions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	d := f.submitted(t, f.marie)
	if d.State != InConstruction || d.SubmittedAt.IsZero() {
		t.Fatalf("submitted = %s at %v", d.State, d.SubmittedAt)
	}
	steps := []struct {
		ag   Agent
		to   State
		want errs.Kind // -1 for success
	}{
		{f.caf, InInstruction, errs.NotFound},    // another administration
		{f.mairie, Draft, errs.Invalid},          // never back to a draft
		{f.mairie, InInstruction, -1},            //
		{f.mairie, InInstruction, errs.Conflict}, // already there
		{f.mairie, Refused, -1},                  //
		{f.mairie, Accepted, errs.Conflict},      // a decision is reopened first
		{f.mairie, InInstruction, -1},            // reopened
		{f.mairie, Accepted, -1},                 //
	}
	for i, st := range steps {
		f.clock.Advance(time.Minute)
		err := f.svc.Move(ctx, d.ID, st.ag, st.to, "Motif de la décision")
		if st.want == -1 && err != nil || st.want != -1 && !errs.Is(err, st.want) {
			t.Fatalf("step %d to %s: %v, want kind %d", i, st.to, err, st.want)
		}
	}
	got, _ := f.svc.Get(ctx, f.marie.ID, d.ID)
	if got.State != Accepted || got.DecidedAt.IsZero() || got.Label() != "Accepté" {
		t.Errorf("final %s decided %v", got.State, got.DecidedAt)
	}
	tl, err := f.svc.Timeline(ctx, got)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range tl {
		kinds = append(kinds, string(e.To))
	}
	want := "accepte en_instruction refuse en_instruction en_construction "
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("timeline newest first = %q, want %q", got, want)
	}
	if tl[0].ActorID != f.mairie.UserID || tl[len(tl)-1].Kind != EventStarted {
		t.Errorf("timeline ends %+v … %+v", tl[0], tl[len(tl)-1])
	}
}

// TestSubmitIsAtomic makes the receipt fail to be stored (after the notify
// service wrote its message): nothing of the submission may remain, not
// even that message.
func TestSubmitIsAtomic(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	d := f.draft(t, f.marie)
	// The validator refusing leaves the draft as it was: no state, no
	// timeline entry, no job.
	f.svc.opts.Validate = func(context.Context, string, int, Answers) error {
		return errs.InvalidFields("Corrigez", []errs.FieldError{{Field: "nom", Message: "Indiquez votre nom."}})
	}
	_, err := f.svc.Submit(ctx, Submitter{UserID: f.marie.ID, Email: f.marie.Email}, d.ID, Receipt{})
	if fe := errs.FieldsOf(err); len(fe) != 1 || fe[0].Field != "nom" {
		t.Errorf("validator error = %v", err)
	}
	got, _ := f.svc.Get(ctx, f.marie.ID, d.ID)
	if got.State != Draft || !got.SubmittedAt.IsZero() {
		t.Errorf("after failed submit: %s", got.State)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM dossier_events WHERE dossier_id = $1`, d.ID); n != 1 {
		t.Errorf("%d events, want only the start", n)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM jobs`) + f.count(t, `SELECT COUNT(*) FROM notify_messages`); n != 0 {
		t.Errorf("%d jobs or messages stored", n)
	}
	f.svc.opts.Validate = nil
	sent, err := f.svc.Submit(ctx, Submitter{UserID: f.marie.ID, Email: f.marie.Email}, d.ID, Receipt{ProcedureTitle: "Acte"})
	if err != nil {
		t.Fatal(err)
	}
	if sent.State != InConstruction || sent.Reference != d.Reference || sent.SubmittedAt.IsZero() {
		t.Errorf("sent dossier = %+v", sent)
	}
	// The receipt job is in the table with the sent dossier; a notifier
	// failing makes it store nothing and try again later.
	if n := f.count(t, `SELECT COUNT(*) FROM jobs WHERE kind = $1 AND status = 'queued'`, ReceiptJob); n != 1 {
		t.Fatalf("%d receipt jobs queued, want 1", n)
	}
	f.failNotify = true
	f.work(t)
	if n := f.count(t, `SELECT COUNT(*) FROM notify_messages`); n != 0 {
		t.Errorf("a failed receipt job stored %d messages", n)
	}
	f.failNotify = false
	if _, err := f.db.ExecContext(ctx, `UPDATE jobs SET run_at = $1 WHERE kind = $2`, time.Now().UTC(), ReceiptJob); err != nil {
		t.Fatal(err)
	}
	f.work(t)
	body := f.body(t, notify.DossierReceived)
	if !strings.Contains(body, sent.ShownReference()) || !strings.Contains(body, "(Acte)") ||
		!strings.Contains(body, "https://guichet.test/mes-demarches/") || !strings.HasPrefix(body, f.marie.Email) ||
		!strings.Contains(body, "Donnez votre avis sur cette démarche : https://guichet.test/demarches/acte-naissance/avis") {
		t.Errorf("receipt %s lacks the address, reference %s, title or link", body, sent.ShownReference())
	}
	// Run twice (a worker that died after storing it), the receipt is
	// stored once.
	if _, err := f.db.ExecContext(ctx, `UPDATE jobs SET status = 'queued', run_at = $1 WHERE kind = $2`, time.Now().UTC(), ReceiptJob); err != nil {
		t.Fatal(err)
	}
	f.work(t)
	if n := f.count(t, `SELECT COUNT(*) FROM notify_messages WHERE event = $1`, string(notify.DossierReceived)); n != 1 {
		t.Errorf("%d receipts after the job ran twice, want 1", n)
	}
	if _, err := f.svc.Submit(ctx, Submitter{UserID: f.marie.ID, Email: f.marie.Email}, d.ID, Receipt{}); !errs.Is(err, errs.Conflict) {
		t.Errorf("second submit: %v, want Conflict", err)
	}
}

func TestCorrectionRoundTrip(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	d := f.submitted(t, f.marie)
	if err := f.svc.Move(ctx, d.ID, f.mairie, InInstruction, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.RequestCorrection(ctx, d.ID, f.mairie, "bof", nil, ""); len(errs.FieldsOf(err)) != 3 {
		t.Errorf("empty request: %v, want 3 field errors", err)
	}
	if err := f.svc.RequestCorrection(ctx, d.ID, f.caf, Incorrect, []string{"nom"}, "x"); !errs.Is(err, errs.NotFound) {
		t.Errorf("another administration: %v", err)
	}
	f.clock.Advance(time.Hour)
	if err := f.svc.RequestCorrection(ctx, d.ID, f.mairie, Incorrect, []string{"nom"}, "Votre nom est mal écrit."); err != nil {
		t.Fatal(err)
	}
	got, _ := f.svc.Get(ctx, f.marie.ID, d.ID)
	if got.State != InConstruction || got.Correction == nil || got.Label() != "À corriger" {
		t.Fatalf("after request: %s %+v", got.State, got.Correction)
	}
	if err := f.svc.Move(ctx, d.ID, f.mairie, InInstruction, ""); !errs.Is(err, errs.Conflict) {
		t.Errorf("instruct with an open correction: %v", err)
	}
	if _, err := f.svc.SavePage(ctx, f.marie.ID, d.ID, Page{Fields: []string{"adresse"}, Values: Answers{"adresse": TextAnswer("x")}}); !errs.Is(err, errs.Forbidden) {
		t.Errorf("editing a field not asked: %v", err)
	}
	f.clock.Advance(time.Hour)
	if _, err := f.svc.SavePage(ctx, f.marie.ID, d.ID, Page{Fields: []string{"nom"}, Values: Answers{"nom": TextAnswer("Dupond")}}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SendCorrection(ctx, f.marie.ID, d.ID); err != nil {
		t.Fatal(err)
	}
	got, _ = f.svc.Get(ctx, f.marie.ID, d.ID)
	if got.Correction != nil || got.Answers.Text("nom") != "Dupond" || got.Label() != "Envoyé" {
		t.Errorf("after resubmission: %+v %v", got.Correction, got.Answers)
	}
	if err := f.svc.SendCorrection(ctx, f.marie.ID, d.ID); !errs.Is(err, errs.Conflict) {
		t.Errorf("second resubmission: %v", err)
	}
	tl, _ := f.svc.Timeline(ctx, got)
	if tl[0].Kind != EventCorrectionSent || tl[1].Kind != EventCorrectionRequested || !strings.Contains(tl[1].Detail, "mal écrit") {
		t.Errorf("timeline head: %+v / %+v", tl[0], tl[1])
	}
}

func TestMessages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	draft := f.draft(t, f.paul)
	if _, err := f.svc.PostMessage(ctx, f.paul.ID, draft.ID, "Bonjour", nil); !errs.Is(err, errs.Conflict) {
		t.Errorf("message on a draft: %v", err)
	}
	d := f.submitted(t, f.marie)
	if _, err := f.svc.PostMessage(ctx, f.marie.ID, d.ID, "  ", nil); errs.FieldOf(err) != "message" {
		t.Errorf("empty message: %v", err)
	}
	m, err := f.svc.PostMessage(ctx, f.marie.ID, d.ID, "Voici le justificatif.",
		[]Upload{{Name: "justificatif.pdf", Content: strings.NewReader(string(pdfBytes(100)))}})
	if err != nil || len(m.Files) != 1 {
		t.Fatalf("post: %v", err)
	}
	f.clock.Advance(time.Minute)
	if _, err := f.svc.PostStaffMessage(ctx, f.caf, d.ID, "Bonjour", nil); !errs.Is(err, errs.NotFound) {
		t.Errorf("another administration's message: %v", err)
	}
	if _, err := f.svc.PostStaffMessage(ctx, f.mairie, d.ID, "Merci, c'est reçu.", nil); err != nil {
		t.Fatal(err)
	}
	list, err := f.svc.Messages(ctx, d)
	if err != nil || len(list) != 2 || !list[0].FromStaff || len(list[1].Files) != 1 {
		t.Errorf("messages = %+v, %v", list, err)
	}
}
