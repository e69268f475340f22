package notify

import (
	"context"
	"errors"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"guichet/internal/errs"
	"guichet/internal/mail"
	"guichet/internal/sms"
)

// A citizen who chose SMS and e-mail gets both for a dossier received: the
// SMS lands in DATA/outbox/sms with the reference, the e-mail in the mail
// outbox, and both end delivered.
func TestNotifySendsByEveryChosenChannel(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	u := f.user("zoe@exemple.fr")
	f.confirmPhone(u, "06 12 34 56 78")
	if err := f.svc.SetChannels(ctx, u, ChannelsBoth); err != nil {
		t.Fatal(err)
	}
	ev := received("DS-2026-000042")
	ev.Recipient = Recipient{UserID: u}
	if err := f.svc.Notify(ctx, ev); err != nil {
		t.Fatal(err)
	}
	f.work()
	ms := f.messages("dossier-DS-2026-000042")
	if len(ms) != 2 {
		t.Fatalf("got %d messages, want an e-mail and an SMS: %+v", len(ms), ms)
	}
	for _, m := range ms {
		if m.Status != StatusDelivered {
			t.Errorf("%s message status %q, want delivered (%s)", m.Channel, m.Status, m.Error)
		}
		if !contains(m.Body, "DS-2026-000042") {
			t.Errorf("%s body %q lacks the reference", m.Channel, m.Body)
		}
	}
	sent, err := sms.ReadOutbox(filepath.Join(f.data, "outbox", "sms"), ms[1].Key)
	if err != nil {
		t.Fatal(err)
	}
	if sent.To != "+33612345678" || !contains(sent.Body, "DS-2026-000042") || sent.Parts < 1 {
		t.Errorf("SMS outbox file: %+v", sent)
	}
	mails, err := mail.ReadOutbox(filepath.Join(f.data, "outbox"))
	if err != nil || len(mails) != 1 || mails[0].Subject != "Votre demande DS-2026-000042 est bien reçue" {
		t.Errorf("mail outbox: %+v, %v", mails, err)
	}
	// The person's page lists both, with the confirmation code hidden.
	list, err := f.svc.SentTo(ctx, u, 10)
	if err != nil || len(list) != 3 {
		t.Fatalf("SentTo: %d messages, %v; want 3 (code, e-mail, SMS)", len(list), err)
	}
	if codeRE.MatchString(list[2].Body) {
		t.Errorf("the confirmation code stays readable after sending: %q", list[2].Body)
	}
}

