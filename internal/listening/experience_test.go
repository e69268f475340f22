package listening_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
	"guichet/internal/listening"
	"guichet/internal/testkit"
	"guichet/internal/testkit/demokit"
)

func TestExperienceIsMaskedModeratedAndAnswered(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	db := dbtest.Open(t)
	ids := demokit.Identity(t, db, clock)
	caf, err := ids.OrganisationBySlug(ctx, "caf")
	if err != nil {
		t.Fatal(err)
	}
	cpam, err := ids.OrganisationBySlug(ctx, "cpam")
	if err != nil {
		t.Fatal(err)
	}
	agent, err := ids.UserByEmail(ctx, "agent@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	box := testkit.Box(t)
	s := listening.New(db, listening.Options{Now: clock, Box: box, BaseURL: "https://guichet.example"})
	m := listening.Moderator{UserID: agent.ID, OrgID: caf.ID, IP: "192.0.2.1"}

	if _, err := s.Tell(ctx, listening.Story{Procedure: "rsa", Title: "x"}, caf.ID, "203.0.113.1"); !errs.Is(err, errs.Invalid) {
		t.Fatalf("empty story: %v", err)
	}
	good, err := s.Tell(ctx, listening.Story{Procedure: "rsa", Title: "Dossier retrouvé",
		Body: "On m'a rappelé au 06 12 34 56 78, merci à l'agent.", Email: "camille@exemple.fr"}, caf.ID, "203.0.113.1")
	if err != nil {
		t.Fatal(err)
	}
	rude, err := s.Tell(ctx, listening.Story{Procedure: "rsa", Title: "Nul",
		Body: "Bande d'incapables, trois mois sans réponse.", Email: "paul@exemple.fr"}, caf.ID, "203.0.113.1")
	if err != nil {
		t.Fatal(err)
	}
	// Nothing is public before moderation; the moderator sees the masked text and the suspect words.
	if list, _ := s.PublishedExperiences(ctx, "rsa"); len(list) != 0 {
		t.Fatalf("published before moderation: %+v", list)
	}
	queue, err := s.OrgExperiences(ctx, caf.ID)
	if err != nil || len(queue) != 2 || strings.Contains(queue[1].Body, "06 12") || len(queue[0].Suspect) == 0 {
		t.Fatalf("queue = %+v, %v", queue, err)
	}
	// Another organisation's staff cannot moderate it.
	if err := s.Publish(ctx, good, listening.Moderator{UserID: agent.ID, OrgID: cpam.ID}); !errs.Is(err, errs.NotFound) {
		t.Fatalf("other organisation: %v", err)
	}
	if err := s.Refuse(ctx, rude, " ", m); !errs.Is(err, errs.Invalid) {
		t.Fatalf("refusal without a reason: %v", err)
	}
	if err := s.Refuse(ctx, rude, "Le récit contient des injures.", m); err != nil {
		t.Fatal(err)
	}
	var payload string
	if err := db.QueryRowContext(ctx, `SELECT payload FROM jobs WHERE kind = 'mail.send'`).Scan(&payload); err != nil {
		t.Fatalf("no mail queued for the refusal: %v", err)
	}
	if strings.Contains(payload, "paul@exemple.fr") {
		t.Error("the author's address is readable in the jobs table")
	}
	if err := s.Publish(ctx, good, m); err != nil {
		t.Fatal(err)
	}
	if err := s.Reply(ctx, rude, "Bonjour", m); !errs.Is(err, errs.Conflict) {
		t.Fatalf("reply to a refused experience: %v", err)
	}
	now = now.Add(26 * time.Hour)
	if err := s.Reply(ctx, good, "Merci, nous transmettons à l'équipe.", m); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	if err := s.Reply(ctx, good, "Une précision.", m); err != nil {
		t.Fatal(err)
	}
	list, err := s.PublishedExperiences(ctx, "rsa")
	if err != nil || len(list) != 1 || len(list[0].Replies) != 2 || list[0].TimeToReply() != 26*time.Hour ||
		!strings.Contains(list[0].Body, "[téléphone masqué]") {
		t.Fatalf("published = %+v, %v", list, err)
	}
	// A second published experience, not answered: half answered, median 26 h.
	other, err := s.Tell(ctx, listening.Story{Procedure: "rsa", Title: "Attente", Body: "J'attends encore une réponse."}, caf.ID, "203.0.113.2")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(ctx, other, m); err != nil {
		t.Fatal(err)
	}
	st, err := s.OrgReplyStats(ctx, caf.ID)
	if err != nil || st.Published != 2 || st.Answered != 1 || st.Median != 26*time.Hour || st.Share() != 0.5 {
		t.Fatalf("stats = %+v, %v", st, err)
	}
}

func TestInsultsAreFoundWordByWord(t *testing.T) {
	t.Parallel()
	if got := listening.Insults("Des incapables, des INCAPABLES ! Bande de connards."); len(got) != 2 {
		t.Fatalf("insults = %q", got)
	}
	if got := listening.Insults("Le conseiller m'a bien aidé, contenu clair."); len(got) != 0 {
		t.Fatalf("false insults = %q", got)
	}
}
