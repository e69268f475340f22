package demo

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guichet/internal/forms"
)

var firstNames = []string{"Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Emma", "Sarah", "Fatou",
	"Lucas", "Hugo", "Louis", "Gabriel", "Mohamed", "Nathan", "Yanis", "Jules", "Adam", "Théo", "Nguyen", "Aïcha"}

var lastNames = []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
	"Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
	"Benali", "Diallo", "Nguyen", "Da Silva", "Traoré", "Haddad"}

var towns = []struct{ postcode, town string }{{"69100", "Villeurbanne"}, {"69008", "Lyon"}, {"69200", "Vénissieux"},
	{"69120", "Vaulx-en-Velin"}, {"42000", "Saint-Étienne"}, {"38000", "Grenoble"}, {"75019", "Paris"}, {"13003", "Marseille"}}

var streets = []string{"rue de la République", "avenue Jean Jaurès", "rue Francis de Pressensé", "cours Émile Zola",
	"place Lazare Goujon", "rue du 4 Août 1789", "chemin des Vignes", "boulevard des Belges"}

// answers fills every field of f a person would answer, by its type, as
// the pages would store them. Files are left out: a generated dossier has
// no bytes to point to.
func (g *generator) answers(f *forms.Form) forms.Answers {
	out := forms.Answers{}
	for _, p := range f.Pages {
		for _, fl := range p.Fields {
			if v, ok := g.value(fl); ok {
				out[fl.Key] = v
			}
		}
	}
	return out
}

func (g *generator) value(f forms.Field) (forms.Value, bool) {
	r := g.rng
	switch f.Type {
	case forms.ShortText:
		switch f.Autocomplete {
		case "given-name":
			return forms.Value{Text: firstNames[r.IntN(len(firstNames))]}, true
		case "family-name":
			return forms.Value{Text: lastNames[r.IntN(len(lastNames))]}, true
		}
		return forms.Value{Text: firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))]}, true
	case forms.LongText:
		return forms.Value{Text: "Je vis seule avec mes deux enfants depuis le mois de mars et mes revenus ont baissé."}, true
	case forms.Number:
		lo, hi := 0.0, 3000.0
		if f.Limits.Min != nil {
			lo = *f.Limits.Min
		}
		if f.Limits.Max != nil {
			hi = *f.Limits.Max
		}
		return forms.Value{Text: fmt.Sprint(int(lo) + r.IntN(max(1, int(hi-lo)+1)))}, true
	case forms.Date:
		d := time.Date(1950+r.IntN(55), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		return forms.Value{Text: d.Format("2006-01-02")}, true
	case forms.YesNo:
		return forms.Value{Text: []string{"oui", "non"}[r.IntN(2)]}, true
	case forms.Choice:
		if len(f.Options) == 0 {
			return forms.Value{}, false
		}
		return forms.Value{Text: f.Options[r.IntN(len(f.Options))].Value}, true
	case forms.Choices:
		if len(f.Options) == 0 {
			return forms.Value{}, false
		}
		return forms.Value{List: []string{f.Options[r.IntN(len(f.Options))].Value}}, true
	case forms.Email:
		return forms.Value{Text: fmt.Sprintf("personne.%d@exemple.test", r.IntN(1_000_000))}, true
	case forms.Phone:
		return forms.Value{Text: fmt.Sprintf("+336%08d", r.IntN(100_000_000))}, true
	case forms.Address:
		t := towns[r.IntN(len(towns))]
		return forms.Value{Address: &forms.PostalAddress{Street: fmt.Sprintf("%d %s", 1+r.IntN(120),
			streets[r.IntN(len(streets))]), Postcode: t.postcode, Town: t.town}}, true
	case forms.IBAN:
		return forms.Value{Text: "FR7630006000011234567890189"}, true
	case forms.SIRET:
		return forms.Value{Text: "73282932000074"}, true
	case forms.Repeat:
		var rows []forms.Answers
		for range r.IntN(3) {
			item := forms.Answers{}
			for _, c := range f.Children {
				if v, ok := g.value(c); ok {
					item[c.Key] = v
				}
			}
			rows = append(rows, item)
		}
		return forms.Value{Rows: rows}, len(rows) > 0
	}
	return forms.Value{}, false
}

// feedbackProfile is how satisfied the answers of a procedure are: a
// spread of profiles gives the observatory greens, yellows and reds.
type feedbackProfile struct{ good, medium, reached int }

var feedbackProfiles = []feedbackProfile{{80, 15, 90}, {55, 30, 75}, {25, 35, 60}, {70, 20, 80}}

var helpsSought = []string{"telephone", "guichet", "courriel", "proche", "association", "sites"}

// feedback writes n feedback answers spread over the targets (some far
// more answered than others) and over the last four quarters.
func (g *generator) feedback(ctx context.Context, tx *sql.Tx, targets []GenerateTarget, n int, rep *GenerateReport) error {
	dialect := g.db.Dialect
	ids, err := nextIDs(ctx, tx, dialect, "listening_feedback", n)
	if err != nil {
		return err
	}
	answers := newRowBatch(dialect, "listening_feedback", "id", "procedure_slug", "org_id", "overall_score", "clarity",
		"clarity_score", "no_help", "help_reached", "help_quality_score", "comment", "channel", "answered_at", "created_at")
	helps := newRowBatch(dialect, "listening_feedback_help", "feedback_id", "help", "reached", "quality")
	for _, id := range ids {
		// The square of a uniform pick favours the first procedures.
		x := g.rng.Float64()
		ti := int(x * x * float64(len(targets)))
		t := targets[ti]
		prof := feedbackProfiles[ti%len(feedbackProfiles)]
		overall := 0
		switch r := g.rng.IntN(100); {
		case r < prof.good:
			overall = 10
		case r < prof.good+prof.medium:
			overall = 5
		}
		clarity := 1 + min(4, overall/3+g.rng.IntN(3))
		at := g.opts.Now.Add(-time.Duration(g.rng.Int64N(int64(365 * 24 * time.Hour))))
		noHelp := g.rng.IntN(100) < 45
		var reached sql.NullBool
		var quality sql.NullFloat64
		if !noHelp {
			help := helpsSought[g.rng.IntN(len(helpsSought))]
			ok := g.rng.IntN(100) < prof.reached
			q := sql.NullInt64{}
			reached = sql.NullBool{Bool: ok, Valid: true}
			if ok {
				q = sql.NullInt64{Int64: int64(1 + min(4, overall/3+g.rng.IntN(2))), Valid: true}
				quality = sql.NullFloat64{Float64: float64(q.Int64-1) * 2.5, Valid: true}
			}
			helps.add(id, help, ok, q)
		}
		channel := "en_ligne"
		if g.rng.IntN(10) == 0 {
			channel = "papier"
		}
		answers.add(id, t.Procedure, sql.NullInt64{Int64: t.OrgID, Valid: t.OrgID != 0}, overall, clarity,
			float64(clarity-1)*2.5, noHelp, reached, quality, "", channel, at, at)
	}
	if err := answers.flush(ctx, tx); err != nil {
		return err
	}
	rep.Feedback += n
	return helps.flush(ctx, tx)
}
