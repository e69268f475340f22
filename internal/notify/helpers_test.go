package notify

import (
	"bytes"
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/jobs"
	"guichet/internal/mail"
	"guichet/internal/sms"
	"guichet/internal/testkit"
)

// fixture is a service on a fresh database with outboxes in a temporary
// data folder, a queue and a clock the test moves.
type fixture struct {
	t      testing.TB
	db     *database.DB
	clock  *testkit.Clock
	queue  *jobs.Queue
	svc    *Service
	data   string
	smsBox *sms.Outbox
}

func newFixture(t testing.TB, provider sms.Provider) *fixture {
	t.Helper()
	f := &fixture{t: t, db: dbtest.Open(t), clock: testkit.NewClock(testkit.Start), data: t.TempDir()}
	f.queue = jobs.New(f.db, jobs.Options{Now: f.clock.Now, Logger: slog.New(slog.DiscardHandler),
		Backoff: func(attempt int) time.Duration { return time.Duration(attempt) * time.Minute }})
	if provider == nil {
		f.smsBox = sms.NewOutbox(filepath.Join(f.data, "outbox", "sms"), f.clock.Now)
		provider = f.smsBox
	}
	f.svc = New(f.db, Options{Now: f.clock.Now, Jobs: f.queue, Mail: mail.NewOutbox(filepath.Join(f.data, "outbox")),
		SMS: provider, Box: testkit.Box(t), Logger: slog.New(slog.DiscardHandler), MaxAttempts: 3})
	return f
}

// work runs every due job and returns how many ran.
func (f *fixture) work() int {
	f.t.Helper()
	n := 0
	for {
		ran, err := f.queue.Work(context.Background())
		if err != nil {
			f.t.Fatal(err)
		}
		if !ran {
			return n
		}
		n++
	}
}

// user creates an account and returns its id.
func (f *fixture) user(email string) int64 {
	f.t.Helper()
	var id int64
	err := f.db.QueryRowContext(context.Background(), `INSERT INTO users (email, name, created_at) VALUES ($1, $2, $3) RETURNING id`,
		email, "Test", f.clock.Now().UTC()).Scan(&id)
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

// confirmPhone gives userID a confirmed phone through the code by SMS.
func (f *fixture) confirmPhone(userID int64, phone string) {
	f.t.Helper()
	ctx := context.Background()
	if err := f.svc.StartPhoneConfirmation(ctx, userID, phone); err != nil {
		f.t.Fatal(err)
	}
	code := f.lastCode(userID)
	if err := f.svc.ConfirmPhone(ctx, userID, code); err != nil {
		f.t.Fatalf("confirm with %q: %v", code, err)
	}
}

// lastCode reads the code of the newest confirmation SMS before it is sent.
func (f *fixture) lastCode(userID int64) string {
	f.t.Helper()
	var body string
	err := f.db.QueryRowContext(context.Background(), `SELECT body FROM notify_messages
		WHERE user_id = $1 AND event = 'phone_code' ORDER BY id DESC LIMIT 1`, userID).Scan(&body)
	if err != nil {
		f.t.Fatal(err)
	}
	code := codeRE.FindString(body)
	if code == "" {
		f.t.Fatalf("no code in %q", body)
	}
	return code
}

// messages lists the stored messages of an event key prefix.
func (f *fixture) messages(prefix string) []Message {
	f.t.Helper()
	ms, err := f.svc.listMessages(context.Background(), selectMessageSQL+` WHERE idempotency_key LIKE $1 ORDER BY id`, prefix+"%")
	if err != nil {
		f.t.Fatal(err)
	}
	return ms
}

func received(ref string) Event {
	return Event{Kind: DossierReceived, OrgID: 1, Data: map[string]string{"reference": ref,
		"procedure": "Demande de passeport", "link": "https://guichet.test/dossiers/" + ref,
		"feedback_link": "https://guichet.test/demarches/passeport/avis"}, IdempotencyKey: "dossier-" + ref + "-received"}
}

// fakeProvider answers like a provider that honours idempotency keys: a key
// sent twice is accepted once. It counts the calls and can fail on demand.
type fakeProvider struct {
	mu       sync.Mutex
	calls    map[string]int
	accepted map[string]string
	fail     error            // returned by every Send while set
	failTo   map[string]error // returned for one number
	secret   string
	receipts []sms.Receipt
}

func newFakeProvider() *fakeProvider {
	return &fakeProvider{calls: map[string]int{}, accepted: map[string]string{}, failTo: map[string]error{}, secret: "s3cret"}
}

func (p *fakeProvider) Name() string { return "fake" }

func (p *fakeProvider) Send(ctx context.Context, m sms.Message) (sms.Sent, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls[m.Key]++
	if p.fail != nil {
		return sms.Sent{}, p.fail
	}
	if err := p.failTo[m.To]; err != nil {
		return sms.Sent{}, err
	}
	if id, ok := p.accepted[m.Key]; ok {
		return sms.Sent{ProviderID: id, Status: sms.StatusSending}, nil
	}
	id := "prov-" + m.Key
	p.accepted[m.Key] = id
	return sms.Sent{ProviderID: id, Status: sms.StatusSending}, nil
}

// Find answers whether a message with key was accepted, as a provider that
// can be searched by our reference does (sms.Finder).
func (p *fakeProvider) Find(ctx context.Context, key string) (sms.Sent, bool, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	id, ok := p.accepted[key]
	return sms.Sent{ProviderID: id, Status: sms.StatusSending}, ok, nil
}

// blindProvider is a provider that cannot be searched: fakeProvider
// without its Find.
type blindProvider struct{ *fakeProvider }

func (b blindProvider) Find() {} // hides the Finder method of the embedded provider

func (p *fakeProvider) Receipts(r *http.Request) ([]sms.Receipt, error) {
	if r.URL.Query().Get("secret") != p.secret {
		return nil, sms.ErrUnauthenticated
	}
	return p.receipts, nil
}

func (p *fakeProvider) callsOf(key string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls[key]
}

func inTx(t testing.TB, db *database.DB, fn func(ctx context.Context) error) error {
	t.Helper()
	return db.InTx(context.Background(), func(ctx context.Context, _ *sql.Tx) error { return fn(ctx) })
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// jobsJob is the job that sends message id, as a worker would see it.
func jobsJob(id int64) jobs.Job {
	return jobs.Job{Kind: JobKind, Payload: []byte(`{"id":` + strconv.FormatInt(id, 10) + `}`), Attempt: 1}
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// jobsRetryWait is more than the fixture's backoff after a first failure.
func (s *Service) jobsRetryWait() time.Duration { return 2 * time.Minute }
