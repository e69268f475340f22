package demo

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"guichet/internal/database"
	"guichet/internal/forms"
)

// GenerateTarget is a procedure generated data goes to: dossiers when it
// has a published form, feedback answers in every case.
type GenerateTarget struct {
	Procedure string
	OrgID     int64
	Form      *forms.Form // nil: feedback only
	// Agents are the accounts dossiers in instruction or decided are
	// assigned to (none: nobody).
	Agents []int64
}

// GenerateOptions say how much to generate.
type GenerateOptions struct {
	Dossiers int
	Feedback int
	// Citizen, when set, owns the first CitizenDossiers dossiers, so that a
	// known account sees a long list (the demo citizen; a benchmark's person).
	Citizen         int64
	CitizenDossiers int
	Seed            uint64
	Now             time.Time
	// Progress, when set, receives a line after each transaction.
	Progress io.Writer
}

// GenerateReport counts what Generate wrote.
type GenerateReport struct {
	People, Dossiers, Events, Messages, Feedback int
}

// chunk is how many dossiers (or feedback answers) one transaction writes.
const chunk = 5000

// Generate fills db with made-up people, dossiers of the targets' forms in
// every state with their answers, timeline and messages over the last two
// years, and feedback answers over the last four quarters. It writes
// straight to the tables, in multi-row statements and transactions of
// chunk rows, where the services would write one row per statement: a
// million dossiers are a matter of minutes, not hours. What it writes is
// ordinary data, read by the real pages; nothing marks it as generated but
// the e-mail addresses at exemple.test.
func Generate(ctx context.Context, db *database.DB, targets []GenerateTarget, opts GenerateOptions) (GenerateReport, error) {
	var rep GenerateReport
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	opts.Now = opts.Now.UTC().Truncate(time.Microsecond)
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	var withForm []GenerateTarget
	for _, t := range targets {
		if t.Form != nil {
			withForm = append(withForm, t)
		}
	}
	if opts.Dossiers > 0 && len(withForm) == 0 {
		return rep, fmt.Errorf("generate: no procedure with a published form")
	}
	if opts.Feedback > 0 && len(targets) == 0 {
		return rep, fmt.Errorf("generate: no procedure for feedback")
	}
	start := time.Now()
	// The corrections draw from their own source, so that adding them left
	// every other generated value as it was.
	fix := rand.New(rand.NewPCG(opts.Seed^0x5bd1e995, opts.Seed))
	g := &generator{db: db, rng: rng, fix: fix, opts: opts, targets: withForm}
	for done := 0; done < opts.Dossiers; done += chunk {
		n := min(chunk, opts.Dossiers-done)
		if err := db.Transact(ctx, func(tx *sql.Tx) error { return g.dossiers(ctx, tx, done, n, &rep) }); err != nil {
			return rep, err
		}
		progress(opts.Progress, "dossiers", done+n, opts.Dossiers, start)
	}
	start = time.Now()
	for done := 0; done < opts.Feedback; done += chunk {
		n := min(chunk, opts.Feedback-done)
		if err := db.Transact(ctx, func(tx *sql.Tx) error { return g.feedback(ctx, tx, targets, n, &rep) }); err != nil {
			return rep, err
		}
		progress(opts.Progress, "avis", done+n, opts.Feedback, start)
	}
	// Fresh statistics, so that the planner knows the tables' new sizes;
	// on PostgreSQL the visibility map too, without which an index-only
	// scan (the queue's counts) still reads every row's page, as it does
	// until autovacuum passes after a bulk load.
	analyze := analyzeSQL
	if db.Dialect == database.Postgres {
		analyze = vacuumAnalyzeSQL
	}
	if _, err := db.ExecContext(ctx, analyze); err != nil {
		return rep, fmt.Errorf("generate: analyze: %w", err)
	}
	return rep, nil
}

const (
	analyzeSQL       = `ANALYZE`
	vacuumAnalyzeSQL = `VACUUM ANALYZE`
)

func progress(w io.Writer, what string, done, total int, since time.Time) {
	if w != nil {
		fmt.Fprintf(w, "%s : %d / %d (%.1f s)\n", what, done, total, time.Since(since).Seconds())
	}
}

type generator struct {
	db      *database.DB
	rng     *rand.Rand
	fix     *rand.Rand // draws the correction requests
	opts    GenerateOptions
	targets []GenerateTarget
	// owner is the person whose dossiers are being written, drafts the
	// procedures they have a draft of.
	owner  int64
	drafts map[string]bool
}

