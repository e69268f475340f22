package observatory

import (
	"context"
	"fmt"
	"time"

	"guichet/internal/listening"
)

// computed is one edition's values, by procedure slug ("" for the
// platform's own figures).
type computed map[string][]Value

// compute reads the sources for edition ed, up to now when the quarter
// has not ended; fb is its feedback, read by readFeedback.
func (s *Service) compute(ctx context.Context, ed Edition, now time.Time, fb feedback) (computed, error) {
	end := ed.endAt(now)
	procs, err := s.opts.Procedures(ctx)
	if err != nil {
		return nil, err
	}
	decls, err := s.declarations(ctx, ed)
	if err != nil {
		return nil, err
	}
	spread, err := s.opts.Listening.Distributions(ctx, ed.Start(), end)
	if err != nil {
		return nil, err
	}
	probes, probesOK, err := s.probeCount(ctx, ed.Start(), end)
	if err != nil {
		return nil, err
	}
	times, err := s.timingSums(ctx, ed.Start(), end)
	if err != nil {
		return nil, err
	}
	helped, err := s.helped(ctx, ed.Start(), end)
	if err != nil {
		return nil, err
	}
	out := computed{}
	for _, p := range procs {
		vals := feedbackValues(fb.quarter[p.Slug], fb.year[p.Slug])
		vals = append(vals, distributionValues(spread[p.Slug])...)
		vals = append(vals, s.channelValues(p, decls[p.Slug])...)
		if p.OnGuichet {
			vals = append(vals, uptimeValue(probes, probesOK)...)
			vals = append(vals, loadValue(times[p.Slug])...)
			vals = append(vals, helpedValue(helped[p.Slug], "Calculé par Guichet : dossiers de la démarche envoyés "+
				"avec l'aide d'un médiateur sous mandat ÷ tous ses dossiers envoyés du trimestre")...)
			fig, err := s.figureValues(ctx, p, ed, end, decls[p.Slug])
			if err != nil {
				return nil, err
			}
			vals = append(vals, fig...)
			once, err := s.onceOnlyValue(ctx, p.Slug)
			if err != nil {
				return nil, err
			}
			vals = append(vals, once...)
		}
		out[p.Slug] = vals
	}
	var all [2]int
	for _, h := range helped {
		all[0], all[1] = all[0]+h[0], all[1]+h[1]
	}
	if v := helpedValue(all, "Calculé par Guichet : dossiers envoyés avec l'aide d'un médiateur sous mandat, toutes démarches"); v != nil {
		out[""] = v
	}
	return out, nil
}

// helped reads the dossiers sent and helped by a mediator, per procedure;
// nothing when Options.Helped is not wired.
func (s *Service) helped(ctx context.Context, from, to time.Time) (map[string][2]int, error) {
	if s.opts.Helped == nil {
		return nil, nil
	}
	return s.opts.Helped(ctx, from, to)
}

// helpedValue is the share of dossiers a mediator helped with, from
// [sent, helped]; nothing without a dossier sent.
func helpedValue(h [2]int, source string) []Value {
	if h[0] == 0 {
		return nil
	}
	return []Value{{Key: AideMediateur, Num: num(100 * float64(h[1]) / float64(h[0])), Answers: h[0], Source: source}}
}

// distributionValues are the counts behind the chart of answers: one
// value per face and per clarity, each resting on all the answers.
func distributionValues(d listening.Distribution) []Value {
	total := 0
	for _, n := range d.Overall {
		total += n
	}
	if total == 0 {
		return nil
	}
	var out []Value
	const src = "Calculé par Guichet : nombre d'avis du trimestre"
	for i, o := range listening.Overalls() {
		x := float64(d.Overall[o])
		out = append(out, Value{Key: OverallKeys()[i], Num: &x, Answers: total, Source: src})
	}
	for i, n := range d.Clarity {
		x := float64(n)
		out = append(out, Value{Key: ClarityKeys()[i], Num: &x, Answers: total, Source: src})
	}
	return out
}

