package listening

import (
	"context"
	"math"
	"sync"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
)

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

func TestSixthAnswerFromOneAddressIsRefusedAndNothingLost(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	s := New(dbtest.Open(t), Options{Now: func() time.Time { return now }})
	a := Answer{Procedure: "carte-vitale", Overall: OverallGood, Clarity: 4}
	for i := range PerHour {
		if _, err := s.Give(ctx, a, 0, "203.0.113.7"); err != nil {
			t.Fatalf("answer %d: %v", i+1, err)
		}
		now = now.Add(time.Minute)
	}
	if _, err := s.Give(ctx, a, 0, "203.0.113.7"); !errs.Is(err, errs.TooMany) {
		t.Fatalf("sixth answer: %v; want TooMany", err)
	}
	if _, err := s.Give(ctx, a, 0, "198.51.100.1"); err != nil {
		t.Fatalf("another address is not limited: %v", err)
	}
	sum, err := s.ProcedureSummary(ctx, "carte-vitale")
	if err != nil || sum.Answers != PerHour+1 || sum.ByChannel[ChannelOnline] != PerHour+1 {
		t.Fatalf("summary = %+v, %v; want the five answers and the other address's kept", sum, err)
	}
	// An hour after the first answer, the address may answer again.
	now = now.Add(56 * time.Minute)
	if _, err := s.Give(ctx, a, 0, "203.0.113.7"); err != nil {
		t.Fatalf("an hour later: %v", err)
	}
}

func TestCommentIsMaskedBeforeStorage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t)
	s := New(db, Options{})
	a := Answer{Procedure: "rsa", Overall: OverallBad, Clarity: 1, Comment: "Rappelez-moi au 06 12 34 56 78 ou jean@exemple.fr"}
	id, err := s.Give(ctx, a, 0, "::1")
	if err != nil {
		t.Fatal(err)
	}
	var got string
	if err := db.QueryRowContext(ctx, `SELECT comment FROM listening_feedback WHERE id = $1`, id).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "Rappelez-moi au [téléphone masqué] ou [e-mail masqué]"; got != want {
		t.Fatalf("stored comment %q; want %q", got, want)
	}
}

func TestInvalidAnswerSaysEveryProblem(t *testing.T) {
	t.Parallel()
	s := New(dbtest.Open(t), Options{})
	_, err := s.Give(context.Background(), Answer{Procedure: "rsa", Overall: "super", Clarity: 9,
		Helps: []HelpAnswer{{Help: HelpNone}, {Help: HelpPhone}}}, 0, "::1")
	fields := errs.FieldsOf(err)
	if len(fields) != 3 || fields[0].Field != "overall" || fields[1].Field != "clarity" || fields[2].Field != "help" {
		t.Fatalf("fields = %+v", fields)
	}
}

// TestBatchOf120IsCountedExactly enters 120 paper answers with a known mix
// and one bad item, and checks every indicator's sums.
func TestBatchOf120IsCountedExactly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := New(dbtest.Open(t), Options{})
	var items []BatchItem
	at := time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)
	for i := range 120 {
		a := Answer{Procedure: "carte-vitale", Clarity: i%5 + 1, AnsweredAt: at.Add(time.Duration(i) * time.Minute)}
		// 60 good, 40 medium, 20 bad.
		switch {
		case i < 60:
			a.Overall = OverallGood
		case i < 100:
			a.Overall = OverallMedium
		default:
			a.Overall = OverallBad
		}
		// 30 sought no help; 90 phoned, 72 of whom got through, rated 4.
		if i%4 == 0 {
			a.Helps = []HelpAnswer{{Help: HelpNone}}
		} else {
			a.Helps = []HelpAnswer{{Help: HelpPhone, Reached: yes(), Quality: 4}}
			if i%5 == 1 {
				a.Helps[0].Reached, a.Helps[0].Quality = no(), 0
			}
		}
		a.Channel = []Channel{ChannelPaper, ChannelPhone, ChannelCounter}[i%3]
		items = append(items, BatchItem{Index: i, Answer: a})
	}
	items = append(items, BatchItem{Index: 120, Answer: Answer{Procedure: "carte-vitale", Overall: OverallGood, Clarity: 7, Channel: ChannelPaper}})
	kept, rejected, err := s.EnterBatch(ctx, items, Entry{})
	if err != nil || kept != 120 || len(rejected) != 1 || rejected[0].Index != 120 {
		t.Fatalf("EnterBatch = %d, %+v, %v", kept, rejected, err)
	}
	sum, err := s.ProcedureSummary(ctx, "carte-vitale")
	if err != nil {
		t.Fatal(err)
	}
	tried, reached := 0, 0
	for i := range 120 {
		if i%4 != 0 {
			tried++
			if i%5 != 1 {
				reached++
			}
		}
	}
	want := Summary{Answers: 120, Tried: tried, Reached: reached, Rated: reached, NoHelp: 30}
	if sum.Answers != want.Answers || sum.Tried != want.Tried || sum.Reached != want.Reached ||
		sum.Rated != want.Rated || sum.NoHelp != want.NoHelp {
		t.Fatalf("summary = %+v; want %+v", sum, want)
	}
	for _, ch := range EnteredChannels() {
		if sum.ByChannel[ch] != 40 {
			t.Errorf("channel %s: %d answers; want 40", ch, sum.ByChannel[ch])
		}
	}
	near := func(name string, got, want float64) {
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v; want %v", name, got, want)
		}
	}
	near("satisfaction", sum.Satisfaction, float64(60*10+40*5)/120)
	near("clarity", sum.Clarity, 5) // every clarity 1-5 equally: mean of 0, 2.5, 5, 7.5, 10
	near("help quality", sum.HelpQuality, 7.5)
	near("autonomy", sum.Autonomy(), 0.25)
	near("reachable", sum.Reachable(), float64(reached)/float64(tried))
	if msg := rejected[0].Reason; msg != "Choisissez une note de clarté de 1 à 5." {
		t.Errorf("reason = %q", msg)
	}
}