// The share of each state among generated dossiers, in thousandths.
var stateMix = []struct {
	state string
	per   int
}{{"brouillon", 80}, {"en_construction", 170}, {"en_instruction", 150}, {"accepte", 400}, {"refuse", 120}, {"sans_suite", 80}}

func (g *generator) pickState() string {
	r := g.rng.IntN(1000)
	for _, s := range stateMix {
		if r < s.per {
			return s.state
		}
		r -= s.per
	}
	return "accepte"
}

var motives = []string{"Les ressources déclarées dépassent le plafond.", "Pièce justificative manquante malgré la relance.",
	"Demande faite en double.", "La personne a renoncé à sa demande."}

// dossiers writes n dossiers, from the done-th on, with their people.
func (g *generator) dossiers(ctx context.Context, tx *sql.Tx, done, n int, rep *GenerateReport) error {
	dialect := g.db.Dialect
	// Between one and nine dossiers a person, five on average.
	var owners []int64
	citizen := max(0, min(n, g.opts.CitizenDossiers-done))
	if g.opts.Citizen == 0 {
		citizen = 0
	}
	for range citizen {
		owners = append(owners, g.opts.Citizen)
	}
	var counts []int
	for left := n - citizen; left > 0; {
		k := min(left, 1+g.rng.IntN(9))
		counts = append(counts, k)
		left -= k
	}
	people, err := nextIDs(ctx, tx, dialect, "users", len(counts))
	if err != nil {
		return err
	}
	users := newRowBatch(dialect, "users", "id", "email", "name", "created_at")
	for i, id := range people {
		first, last := firstNames[g.rng.IntN(len(firstNames))], lastNames[g.rng.IntN(len(lastNames))]
		users.add(id, fmt.Sprintf("usager-%d@exemple.test", id), first+" "+last,
			g.opts.Now.Add(-time.Duration(g.rng.Int64N(int64(800*24*time.Hour)))))
		for range counts[i] {
			owners = append(owners, id)
		}
	}
	if err := users.flush(ctx, tx); err != nil {
		return err
	}
	rep.People += len(people)
	ids, err := nextIDs(ctx, tx, dialect, "dossiers", n)
	if err != nil {
		return err
	}
	dossiers := newRowBatch(dialect, "dossiers", "id", "reference", "user_id", "procedure_slug", "org_id", "form_version",
		"state", "current_page", "answers", "created_at", "updated_at", "submitted_at", "decided_at", "expires_at", "assigned_to")
	events := newRowBatch(dialect, "dossier_events", "dossier_id", "at", "actor_id", "kind", "from_state", "to_state", "detail")
	type message struct {
		dossier, author int64
		at              time.Time
		staff           bool
		body            string
	}
	var msgs []message
	corrections := newRowBatch(dialect, "dossier_corrections", "dossier_id", "requested_at", "requested_by", "reason",
		"fields", "message", "closed_at")
	for i, id := range ids {
		t := g.targets[g.rng.IntN(len(g.targets))]
		owner := owners[i]
		state := g.pickState()
		// One draft a person and procedure: a person's dossiers come one
		// after the other, so the procedures of their drafts are enough.
		if owner != g.owner {
			g.owner, g.drafts = owner, map[string]bool{}
		}
		if state == "brouillon" {
			// The known account may have drafts of its own already.
			if g.drafts[t.Procedure] || owner == g.opts.Citizen {
				state = "en_construction"
			}
			g.drafts[t.Procedure] = true
		}
		created := g.opts.Now.Add(-time.Duration(g.rng.Int64N(int64(730 * 24 * time.Hour))))
		if state == "brouillon" {
			created = g.opts.Now.Add(-time.Duration(g.rng.Int64N(int64(60 * 24 * time.Hour))))
		}
		answers, err := json.Marshal(g.answers(t.Form))
		if err != nil {
			return err
		}
		var submitted, decided, expires, updated sql.NullTime
		var assigned sql.NullInt64
		updated = sql.NullTime{Time: created, Valid: true}
		events.add(id, created, owner, "commence", "", "", "")
		page := -1
		if state == "brouillon" {
			page = g.rng.IntN(len(t.Form.Pages))
			expires = sql.NullTime{Time: created.Add(183 * 24 * time.Hour), Valid: true}
		} else {
			at := g.later(created, 3)
			submitted, updated = sql.NullTime{Time: at, Valid: true}, sql.NullTime{Time: at, Valid: true}
			events.add(id, at, owner, "etat", "brouillon", "en_construction", "")
			if state != "en_construction" {
				var agent any
				if len(t.Agents) > 0 {
					a := t.Agents[g.rng.IntN(len(t.Agents))]
					assigned, agent = sql.NullInt64{Int64: a, Valid: true}, a
				}
				at = g.later(at, 20)
				updated = sql.NullTime{Time: at, Valid: true}
				events.add(id, at, agent, "etat", "en_construction", "en_instruction", "")
				if g.rng.IntN(10) < 3 {
					q := g.later(at, 5)
					msgs = append(msgs, message{dossier: id, author: assigned.Int64, at: q, staff: true,
						body: "Bonjour, pouvez-vous nous envoyer votre dernier avis d'imposition ? Merci."},
						message{dossier: id, author: owner, at: g.later(q, 4), body: "Bonjour, je vous l'envoie dès ce soir."})
				}
				if state != "en_instruction" {
					at = g.later(at, 40)
					detail := ""
					if state != "accepte" {
						detail = motives[g.rng.IntN(len(motives))]
					}
					decided, updated = sql.NullTime{Time: at, Valid: true}, sql.NullTime{Time: at, Valid: true}
					events.add(id, at, agent, "etat", "en_instruction", state, detail)
				}
			}
		}
		if submitted.Valid {
			g.correction(corrections, events, id, owner, state, submitted.Time, assigned)
		}
		if updated.Time.After(g.opts.Now) {
			updated.Time = g.opts.Now
		}
		dossiers.add(id, generatedReference(id), owner, t.Procedure, t.OrgID, t.Form.Version, state, page, string(answers),
			created, updated.Time, submitted, decided, expires, assigned)
	}
	if err := dossiers.flush(ctx, tx); err != nil {
		return err
	}
	rep.Dossiers += n
	rep.Events += events.rows
	if err := events.flush(ctx, tx); err != nil {
		return err
	}
	if err := corrections.flush(ctx, tx); err != nil {
		return err
	}
	msgIDs, err := nextIDs(ctx, tx, dialect, "dossier_messages", len(msgs))
	if err != nil {
		return err
	}
	messages := newRowBatch(dialect, "dossier_messages", "id", "dossier_id", "at", "author_id", "from_staff", "body")
	for i, m := range msgs {
		author := sql.NullInt64{Int64: m.author, Valid: m.author != 0}
		messages.add(msgIDs[i], m.dossier, m.at, author, m.staff, m.body)
		events.add(m.dossier, m.at, author, "message", "", "", "")
	}
	rep.Messages += len(msgs)
	rep.Events += events.rows
	if err := messages.flush(ctx, tx); err != nil {
		return err
	}
	return events.flush(ctx, tx)
}

