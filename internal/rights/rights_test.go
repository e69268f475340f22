package rights

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"guichet/internal/catalogue"
	"guichet/internal/errs"
	"guichet/internal/mediation"
	"guichet/internal/profile"
)

func TestSuggestionsOnlyWithConsent(t *testing.T) {
	t.Parallel()
	f := newFixture(t, paris(t, 2026, 6, 2, 10, 0))
	f.keep(map[string]string{"ressources_mensuelles": "400"})
	if n, err := f.svc.Evaluate(f.ctx, f.person); err != nil || n != 0 {
		t.Fatalf("without consent: %d new, %v; want 0", n, err)
	}
	if got := f.slugs(); len(got) != 0 {
		t.Fatalf("without consent: %v", got)
	}
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	got := f.slugs()
	for _, want := range []string{"rsa", "complementaire-sante-solidaire"} {
		if !slices.Contains(got, want) {
			t.Errorf("suggestions %v lack %s", got, want)
		}
	}
	list, _ := f.svc.List(f.ctx, f.person)
	for _, s := range list {
		if s.Reason == "" || len(s.Unchecked) == 0 || s.ParametersDate == "" {
			t.Errorf("%s: reason %q, unchecked %v, parameters %q", s.Slug, s.Reason, s.Unchecked, s.ParametersDate)
		}
	}
	if err := f.svc.WithdrawAll(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	if n := f.count(`SELECT COUNT(*) FROM rights_suggestions WHERE user_id = $1`, f.person); n != 0 {
		t.Errorf("%d suggestions left after withdrawal", n)
	}
	if n, _ := f.svc.Evaluate(f.ctx, f.person); n != 0 {
		t.Errorf("evaluation after withdrawal made %d suggestions", n)
	}
}

// The register's page withdraws by consent id: the suggestions go too.
func TestWithdrawFromRegisterDeletesSuggestions(t *testing.T) {
	t.Parallel()
	f := newFixture(t, paris(t, 2026, 6, 2, 10, 0))
	f.keep(map[string]string{"ressources_mensuelles": "400"})
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	list, err := f.svc.opts.Consent.OfPerson(f.ctx, f.person)
	if err != nil || len(list) != 1 {
		t.Fatalf("consents %v, %v", list, err)
	}
	if err := f.svc.Withdraw(f.ctx, f.person, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if n := f.count(`SELECT COUNT(*) FROM rights_suggestions WHERE user_id = $1`, f.person); n != 0 {
		t.Errorf("%d suggestions left", n)
	}
}

// The profile is fresher than a kept answer: a birth date makes the age.
func TestProfileOverlaysKeptAnswers(t *testing.T) {
	t.Parallel()
	f := newFixture(t, paris(t, 2026, 6, 2, 10, 0))
	f.keep(map[string]string{"ressources_mensuelles": "700", "activite": "retraite"})
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(f.slugs(), "aspa") {
		t.Fatal("aspa suggested at 40")
	}
	if err := f.profile.Declare(f.ctx, f.person, profile.Identity, profile.Value{GivenName: "Camille",
		FamilyName: "Martin", Birthdate: "1955-01-15"}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Reevaluate(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	f.work()
	if !slices.Contains(f.slugs(), "aspa") {
		t.Errorf("aspa not suggested at 71: %v", f.slugs())
	}
}

func TestDismissedStaysDismissed(t *testing.T) {
	t.Parallel()
	f := newFixture(t, paris(t, 2026, 6, 2, 10, 0))
	f.keep(map[string]string{"ressources_mensuelles": "400"})
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Dismiss(f.ctx, f.person, "rsa"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Evaluate(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(f.slugs(), "rsa") {
		t.Error("a dismissed suggestion came back")
	}
	if err := f.svc.Dismiss(f.ctx, f.person, "rsa"); !errs.Is(err, errs.NotFound) {
		t.Errorf("dismissing twice: %v, want not found", err)
	}
}

func TestFollowCountsTakeUp(t *testing.T) {
	t.Parallel()
	f := newFixture(t, paris(t, 2026, 6, 2, 10, 0))
	f.keep(map[string]string{"ressources_mensuelles": "400"})
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	for range 2 { // a second click counts nothing more
		if err := f.svc.Follow(f.ctx, f.person, "rsa"); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.Follow(f.ctx, f.person, "aspa"); !errs.Is(err, errs.NotFound) {
		t.Errorf("following an aid not suggested: %v", err)
	}
	list, err := f.svc.TakeUps(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	suggested := len(f.slugs())
	total, followed := 0, 0
	for _, tu := range list {
		if tu.Month != "2026-06" {
			t.Errorf("month %q", tu.Month)
		}
		total += tu.Suggested
		followed += tu.Followed
		if tu.Slug == "rsa" && (tu.Followed != 1 || tu.Rate() != 1) {
			t.Errorf("rsa take-up %+v, rate %v", tu, tu.Rate())
		}
	}
	if total != suggested || followed != 1 {
		t.Errorf("take-up: %d suggested, %d followed; want %d and 1", total, followed, suggested)
	}
	// Withdrawn, the figures stay: they name nobody.
	if err := f.svc.WithdrawAll(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	if after, _ := f.svc.TakeUps(f.ctx); len(after) != len(list) {
		t.Errorf("take-up rows %d after withdrawal, want %d", len(after), len(list))
	}
}

func TestUnexpectedIsAnonymous(t *testing.T) {
	t.Parallel()
	f := newFixture(t, paris(t, 2026, 6, 2, 10, 0))
	f.keep(map[string]string{"ressources_mensuelles": "400"})
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Unexpected(f.ctx, f.person, "rsa", "Je touche déjà le RSA."); err != nil {
		t.Fatal(err)
	}
	long := make([]rune, maxComment+1)
	for i := range long {
		long[i] = 'a'
	}
	if err := f.svc.Unexpected(f.ctx, f.person, "rsa", string(long)); !errs.Is(err, errs.Invalid) {
		t.Errorf("long comment: %v", err)
	}
	list, err := f.svc.FeedbackOf(f.ctx, "rsa")
	if err != nil || len(list) != 1 {
		t.Fatalf("feedback %v, %v", list, err)
	}
	fb := list[0]
	if fb.Eligible != "oui" || fb.Answers["ressources_mensuelles"] != "400" || fb.EvaluatedOn != "2026-06-02" {
		t.Errorf("feedback %+v", fb)
	}
	var draft struct {
		Date     string            `json:"date"`
		Answers  map[string]string `json:"answers"`
		Expected map[string]*bool  `json:"expected"`
	}
	if err := json.Unmarshal([]byte(fb.HouseholdDraft()), &draft); err != nil {
		t.Fatal(err)
	}
	if e := draft.Expected["rsa"]; e == nil || *e || draft.Date != "2026-06-02" || draft.Answers["age"] != "40" {
		t.Errorf("draft %+v", draft)
	}
}

// Sweep queues an evaluation of everyone who allowed it when a parameter
// value comes into force, and nothing when nothing changed.
func TestSweepFollowsParameters(t *testing.T) {
	t.Parallel()
	f := newFixture(t, paris(t, 2026, 3, 20, 10, 0))
	// 648 € is over the RSA of March (646.52 − 6) and under April's (651.69 − 6).
	f.keep(map[string]string{"ressources_mensuelles": "643"})
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	if n, err := f.svc.Sweep(f.ctx); err != nil || n != 1 {
		t.Fatalf("first sweep queued %d, %v; want 1", n, err)
	}
	f.work()
	if n, err := f.svc.Sweep(f.ctx); err != nil || n != 0 {
		t.Fatalf("sweep with nothing changed queued %d, %v", n, err)
	}
	if slices.Contains(f.slugs(), "rsa") {
		t.Fatal("rsa suggested in March")
	}
	f.clock.Set(paris(t, 2026, 4, 1, 10, 0))
	if n, err := f.svc.Sweep(f.ctx); err != nil || n != 1 {
		t.Fatalf("sweep after 1 April queued %d, %v; want 1", n, err)
	}
	f.work()
	if !slices.Contains(f.slugs(), "rsa") {
		t.Errorf("rsa not suggested from 1 April: %v", f.slugs())
	}
}

// Rules that come back to what they were make a new evaluation too: the
// RSA withdrawn then published again is suggested again, though the
// evaluations under the first rules are still kept done.
func TestSweepFollowsRulesBack(t *testing.T) {
	t.Parallel()
	f := newFixture(t, paris(t, 2026, 6, 2, 10, 0))
	f.keep(map[string]string{"ressources_mensuelles": "400"})
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	var ed catalogue.Editor
	var rev int
	if err := f.db.QueryRowContext(f.ctx, `SELECT org_id, published_revision FROM procedures WHERE slug = 'rsa'`).
		Scan(&ed.OrgID, &rev); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name   string
		change func() error
		rsa    bool
	}{
		{"first rules", func() error { return nil }, true},
		{"RSA withdrawn", func() error { return f.cat.Unpublish(f.ctx, ed, "rsa") }, false},
		{"RSA published again", func() error { return f.cat.Publish(f.ctx, ed, "rsa", rev) }, true},
	}
	for _, st := range steps {
		if err := st.change(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		f.clock.Advance(time.Hour)
		if n, err := f.svc.Sweep(f.ctx); err != nil || n != 1 {
			t.Fatalf("%s: sweep queued %d, %v; want 1", st.name, n, err)
		}
		f.work()
		if got := slices.Contains(f.slugs(), "rsa"); got != st.rsa {
			t.Errorf("%s: rsa suggested %v, want %v (%v)", st.name, got, st.rsa, f.slugs())
		}
	}
}

// Two processes sweeping the same change at once queue one evaluation of
// each person between them, change after change.
func TestSweepOfTwoProcessesQueuesOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t, paris(t, 2026, 6, 2, 10, 0))
	f.keep(map[string]string{"ressources_mensuelles": "400"})
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	opts := f.svc.opts
	opts.Queue = nil // the other process's queue: its handlers are already registered on ours
	other := New(f.db, opts)
	var ed catalogue.Editor
	var rev int
	if err := f.db.QueryRowContext(f.ctx, `SELECT org_id, published_revision FROM procedures WHERE slug = 'rsa'`).
		Scan(&ed.OrgID, &rev); err != nil {
		t.Fatal(err)
	}
	for round := range 6 {
		var err error
		switch {
		case round == 0:
		case round%2 == 1:
			err = f.cat.Unpublish(f.ctx, ed, "rsa")
		default:
			err = f.cat.Publish(f.ctx, ed, "rsa", rev)
		}
		if err != nil {
			t.Fatal(err)
		}
		errc := make(chan error, 2)
		for _, svc := range []*Service{f.svc, other} {
			go func() {
				_, err := svc.Sweep(f.ctx)
				errc <- err
			}()
		}
		for range 2 {
			if err := <-errc; err != nil {
				t.Fatal(err)
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM jobs WHERE kind = $1 AND idempotency_key IS NOT NULL`, EvaluateJob); n != round+1 {
			t.Fatalf("after %d changes, %d evaluations queued by the sweeps, want %d", round+1, n, round+1)
		}
	}
}

// A mediator sees the suggestions under a mandate covering social or
// argent, while the consent lasts, each view in the access log.
func TestMediatorView(t *testing.T) {
	t.Parallel()
	f := newFixture(t, paris(t, 2026, 6, 2, 10, 0))
	f.keep(map[string]string{"ressources_mensuelles": "400"})
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	org, err := f.ids.OrganisationBySlug(f.ctx, "france-services-villeurbanne")
	if err != nil {
		t.Fatal(err)
	}
	med, err := f.ids.UserByEmail(f.ctx, "mediateur@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	v := Viewer{MediatorID: med.ID, OrgID: org.ID}
	logged := func() int {
		return f.count(`SELECT COUNT(*) FROM access_log WHERE person_user_id = $1 AND actor_kind = 'mediateur'`, f.person)
	}
	mandate := func(cats ...string) int64 {
		m, err := f.med.Create(f.ctx, mediation.Draft{OrgID: org.ID, MediatorID: med.ID, IdentifyBy: mediation.ByAccount,
			PersonUserID: f.person, PersonName: "Camille Martin", Categories: cats, Days: 31,
			TextVersion: mediation.TextVersion, Consent: true})
		if err != nil {
			t.Fatal(err)
		}
		return m.ID
	}
	papers := mandate("papiers")
	if _, _, err := f.svc.ForMediator(f.ctx, v, papers); !errs.Is(err, errs.Forbidden) {
		t.Fatalf("under a mandate for papiers: %v, want forbidden", err)
	}
	money := mandate("argent")
	if _, _, err := f.svc.ForMediator(f.ctx, Viewer{MediatorID: med.ID, OrgID: org.ID + 1000}, money); err == nil {
		t.Fatal("another structure sees the suggestions")
	}
	_, got, err := f.svc.ForMediator(f.ctx, v, money)
	if err != nil {
		t.Fatal(err)
	}
	own, _ := f.svc.List(f.ctx, f.person)
	if len(got) == 0 || len(got) != len(own) {
		t.Errorf("mediator sees %d suggestions, the person %d", len(got), len(own))
	}
	if n := logged(); n != 1 {
		t.Errorf("%d access log entries, want 1", n)
	}
	if err := f.svc.WithdrawAll(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.ForMediator(f.ctx, v, money); !errs.Is(err, errs.Forbidden) {
		t.Errorf("after withdrawal: %v, want forbidden", err)
	}
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	if err := f.med.RevokeByStructure(f.ctx, org.ID, med.ID, money); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.ForMediator(f.ctx, v, money); !errs.Is(err, errs.Forbidden) {
		t.Errorf("after the mandate's end: %v, want forbidden", err)
	}
	if n := logged(); n != 1 {
		t.Errorf("%d access log entries after a refused view, want 1", n)
	}
}

// An aid the person already applied for on Guichet is not missing.
func TestAppliedIsNotSuggested(t *testing.T) {
	t.Parallel()
	f := newFixture(t, paris(t, 2026, 6, 2, 10, 0))
	f.keep(map[string]string{"ressources_mensuelles": "400"})
	f.applied = []string{"rsa"}
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	got := f.slugs()
	if slices.Contains(got, "rsa") || !slices.Contains(got, "complementaire-sante-solidaire") {
		t.Errorf("suggestions %v: want the CSS, not the RSA applied for", got)
	}
}