// Notify twice with one key stores one message; Notify in a transaction
// that rolls back stores none.
func TestNotifyIsIdempotentAndJoinsTheCallersTransaction(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	ev := received("DS-1")
	ev.Recipient = Recipient{Email: "a@exemple.fr"}
	for range 2 {
		if err := f.svc.Notify(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	if got := len(f.messages("dossier-DS-1")); got != 1 {
		t.Fatalf("got %d messages for one key, want 1", got)
	}
	ev2 := received("DS-2")
	ev2.Recipient = Recipient{Email: "a@exemple.fr"}
	boom := errors.New("the dossier could not be saved")
	err := inTx(t, f.db, func(ctx context.Context) error {
		if err := f.svc.Notify(ctx, ev2); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if got := len(f.messages("dossier-DS-2")); got != 0 {
		t.Fatalf("a rolled-back event left %d messages", got)
	}
	var jobsLeft int
	f.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM jobs WHERE idempotency_key LIKE '%DS-2%'`).Scan(&jobsLeft)
	if jobsLeft != 0 {
		t.Fatalf("a rolled-back event left %d jobs", jobsLeft)
	}
}

// An event without the data its kind provides is refused, so no message is
// ever sent with a placeholder in it.
func TestNotifyRefusesMissingData(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ev := received("DS-3")
	ev.Recipient = Recipient{Email: "a@exemple.fr"}
	delete(ev.Data, "reference")
	if err := f.svc.Notify(context.Background(), ev); err == nil || !contains(err.Error(), "((reference))") {
		t.Fatalf("got %v, want an error naming ((reference))", err)
	}
}

// An SMS decided at 21:30 in Paris waits until 08:00; the e-mail goes now.
func TestQuietHoursHoldSMSUntilMorning(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	u := f.user("nuit@exemple.fr")
	f.confirmPhone(u, "0612345678")
	f.work() // the code goes out by day
	if err := f.svc.SetChannels(ctx, u, ChannelsBoth); err != nil {
		t.Fatal(err)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	f.clock.Set(time.Date(2026, 3, 2, 21, 30, 0, 0, paris))
	ev := received("DS-4")
	ev.Recipient = Recipient{UserID: u}
	if err := f.svc.Notify(ctx, ev); err != nil {
		t.Fatal(err)
	}
	f.work()
	ms := f.messages("dossier-DS-4")
	if ms[0].Channel != Email || ms[0].Status != StatusDelivered {
		t.Fatalf("the e-mail should go at once: %+v", ms[0])
	}
	morning := time.Date(2026, 3, 3, 8, 0, 0, 0, paris)
	if ms[1].Status != StatusCreated || !ms[1].SendAfter.Equal(morning) {
		t.Fatalf("SMS at night: status %s, send after %s; want created until %s", ms[1].Status, ms[1].SendAfter, morning)
	}
	f.clock.Set(morning.Add(-time.Second))
	if f.work() != 0 {
		t.Fatal("the SMS went out before 08:00")
	}
	f.clock.Set(morning)
	f.work()
	if m := f.messages("dossier-DS-4")[1]; m.Status != StatusDelivered {
		t.Fatalf("SMS in the morning: %s", m.Status)
	}
	// 07:59 holds it too, until the same morning.
	early := time.Date(2026, 3, 4, 7, 59, 0, 0, paris)
	if got := f.svc.morningAfter(early); !got.Equal(time.Date(2026, 3, 4, 8, 0, 0, 0, paris)) {
		t.Errorf("07:59 → %s", got)
	}
}

// Preferences: "none" stops everything but legal notices, which go by
// e-mail; SMS chosen without a confirmed phone falls back to e-mail.
func TestPreferencesChooseChannels(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	u := f.user("pref@exemple.fr")
	if err := f.svc.SetChannels(ctx, u, ChannelsSMS); err != nil {
		t.Fatal(err)
	}
	ev := received("DS-5")
	ev.Recipient = Recipient{UserID: u}
	f.svc.Notify(ctx, ev)
	if ms := f.messages("dossier-DS-5"); len(ms) != 1 || ms[0].Channel != Email {
		t.Fatalf("SMS chosen without a phone: %+v, want one e-mail", ms)
	}
	f.svc.SetChannels(ctx, u, ChannelsNone)
	ev = received("DS-6")
	ev.Recipient = Recipient{UserID: u}
	f.svc.Notify(ctx, ev)
	if ms := f.messages("dossier-DS-6"); len(ms) != 0 {
		t.Fatalf("'none' still got %d messages", len(ms))
	}
	ev = received("DS-7")
	ev.Recipient, ev.Legal = Recipient{UserID: u}, true
	f.svc.Notify(ctx, ev)
	if ms := f.messages("dossier-DS-7"); len(ms) != 1 || ms[0].Channel != Email {
		t.Fatalf("legal notice with 'none': %+v, want one e-mail", ms)
	}
	if err := f.svc.SetChannels(ctx, u, "pigeon"); errs.FieldOf(err) != "channels" {
		t.Fatalf("unknown channel: %v", err)
	}
}

// The phone code: wrong codes are counted and the fifth locks it, an old
// code expires, and only the right one confirms the number.
func TestPhoneCodeIsLimited(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	u := f.user("code@exemple.fr")
	if err := f.svc.StartPhoneConfirmation(ctx, u, "07 00 00 00 01"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.StartPhoneConfirmation(ctx, u, "01 23 45 67 89"); errs.FieldOf(err) != "phone" {
		t.Fatalf("a fixed line: %v, want a phone field error", err)
	}
	code := f.lastCode(u)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	for i := range codeMaxAttempts {
		if err := f.svc.ConfirmPhone(ctx, u, wrong); errs.MessageOf(err) != msgBadCode {
			t.Fatalf("wrong code %d: %v", i+1, err)
		}
	}
	if err := f.svc.ConfirmPhone(ctx, u, code); errs.MessageOf(err) != msgCodeExpired {
		t.Fatalf("right code after %d wrong ones: %v, want it refused", codeMaxAttempts, err)
	}
	f.svc.StartPhoneConfirmation(ctx, u, "07 00 00 00 01")
	code = f.lastCode(u)
	f.clock.Advance(codeTTL)
	if err := f.svc.ConfirmPhone(ctx, u, code); errs.MessageOf(err) != msgCodeExpired {
		t.Fatalf("expired code: %v", err)
	}
	f.svc.StartPhoneConfirmation(ctx, u, "07 00 00 00 01")
	if err := f.svc.ConfirmPhone(ctx, u, f.lastCode(u)); err != nil {
		t.Fatal(err)
	}
	p, err := f.svc.Preferences(ctx, u)
	if err != nil || p.Phone != "+33700000001" || !p.PhoneConfirmed {
		t.Fatalf("preferences after confirmation: %+v, %v", p, err)
	}
	var sealed string
	f.db.QueryRowContext(ctx, `SELECT phone_sealed FROM notify_preferences WHERE user_id = $1`, u).Scan(&sealed)
	if contains(sealed, "700000001") {
		t.Fatal("the phone number is stored in clear")
	}
}

// A node dies after marking a message sending and before recording the
// provider's answer: the job is claimed again after its lease and the
// message is unknown. A provider that can be searched by our key is asked:
// it holds the message, which is recorded and not sent again, or it does
// not, and the message goes. A provider that cannot be asked is never given
// the message a second time: technical failure.
func TestCrashWhileSendingSendsAtMostOnce(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name          string
		blind         bool
		providerGotIt bool
		wantStatus    string
		wantCalls     int
	}{
		{"asked, it holds the message", false, true, StatusSending, 1},
		{"asked, it never got it", false, false, StatusSending, 1},
		{"cannot be asked", true, true, StatusTechnicalFailure, 1},
		{"cannot be asked, never got it", true, false, StatusTechnicalFailure, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := newFakeProvider()
			var provider sms.Provider = p
			if tc.blind {
				provider = blindProvider{p}
			}
			f := newFixture(t, provider)
			ctx := context.Background()
			ev := received("DS-8")
			ev.Recipient = Recipient{Phone: "06 11 22 33 44"}
			if err := f.svc.Notify(ctx, ev); err != nil {
				t.Fatal(err)
			}
			m := f.messages("dossier-DS-8")[0]
			// The dying node: it claimed the job, marked the message sending,
			// maybe reached the provider, then nothing more was recorded.
			if _, err := f.db.ExecContext(ctx, `UPDATE jobs SET status = 'running', attempts = 1, locked_by = 'dead',
				locked_until = $1`, f.clock.Now().Add(time.Minute).UTC()); err != nil {
				t.Fatal(err)
			}
			f.svc.markSending(ctx, []int64{m.ID})
			if tc.providerGotIt {
				p.Send(ctx, sms.Message{Key: m.Key, To: m.Recipient, Body: m.Body})
			}
			before := p.callsOf(m.Key)
			if f.work() != 0 {
				t.Fatal("a job under a live lease was taken")
			}
			f.clock.Advance(2 * time.Minute)
			if f.work() != 1 {
				t.Fatal("the job of the dead node was not taken over")
			}
			got, _ := f.svc.Message(ctx, m.Key)
			if got.Status != tc.wantStatus {
				t.Fatalf("after takeover: %+v", got)
			}
			if tc.wantStatus == StatusSending && got.ProviderID != "prov-"+m.Key {
				t.Fatalf("provider id not recorded: %+v", got)
			}
			if calls := p.callsOf(m.Key); calls != tc.wantCalls {
				t.Fatalf("the provider was given the message %d times (%d before the takeover), want %d", calls, before, tc.wantCalls)
			}
			// Once settled, no run sends again.
			f.svc.Handle(ctx, jobsJob(m.ID))
			if calls := p.callsOf(m.Key); calls != tc.wantCalls {
				t.Fatal("a settled message was handed over again")
			}
		})
	}
}

// Temporary failures are retried with backoff; permanent ones stop at once;
// failures on every attempt end as technical failures.
func TestFailuresAndRetries(t *testing.T) {
	t.Parallel()
	p := newFakeProvider()
	f := newFixture(t, p)
	ctx := context.Background()
	ev := received("DS-9")
	ev.Recipient = Recipient{Phone: "0611223344"}
	f.svc.Notify(ctx, ev)
	p.fail = &sms.Error{Provider: "fake", Temporary: true, Message: "busy"}
	f.work()
	if m := f.messages("dossier-DS-9")[0]; m.Status != StatusTemporaryFailure {
		t.Fatalf("after a temporary failure: %s", m.Status)
	}
	p.fail = nil
	f.clock.Advance(time.Minute)
	f.work()
	if m := f.messages("dossier-DS-9")[0]; m.Status != StatusSending || m.Attempts != 2 {
		t.Fatalf("after the retry: %+v", m)
	}

	ev = received("DS-10")
	ev.Recipient = Recipient{Phone: "0611223345"}
	f.svc.Notify(ctx, ev)
	p.fail = &sms.Error{Provider: "fake", Permanent: true, Message: "unknown number"}
	f.work()
	f.clock.Advance(time.Hour)
	f.work()
	if m := f.messages("dossier-DS-10")[0]; m.Status != StatusPermanentFailure || m.Attempts != 1 {
		t.Fatalf("after a permanent failure: %+v", m)
	}

	ev = received("DS-11")
	ev.Recipient = Recipient{Phone: "0611223346"}
	f.svc.Notify(ctx, ev)
	p.fail = errors.New("cannot read the answer")
	for range 3 {
		f.work()
		f.clock.Advance(time.Hour)
	}
	if m := f.messages("dossier-DS-11")[0]; m.Status != StatusTechnicalFailure || m.Attempts != 3 {
		t.Fatalf("after every attempt failed: %+v", m)
	}
}

// Receipts: an authenticated callback moves statuses on; an unsigned one
// changes nothing; a late "sending" never undoes "delivered".
func TestReceiptsUpdateStatuses(t *testing.T) {
	t.Parallel()
	p := newFakeProvider()
	f := newFixture(t, p)
	ctx := context.Background()
	ev := received("DS-12")
	ev.Recipient = Recipient{Phone: "0611223344"}
	f.svc.Notify(ctx, ev)
	f.work()
	m := f.messages("dossier-DS-12")[0]
	p.receipts = []sms.Receipt{{ProviderID: m.ProviderID, Status: sms.StatusDelivered}}
	if _, err := f.svc.Receipts(ctx, "fake", httptest.NewRequest("POST", "/?secret=wrong", nil)); !errs.Is(err, errs.Unauthorized) {
		t.Fatalf("unsigned receipt: %v", err)
	}
	if got, _ := f.svc.Message(ctx, m.Key); got.Status != StatusSending {
		t.Fatalf("an unsigned receipt changed the status to %s", got.Status)
	}
	if _, err := f.svc.Receipts(ctx, "other", httptest.NewRequest("POST", "/?secret=s3cret", nil)); !errs.Is(err, errs.NotFound) {
		t.Fatalf("receipt for another provider: %v", err)
	}
	if n, err := f.svc.Receipts(ctx, "fake", httptest.NewRequest("POST", "/?secret=s3cret", nil)); err != nil || n != 1 {
		t.Fatalf("receipt: %d, %v", n, err)
	}
	p.receipts = []sms.Receipt{{ProviderID: m.ProviderID, Status: sms.StatusSending}}
	f.svc.Receipts(ctx, "fake", httptest.NewRequest("POST", "/?secret=s3cret", nil))
	if got, _ := f.svc.Message(ctx, m.Key); got.Status != StatusDelivered {
		t.Fatalf("a late receipt undid delivered: %s", got.Status)
	}
}

// A help structure carries the message for a person: its mediators get it.
func TestHelpStructureCarriesTheMessage(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	var org int64
	f.db.QueryRowContext(ctx, `INSERT INTO organisations (slug, name, kind, created_at) VALUES ('fs', 'France services', 'help_structure', $1) RETURNING id`,
		f.clock.Now().UTC()).Scan(&org)
	med := f.user("mediatrice@exemple.fr")
	if _, err := f.db.ExecContext(ctx, `INSERT INTO memberships (user_id, org_id, role) VALUES ($1, $2, 'mediator')`, med, org); err != nil {
		t.Fatal(err)
	}
	ev := received("DS-13")
	ev.Recipient = Recipient{HelpOrgID: org, ForPerson: "Mme Diallo"}
	if err := f.svc.Notify(ctx, ev); err != nil {
		t.Fatal(err)
	}
	ms := f.messages("dossier-DS-13")
	if len(ms) != 1 || ms[0].Recipient != "mediatrice@exemple.fr" || !contains(ms[0].Body, "Mme Diallo") {
		t.Fatalf("help structure messages: %+v", ms)
	}
}
