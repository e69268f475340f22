package textsearch

import "unicode/utf8"

// cut is the best way found to cut the start of a word into pieces.
type cut struct {
	pieces, stops int
	prev          int // start of the last piece; -1 while unreachable
}

// splitRunTogether cuts an unknown word into known words ("cartegrise" → "carte grise",
// "actederesidence" → "acte de residence"), choosing the cut with the fewest pieces. The word
// stays whole unless the cut gives two meaningful words, or one word after small words
// ("lacarte").
func (ix *Index) splitRunTogether(w queryWord) []queryWord {
	if len(w.text) < 5 || ix.isKnown(w.text) || utf8.RuneCountInString(w.text) > maxWordRunes {
		return []queryWord{w}
	}
	pieces := ix.segment(w.text)
	content, lastContent := 0, false
	for _, p := range pieces {
		lastContent = !isStopWord(p)
		if lastContent {
			content++
		}
	}
	if len(pieces) < 2 || content == 0 || (content == 1 && !lastContent) {
		return []queryWord{w}
	}
	out := make([]queryWord, len(pieces))
	for i, p := range pieces {
		out[i] = queryWord{p, w.weight * splitWeight}
	}
	return out
}

// segment returns the shortest cut of w into stop words and known words of three letters or
// more, preferring fewer stop words, or nil when there is none.
func (ix *Index) segment(w string) []string {
	best := make([]cut, len(w)+1)
	for i := 1; i <= len(w); i++ {
		best[i].prev = -1
	}
	for i := 1; i <= len(w); i++ {
		if i < len(w) && !utf8.RuneStart(w[i]) {
			continue
		}
		for j := 0; j < i; j++ {
			if (j > 0 && best[j].prev < 0) || !utf8.RuneStart(w[j]) {
				continue
			}
			piece := w[j:i]
			stop := isStopWord(piece)
			if !stop && (len(piece) < 3 || !ix.known[Stem(piece)]) {
				continue
			}
			c := cut{pieces: best[j].pieces + 1, stops: best[j].stops, prev: j}
			if stop {
				c.stops++
			}
			if b := best[i]; b.prev < 0 || c.pieces < b.pieces || (c.pieces == b.pieces && c.stops < b.stops) {
				best[i] = c
			}
		}
	}
	if best[len(w)].prev < 0 {
		return nil
	}
	var pieces []string
	for i := len(w); i > 0; i = best[i].prev {
		pieces = append(pieces, w[best[i].prev:i])
	}
	for l, r := 0, len(pieces)-1; l < r; l, r = l+1, r-1 {
		pieces[l], pieces[r] = pieces[r], pieces[l]
	}
	return pieces
}
