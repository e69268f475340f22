package web

import (
	"encoding/json"
	"net/http"

	"guichet/internal/readability"
)

// maxReadabilityText bounds the text scored live, in bytes: twice the longest text a
// procedure holds. The route's body rule (routes.go) applies it.
const maxReadabilityText = 16 << 10

// readabilityAnswer is the live score of a text for the editor's script.
type readabilityAnswer struct {
	Score    int      `json:"score"`
	Label    string   `json:"label"`
	Low      bool     `json:"low"`
	Warnings []string `json:"warnings"`
}

// staffReadability scores the posted text for static/readability-live.js. It answers JSON to
// a procedure owner only (the route's access rule) and stores nothing.
func (s *Server) staffReadability(w http.ResponseWriter, r *http.Request) error {
	text := newForm(r).Raw("text")
	rep := readability.Check(text)
	ans := readabilityAnswer{Score: int(rep.Score + 0.5), Label: readability.Label(rep.Score),
		Low: rep.Score < minReadableScore, Warnings: []string{}}
	for _, warn := range rep.Warnings {
		ans.Warnings = append(ans.Warnings, warn.Message)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(ans)
}
