package activity

import (
	"io"
	"strconv"

	"guichet/internal/csvsafe"
)

// Names turns the ids of mediators and structures into names for the CSV.
type Names struct {
	Mediator  func(id int64) string
	Structure func(id int64) string
}

// WriteCSV writes st as one CSV table through csvsafe: one line per
// month, mediator, structure, territory, theme, autonomy level and
// orientation, with what each counts.
func WriteCSV(w io.Writer, st *Stats, names Names) error {
	cw := csvsafe.NewWriter(w)
	cw.Write([]string{"regroupement", "valeur", "comptes_rendus", "individuels", "collectifs", "personnes", "minutes"})
	put := func(group, value string, r Row) {
		cw.Write([]string{group, value, strconv.Itoa(r.Reports), strconv.Itoa(r.Individual), strconv.Itoa(r.Collective),
			strconv.Itoa(r.People), strconv.Itoa(r.Minutes)})
	}
	put("total", st.From+" à "+st.To, st.Total)
	for _, r := range st.ByMonth {
		put("mois", r.Key, r)
	}
	for _, r := range st.ByMediator {
		put("mediateur", names.Mediator(r.ID), r)
	}
	for _, r := range st.ByStructure {
		put("structure", names.Structure(r.ID), r)
	}
	for _, r := range st.ByTerritory {
		put("departement", TerritoryLabel(r.Key), r)
	}
	for _, r := range st.ByTheme {
		put("theme", ThemeLabel(r.Key), r)
	}
	for _, r := range st.ByAutonomy {
		put("autonomie", AutonomyLabel(r.Key), r)
	}
	for _, r := range st.ByOrient {
		put("orientation", OrientationLabel(r.Key), r)
	}
	cw.Flush()
	return cw.Error()
}

// TerritoryLabel names a department code: "Département 69", "Lieu non
// précisé" for none.
func TerritoryLabel(code string) string {
	if code == "" {
		return "Lieu non précisé"
	}
	return "Département " + code
}