// correction writes, for some sent dossiers, the correction an agent asked
// for: still open on one dossier in eight waiting in construction (the
// queue's "waiting for a correction"), answered on one in ten of the
// others.
func (g *generator) correction(corrections, events *rowBatch, id, owner int64, state string, sent time.Time, agent sql.NullInt64) {
	open := state == "en_construction" && g.fix.IntN(8) == 0
	if !open && (state == "en_construction" || g.fix.IntN(10) != 0) {
		return
	}
	at := g.later(sent, 10)
	var closed sql.NullTime
	if !open {
		closed = sql.NullTime{Time: g.later(at, 10), Valid: true}
		events.add(id, closed.Time, owner, "correction_envoyee", "", "", "")
	}
	corrections.add(id, at, agent, "incomplete", `["justificatif"]`, "Votre justificatif de domicile est illisible.", closed)
	events.add(id, at, agent, "correction_demandee", "", "", "Il manque une information ou un document : Votre justificatif de domicile est illisible.")
}

// later is a moment up to days after t, never after now.
func (g *generator) later(t time.Time, days int) time.Time {
	at := t.Add(time.Duration(g.rng.Int64N(int64(days)*int64(24*time.Hour)) + int64(time.Hour)))
	if at.After(g.opts.Now) {
		return g.opts.Now
	}
	return at
}

// generatedReference turns an id into 8 characters of the references'
// alphabet, by a bijection of [0, 29^8), so that two ids never share one
// and they do not read in order.
func generatedReference(id int64) string {
	const alphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ"
	const space = 29 * 29 * 29 * 29 * 29 * 29 * 29 * 29
	// 2,654,435,761 is prime and does not divide 29^8: multiplying by it
	// permutes the residues.
	v := (uint64(id)*2654435761 + 123456789) % space
	out := make([]byte, 8)
	for i := 7; i >= 0; i-- {
		out[i] = alphabet[v%29]
		v /= 29
	}
	return string(out)
}