// feedbackValues are the indicators of the feedback answers: the quarter's
// for the marks and autonomy, the last twelve months' for aide joignable.
// An indicator without any answer is left out (unknown).
func feedbackValues(q, year listening.Summary) []Value {
	var out []Value
	const from = "Calculé par Guichet à partir des avis « Je donne mon avis » du trimestre"
	if q.Answers > 0 {
		sat := Value{Key: Satisfaction, Num: num(q.Satisfaction), Answers: q.Answers,
			Source: from + " (appréciation générale)"}
		sat.Colour = markColour(*sat.Num)
		if q.Answers < MinSatisfactionAnswers {
			sat.Colour = Gris
		}
		cl := Value{Key: Clarte, Num: num(q.Clarity), Answers: q.Answers, Source: from + " (clarté)"}
		cl.Colour = markColour(*cl.Num)
		out = append(out, sat, cl, Value{Key: Autonomie, Num: num(100 * float64(q.NoHelp) / float64(q.Answers)),
			Answers: q.Answers, Source: from + " (aucune aide cherchée)"})
	}
	if q.Rated > 0 {
		v := Value{Key: AideEfficace, Num: num(q.HelpQuality), Answers: q.Rated, Source: from + " (qualité des aides notées)"}
		v.Colour = markColour(*v.Num)
		out = append(out, v)
	}
	if year.Tried > 0 {
		v := Value{Key: AideJoignable, Num: num(100 * float64(year.Reached) / float64(year.Tried)), Answers: year.Tried,
			Source: "Calculé par Guichet à partir des avis des 12 derniers mois (aides jointes ÷ aides tentées)"}
		v.Colour = reachColour(*v.Num)
		out = append(out, v)
	}
	return out
}

// onceOnlyValue is the "Dites-le-nous une fois" indicator of an online
// procedure: the questions of its published form that a binding could
// have filled but none does.
func (s *Service) onceOnlyValue(ctx context.Context, slug string) ([]Value, error) {
	if s.opts.OnceOnly == nil {
		return nil, nil
	}
	asked, unbound, ok, err := s.opts.OnceOnly(ctx, slug)
	if err != nil || !ok {
		return nil, err
	}
	return []Value{{Key: DitesLeNousUneFois, Num: num(float64(unbound)), Colour: onceOnlyColour(unbound), Answers: asked,
		Source: fmt.Sprintf("Calculé par Guichet à partir du formulaire en ligne publié : %d question(s) sur %d "+
			"qu'un lien au profil ou à une administration pourrait remplir", unbound, asked)}}, nil
}

// channelValues are the indicators of the procedure's channels and of its
// owner's declaration.
func (s *Service) channelValues(p Procedure, d *Declaration) []Value {
	online := p.OnGuichet || p.OnlineElsewhere
	word, colour := yesNo(online)
	out := []Value{{Key: RealisableEnLigne, Word: word, Colour: colour, Source: "Canaux de la démarche dans le catalogue, et son formulaire en ligne publié sur Guichet"}}
	if p.OnGuichet {
		word, colour = yesNo(s.opts.SignIn != nil && s.opts.SignIn())
		out = append(out, Value{Key: Authentification, Word: word, Colour: colour,
			Source: "Configuration de Guichet : fournisseur d'identité proposé à la connexion"})
	}
	if !online {
		return out
	}
	acc := Value{Key: Accessibilite, Colour: Rouge, Source: "Aucune déclaration de conformité RGAA"}
	if d != nil && d.RGAARate != nil {
		acc.Num = num(*d.RGAARate)
		acc.Colour = rgaaColour(*acc.Num)
		acc.Source = fmt.Sprintf("Déclaré par l'administration (audit RGAA du %s)", d.RGAAAuditedOn)
	}
	return append(out, acc)
}

// figureValues are Guichet's own figures of an online procedure, and the
// share of its requests made online when the owner declared the others.
func (s *Service) figureValues(ctx context.Context, p Procedure, ed Edition, end time.Time, d *Declaration) ([]Value, error) {
	fg, err := s.opts.Figures.Figures(ctx, p.Slug, ed.Start(), end)
	if err != nil {
		return nil, err
	}
	t := fg.Total
	const src = "Calculé par Guichet à partir des dossiers en ligne du trimestre"
	out := []Value{{Key: DossiersRecus, Num: num(float64(t.Received)), Answers: t.Received, Source: src}}
	if t.Processed > 0 {
		out = append(out,
			Value{Key: DelaiMedian, Num: num(t.Median.Hours() / 24), Answers: t.Processed, Source: src + " (décidés)"},
			Value{Key: Delai90, Num: num(t.P90.Hours() / 24), Answers: t.Processed, Source: src + " (décidés)"})
	}
	if t.Received > 0 {
		out = append(out, Value{Key: TauxCorrection, Num: num(100 * t.CorrectionRate()), Answers: t.Received, Source: src})
	}
	if t.Started > 0 {
		out = append(out, Value{Key: TauxAbandon, Num: num(100 * t.AbandonRate()), Answers: t.Started, Source: src + " (brouillons commencés)"})
	}
	if d != nil && d.OtherChannels != nil && t.Received+*d.OtherChannels > 0 {
		all := t.Received + *d.OtherChannels
		out = append(out, Value{Key: RecoursNumerique, Num: num(100 * float64(t.Received) / float64(all)), Answers: all,
			Source: "Dossiers envoyés sur Guichet ÷ (ceux-ci + les demandes par les autres canaux déclarées par l'administration)"})
	}
	return out, nil
}
