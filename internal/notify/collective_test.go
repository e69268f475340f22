package notify

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"guichet/internal/errs"
	"guichet/internal/sms"
)

// A CSV with a few bad lines: the good ones are kept and sent, the bad ones
// listed by line with what is wrong.
func TestCollectiveKeepsGoodRowsAndListsBadOnes(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	csv := "\ufefftelephone;prenom;rdv\n" +
		"06 12 34 56 78;Zoé;lundi 9 h\n" +
		"01 23 45 67 89;Fixe;mardi\n" + // a fixed line: no SMS
		"12;Court;mardi\n" +
		"07 11 22 33 44;;mercredi\n" + // empty placeholder column
		"\n" +
		"+33 6 99 88 77 66;Léo;jeudi 14 h\n"
	text := CollectiveText{OrgID: 1, CreatedBy: 9, Channel: SMS, Transliterate: true,
		Body: "Bonjour ((prenom)), votre passeport est prêt. Venez le chercher ((rdv)) à la mairie."}
	c, err := f.svc.PrepareCollective(ctx, text, strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	if c.Recipients != 2 || c.Parts != 2 {
		t.Fatalf("recipients %d, parts %d; want 2 and 2", c.Recipients, c.Parts)
	}
	lines := []int{}
	for _, p := range c.Problems {
		lines = append(lines, p.Line)
	}
	if len(lines) != 3 || lines[0] != 3 || lines[1] != 4 || lines[2] != 5 || !strings.Contains(c.Problems[2].Message, "prenom") {
		t.Fatalf("problems: %+v", c.Problems)
	}
	if c.Preview.Body != "Bonjour Zoe, votre passeport est pret. Venez le chercher lundi 9 h a la mairie." &&
		c.Preview.Body != "Bonjour Zoé, votre passeport est pret. Venez le chercher lundi 9 h à la mairie." {
		t.Fatalf("preview: %q", c.Preview.Body)
	}
	if _, err := f.svc.Collective(ctx, 2, c.ID); !errs.Is(err, errs.NotFound) {
		t.Fatalf("another organisation read the draft: %v", err)
	}
	for range 2 { // twice: sent once
		if err := f.svc.SendCollective(ctx, 1, c.ID); err != nil {
			t.Fatal(err)
		}
	}
	f.work()
	got, err := f.svc.Collective(ctx, 1, c.ID)
	if err != nil || got.Status != "sent" || got.Counts[StatusDelivered] != 2 {
		t.Fatalf("after sending: %+v, %v", got, err)
	}
	ms, _ := f.svc.CollectiveMessages(ctx, 1, c.ID, 10)
	if len(ms) != 2 || ms[1].Recipient != "+33699887766" || !strings.Contains(ms[1].Body, "Léo") {
		t.Fatalf("messages: %+v", ms)
	}
}

func TestCollectiveRefusesUnusableFiles(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	text := CollectiveText{OrgID: 1, Channel: Email, Subject: "Info", Body: "Bonjour ((nom))"}
	for name, csv := range map[string]string{
		"no email column": "telephone,nom\n0612345678,A\n",
		"missing column":  "email\na@exemple.fr\n",
		"no good row":     "email,nom\npas-une-adresse,A\n",
	} {
		if _, err := f.svc.PrepareCollective(ctx, text, strings.NewReader(csv)); errs.FieldOf(err) != "file" {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := f.svc.PrepareCollective(ctx, CollectiveText{OrgID: 1, Channel: SMS, Body: "Bonjour ((nom"},
		strings.NewReader("telephone\n0612345678\n")); errs.FieldOf(err) != "body" {
		t.Errorf("broken placeholder: %v", err)
	}
}

// The rate limit spreads a collective send over minutes; SMS skip the night.
func TestCollectiveFollowsTheRateLimit(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	if err := f.svc.SetRateLimit(ctx, 1, 2); err != nil {
		t.Fatal(err)
	}
	csv := "email\na@exemple.fr\nb@exemple.fr\nc@exemple.fr\nd@exemple.fr\ne@exemple.fr\n"
	c, err := f.svc.PrepareCollective(ctx, CollectiveText{OrgID: 1, Channel: Email, Subject: "Info", Body: "Fermé lundi."},
		strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	f.svc.SendCollective(ctx, 1, c.ID)
	delivered := func() int {
		got, err := f.svc.Collective(ctx, 1, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Counts[StatusDelivered]
	}
	for minute, want := range []int{2, 4, 5} {
		f.work()
		if n := delivered(); n != want {
			t.Fatalf("after minute %d: %d delivered, want %d", minute+1, n, want)
		}
		f.clock.Advance(time.Minute)
	}
	if err := f.svc.SetRateLimit(ctx, 1, 0); errs.FieldOf(err) != "per_minute" {
		t.Fatalf("zero rate: %v", err)
	}
}

// In a chunk, a temporary failure of one message retries the chunk, which
// sends that one again and no other; a refused number stays refused.
func TestCollectiveChunkRetriesOnlyWhatFailed(t *testing.T) {
	t.Parallel()
	p := newFakeProvider()
	f := newFixture(t, p)
	ctx := context.Background()
	csv := "telephone\n0611111111\n0622222222\n0633333333\n"
	c, err := f.svc.PrepareCollective(ctx, CollectiveText{OrgID: 1, Channel: SMS, Body: "Mairie fermée lundi."},
		strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.failTo["+33622222222"] = &sms.Error{Provider: "fake", Temporary: true, Message: "busy"}
	p.failTo["+33633333333"] = &sms.Error{Provider: "fake", Permanent: true, Message: "unknown number"}
	p.mu.Unlock()
	f.svc.SendCollective(ctx, 1, c.ID)
	f.work()
	got, _ := f.svc.Collective(ctx, 1, c.ID)
	if got.Counts[StatusSending] != 1 || got.Counts[StatusTemporaryFailure] != 1 || got.Counts[StatusPermanentFailure] != 1 {
		t.Fatalf("after the first run: %v", got.Counts)
	}
	p.mu.Lock()
	delete(p.failTo, "+33622222222")
	p.mu.Unlock()
	f.clock.Advance(time.Minute)
	f.work()
	got, _ = f.svc.Collective(ctx, 1, c.ID)
	if got.Counts[StatusSending] != 2 || got.Counts[StatusPermanentFailure] != 1 {
		t.Fatalf("after the retry: %v", got.Counts)
	}
	ms, _ := f.svc.CollectiveMessages(ctx, 1, c.ID, 10)
	if p.callsOf(ms[0].Key) != 1 || p.callsOf(ms[1].Key) != 2 || p.callsOf(ms[2].Key) != 1 {
		t.Fatalf("calls: %d %d %d, want 1 2 1", p.callsOf(ms[0].Key), p.callsOf(ms[1].Key), p.callsOf(ms[2].Key))
	}
}

// A second collective send queues after the first one's messages still
// waiting, so that two sends share the rate instead of doubling it.
func TestCollectivesShareTheRate(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	if err := f.svc.SetRateLimit(ctx, 1, 2); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for range 2 {
		c, err := f.svc.PrepareCollective(ctx, CollectiveText{OrgID: 1, Channel: Email, Subject: "Info", Body: "Fermé lundi."},
			strings.NewReader("email\na@exemple.fr\nb@exemple.fr\nc@exemple.fr\n"))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SendCollective(ctx, 1, c.ID); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, fmt.Sprintf("collective-%d/0", c.ID))
	}
	first, _ := f.svc.Message(ctx, keys[0])
	second, _ := f.svc.Message(ctx, keys[1])
	if got := second.SendAfter.Sub(first.SendAfter); got != 2*time.Minute {
		t.Fatalf("the second send starts %s after the first, want 2m0s (after its last slot)", got)
	}
}

// SMS sent in the evening wait for the morning; an e-mail send made after
// them does not wait behind them: the rate holds per channel.
func TestEmailSendDoesNotWaitBehindNightSMS(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	// 22:00 in Paris.
	f.clock.Set(time.Date(2026, 3, 10, 21, 0, 0, 0, time.UTC))
	sms, err := f.svc.PrepareCollective(ctx, CollectiveText{OrgID: 1, Channel: SMS, Body: "Fermé lundi."},
		strings.NewReader("telephone\n0612345678\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SendCollective(ctx, 1, sms.ID); err != nil {
		t.Fatal(err)
	}
	mail, err := f.svc.PrepareCollective(ctx, CollectiveText{OrgID: 1, Channel: Email, Subject: "Info", Body: "Fermé lundi."},
		strings.NewReader("email\na@exemple.fr\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SendCollective(ctx, 1, mail.ID); err != nil {
		t.Fatal(err)
	}
	night, _ := f.svc.Message(ctx, fmt.Sprintf("collective-%d/0", sms.ID))
	now, _ := f.svc.Message(ctx, fmt.Sprintf("collective-%d/0", mail.ID))
	if !night.SendAfter.After(f.clock.Now().Add(8*time.Hour)) || !now.SendAfter.Equal(f.clock.Now().UTC()) {
		t.Fatalf("SMS at %s, e-mail at %s; want the SMS in the morning and the e-mail now (%s)", night.SendAfter, now.SendAfter, f.clock.Now())
	}
}
