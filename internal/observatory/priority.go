package observatory

import (
	"cmp"
	"slices"
)

// PriorityRule says how procedures are ranked, as the page shows it.
const PriorityRule = "Chaque démarche reçoit un score : son volume annuel de demandes multiplié par sa distance au vert, " +
	"la somme sur ses indicateurs colorés de 0 pour un vert, 1 pour un jaune et 2 pour un rouge (les gris et les indicateurs " +
	"sans couleur ne comptent pas). Les démarches au score le plus élevé sont à améliorer en premier."

// Priority is a procedure's place in the ranking.
type Priority struct {
	Procedure
	Distance int
	Score    int64
	// Reds and Yellows list the indicators to bring to green.
	Reds, Yellows []Key
}

// Priorities ranks the board's procedures by volume × distance to green,
// largest first, leaving out those already green everywhere.
func (b *Board) Priorities() []Priority {
	var out []Priority
	for _, r := range b.Rows {
		p := Priority{Procedure: r.Procedure}
		for _, k := range Keys() {
			switch r.Values[k].Colour {
			case Jaune:
				p.Distance++
				p.Yellows = append(p.Yellows, k)
			case Rouge:
				p.Distance += 2
				p.Reds = append(p.Reds, k)
			}
		}
		if p.Distance == 0 {
			continue
		}
		p.Score = r.Volume * int64(p.Distance)
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b Priority) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Title, b.Title))
	})
	return out
}
