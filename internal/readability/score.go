package readability

// Score returns the Kandel & Moles reading ease of a French text:
// 207 − 1.015 × words/sentence − 73.6 × syllables/word. Higher is easier; most texts fall
// between 0 and 100, but very short sentences of short words can go above 100 and very long
// ones below 0 (see Label). A text without any word scores 0.
func Score(text string) float64 {
	sentences := splitSentences(text)
	words, syl := 0, 0
	for _, s := range sentences {
		for _, w := range s.words {
			words++
			syl += syllables(w.text)
		}
	}
	return kandelMoles(words, len(sentences), syl)
}

// kandelMoles applies the formula to counts.
func kandelMoles(words, sentences, syllables int) float64 {
	if words == 0 || sentences == 0 {
		return 0
	}
	return 207 - 1.015*float64(words)/float64(sentences) - 73.6*float64(syllables)/float64(words)
}

// Label names a score in the bands of the Flesch scale, which Kandel & Moles kept:
//
//	90 and above   très facile      (a child's book)
//	80 to 90       facile
//	70 to 80       assez facile
//	60 to 70       standard         (a newspaper)
//	50 to 60       assez difficile
//	below 50       difficile        (an administrative or legal text)
//
// A lower bound belongs to its band: 80 is "facile".
func Label(score float64) string {
	switch {
	case score >= 90:
		return "très facile"
	case score >= 80:
		return "facile"
	case score >= 70:
		return "assez facile"
	case score >= 60:
		return "standard"
	case score >= 50:
		return "assez difficile"
	}
	return "difficile"
}
