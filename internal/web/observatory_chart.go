package web

import (
	"fmt"
	"html/template"
	"strings"

	"guichet/internal/listening"
	"guichet/internal/observatory"
)

// obsSpreadRow is one answer of the chart of answers, as its table shows it.
type obsSpreadRow struct {
	Question, Answer string
	Count            int
	Share            string // "50 %"
}

// obsSpread is the spread of a procedure's answers in an edition: the
// rows of its table and its drawing.
type obsSpread struct {
	Total int
	Rows  []obsSpreadRow
	Chart template.HTML
}

// spreadOf reads the counts of the overall answer and of the clarity from
// an edition's values; an edition without answers has no rows.
func spreadOf(vals map[observatory.Key]observatory.Value) obsSpread {
	var sp obsSpread
	count := func(k observatory.Key) int {
		if v, ok := vals[k]; ok && v.Num != nil {
			sp.Total = v.Answers
			return int(*v.Num)
		}
		return 0
	}
	var rows []obsSpreadRow
	for i, o := range listening.Overalls() {
		rows = append(rows, obsSpreadRow{Question: "Appréciation générale", Answer: o.Label(), Count: count(observatory.OverallKeys()[i])})
	}
	for i, k := range observatory.ClarityKeys() {
		rows = append(rows, obsSpreadRow{Question: "Clarté", Answer: fmt.Sprintf("%d sur 5", i+1), Count: count(k)})
	}
	if sp.Total == 0 {
		return sp
	}
	for i := range rows {
		rows[i].Share = fmt.Sprintf("%d\u202f%%", (200*rows[i].Count+sp.Total)/(2*sp.Total))
	}
	sp.Rows = rows
	return sp
}

// spreadChart draws the spread as horizontal bars, one per answer, each
// labelled with its answer, count and share, so that nothing rests on
// colour or on reading lengths. The bars take the text's colour, which
// high-contrast modes set.
func spreadChart(id, title string, sp obsSpread) template.HTML {
	const w, left, barMax, rowH = 560, 150, 300, 26
	h := len(sp.Rows)*rowH + 2*rowH
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" role="img" aria-labelledby="%[1]s-t %[1]s-d" viewBox="0 0 %d %d" width="%d" height="%d">`, id, w, h, w, h)
	fmt.Fprintf(&b, `<title id="%s-t">Répartition des %d avis sur « %s »</title>`, id, sp.Total, template.HTMLEscapeString(title))
	y, question := 0, ""
	var said []string
	for _, r := range sp.Rows {
		if r.Question != question {
			question = r.Question
			y += rowH
			fmt.Fprintf(&b, `<text x="0" y="%d" font-weight="bold">%s</text>`, y-8, template.HTMLEscapeString(question))
		}
		width := r.Count * barMax / sp.Total
		fmt.Fprintf(&b, `<text x="0" y="%d">%s</text><rect class="bar" x="%d" y="%d" width="%d" height="16"/><text x="%d" y="%d">%d (%s)</text>`,
			y+13, template.HTMLEscapeString(r.Answer), left, y, width, left+width+6, y+13, r.Count, r.Share)
		said = append(said, fmt.Sprintf("%s %s : %d (%s)", strings.ToLower(r.Question), r.Answer, r.Count, r.Share))
		y += rowH
	}
	fmt.Fprintf(&b, `<desc id="%s-d">%s.</desc></svg>`, id, template.HTMLEscapeString(strings.Join(said, ", ")))
	return template.HTML(b.String())
}