// TestLimitHoldsUnderConcurrentAnswers sends twelve answers from one
// address at once, as several nodes would receive them: five are kept.
func TestLimitHoldsUnderConcurrentAnswers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := New(dbtest.Open(t), Options{})
	a := Answer{Procedure: "rsa", Overall: OverallMedium, Clarity: 3}
	var wg sync.WaitGroup
	results := make(chan error, 12)
	for range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Give(ctx, a, 0, "192.0.2.44")
			results <- err
		}()
	}
	wg.Wait()
	close(results)
	kept, refused := 0, 0
	for err := range results {
		switch {
		case err == nil:
			kept++
		case errs.Is(err, errs.TooMany):
			refused++
		default:
			t.Errorf("answer failed: %v", err)
		}
	}
	sum, err := s.ProcedureSummary(ctx, "rsa")
	if err != nil || kept != PerHour || refused != 12-PerHour || sum.Answers != PerHour {
		t.Fatalf("kept %d, refused %d, stored %d (%v); want %d kept and stored", kept, refused, sum.Answers, err, PerHour)
	}
}

// TestLongBatchKeepsEachHelpWithItsAnswer enters a batch longer than one
// statement's rows between two answers given online, and checks that each
// help is stored with its own answer (their ratings match here) and that
// no answer took another's id.
func TestLongBatchKeepsEachHelpWithItsAnswer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t)
	s := New(db, Options{})
	first, err := s.Give(ctx, Answer{Procedure: "rsa", Overall: OverallGood, Clarity: 5}, 0, "::1")
	if err != nil {
		t.Fatal(err)
	}
	const n = 700
	var items []BatchItem
	at := time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)
	for i := range n {
		rating := i%5 + 1
		a := Answer{Procedure: "carte-vitale", Overall: OverallMedium, Clarity: rating, Channel: ChannelPaper,
			AnsweredAt: at.Add(time.Duration(i) * time.Minute),
			Helps:      []HelpAnswer{{Help: HelpPhone, Reached: yes(), Quality: rating}, {Help: HelpEmail, Reached: no()}}}
		if i%7 == 0 {
			a.Helps = []HelpAnswer{{Help: HelpNone}}
		}
		items = append(items, BatchItem{Index: i, Answer: a})
	}
	items = append(items, BatchItem{Index: n, Answer: Answer{Procedure: "carte-vitale", Overall: "super", Clarity: 3}})
	kept, rejected, err := s.EnterBatch(ctx, items, Entry{})
	if err != nil || kept != n || len(rejected) != 1 || rejected[0].Index != n {
		t.Fatalf("EnterBatch = %d, %+v, %v; want %d kept and the last rejected", kept, rejected, err, n)
	}
	last, err := s.Give(ctx, Answer{Procedure: "rsa", Overall: OverallGood, Clarity: 5}, 0, "::2")
	if err != nil {
		t.Fatal(err)
	}
	var answers, distinct, helps, mismatched, emails int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT id) FROM listening_feedback`).Scan(&answers, &distinct); err != nil {
		t.Fatal(err)
	}
	if answers != n+2 || distinct != n+2 || last <= first {
		t.Errorf("%d answers, %d ids, online ids %d then %d; want %d distinct, growing", answers, distinct, first, last, n+2)
	}
	err = db.QueryRowContext(ctx, `SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN h.help = 'telephone' AND h.quality <> f.clarity THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN h.help = 'courriel' THEN 1 ELSE 0 END), 0)
		FROM listening_feedback_help h JOIN listening_feedback f ON f.id = h.feedback_id`).Scan(&helps, &mismatched, &emails)
	if err != nil {
		t.Fatal(err)
	}
	withHelp := n - (n+6)/7
	if helps != 2*withHelp || mismatched != 0 || emails != withHelp {
		t.Errorf("%d helps (%d e-mails), %d rated unlike their answer; want %d, %d and none", helps, emails, mismatched, 2*withHelp, withHelp)
	}
	sum, err := s.ProcedureSummary(ctx, "carte-vitale")
	if err != nil || sum.Answers != n || sum.NoHelp != n-withHelp || sum.Tried != withHelp || sum.Reached != withHelp {
		t.Errorf("summary = %+v, %v", sum, err)
	}
}
