package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"guichet/internal/errs"
	"guichet/internal/observatory"
)

// observatoryProcedureView is the model of a procedure's indicators page.
type observatoryProcedureView struct {
	Page
	// Name is the procedure's title (Title is the page's).
	Name, Administration string
	Edition              string
	Keys                 []obsKey
	Cells                []obsCell // the edition's indicators, with their source
	Figures              []obsCell // Guichet's own figures
	History              []obsHistoryRow
	Chart                template.HTML
	ChartID              string
	// Spread is the chart of answers of the edition, with its table.
	Spread  obsSpread
	Data    obsDataLinks
	JSONOne string
}

// obsHistoryRow is one edition of the procedure's history table.
type obsHistoryRow struct {
	Edition string
	Cells   []obsCell
}

// observatoryProcedurePage shows one procedure's indicators in an edition,
// with how each was obtained, and their history across editions, drawn
// and as a table.
func (s *Server) observatoryProcedurePage(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	ed, err := s.observatoryEdition(r)
	if err != nil {
		return err
	}
	b, err := s.Observatory.Board(r.Context(), ed)
	if err != nil {
		return err
	}
	var row *observatory.Row
	for i := range b.Rows {
		if b.Rows[i].Slug == slug {
			row = &b.Rows[i]
		}
	}
	if row == nil {
		return errs.E(errs.NotFound, "Cette démarche n'est pas dans l'observatoire. Retrouvez-la dans le tableau de l'observatoire.")
	}
	hist, err := s.Observatory.History(r.Context(), slug)
	if err != nil {
		return err
	}
	v := &observatoryProcedureView{Page: s.page(r, "Indicateurs de « "+row.Title+" » – "+ed.Label()), Name: row.Title,
		Administration: row.Administration, Edition: ed.Label(), Keys: obsKeys(), Data: obsLinks(ed),
		JSONOne: obsLinks(ed).JSON + "&procedure=" + slug, ChartID: "evolution"}
	for _, k := range observatory.Keys() {
		v.Cells = append(v.Cells, obsCellOf(row.Values, nil, k))
	}
	for _, k := range observatory.FigureKeys() {
		if c := obsCellOf(row.Values, nil, k); c.Known {
			v.Figures = append(v.Figures, c)
		}
	}
	var prev map[observatory.Key]observatory.Value
	for _, h := range hist {
		hr := obsHistoryRow{Edition: h.Edition.Label()}
		for _, k := range observatory.Keys() {
			hr.Cells = append(hr.Cells, obsCellOf(h.Values, prev, k))
		}
		prev = h.Values
		v.History = append(v.History, hr)
	}
	v.Chart = marksChart(v.ChartID, row.Title, hist)
	if v.Spread = spreadOf(row.Values); v.Spread.Total > 0 {
		v.Spread.Chart = spreadChart("repartition", row.Title, v.Spread)
	}
	return s.render(w, http.StatusOK, "observatory-procedure", v)
}

// marksChart draws satisfaction and clarté (/10) across editions as an
// SVG with a title and a description; the page gives the same data as a
// table. Solid line: satisfaction; dashed: clarté, so that the two differ
// without colour.
func marksChart(id, title string, hist []observatory.HistoryEntry) template.HTML {
	const w, h, left, top, bottom = 560, 220, 40, 20, 40
	plotH := float64(h - top - bottom)
	step := float64(w - left - 20)
	if len(hist) > 1 {
		step /= float64(len(hist) - 1)
	}
	var b strings.Builder
	var desc []string
	fmt.Fprintf(&b, `<svg class="chart" role="img" aria-labelledby="%[1]s-t %[1]s-d" viewBox="0 0 %d %d" width="%d" height="%d">`, id, w, h, w, h)
	fmt.Fprintf(&b, `<title id="%s-t">Évolution de la satisfaction et de la clarté de « %s »</title>`, id, template.HTMLEscapeString(title))
	for _, mark := range []int{0, 5, 8, 10} {
		y := float64(top) + plotH*(1-float64(mark)/10)
		fmt.Fprintf(&b, `<line class="axis" x1="%d" x2="%d" y1="%.0f" y2="%.0f" stroke-dasharray="2 4"/><text x="4" y="%.0f">%d</text>`, left, w-10, y, y, y+4, mark)
	}
	for _, series := range []struct {
		key   observatory.Key
		dash  string
		label string
	}{{observatory.Satisfaction, "", "satisfaction (trait plein)"}, {observatory.Clarte, ` stroke-dasharray="6 4"`, "clarté (tirets)"}} {
		var pts []string
		var said []string
		for i, e := range hist {
			if v, ok := e.Values[series.key]; ok && v.Num != nil {
				x, y := float64(left)+step*float64(i), float64(top)+plotH*(1-*v.Num/10)
				pts = append(pts, fmt.Sprintf("%.0f,%.0f", x, y))
				said = append(said, fmt.Sprintf("%s : %s", e.Edition.Label(), obsText(series.key, v)))
			}
		}
		if len(pts) > 0 {
			fmt.Fprintf(&b, `<polyline class="line" points="%s"%s/>`, strings.Join(pts, " "), series.dash)
			desc = append(desc, series.label+" – "+strings.Join(said, ", "))
		}
	}
	for i, e := range hist {
		fmt.Fprintf(&b, `<text x="%.0f" y="%d" text-anchor="middle">%s</text>`, float64(left)+step*float64(i), h-15, e.Edition.String())
	}
	d := "Aucune note pour l'instant."
	if len(desc) > 0 {
		d = "Notes sur 10 par édition. " + strings.Join(desc, ". ") + "."
	}
	fmt.Fprintf(&b, `<desc id="%s-d">%s</desc></svg>`, id, template.HTMLEscapeString(d))
	return template.HTML(b.String())
}
