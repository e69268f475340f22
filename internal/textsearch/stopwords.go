package textsearch

// isStopWord reports whether the normalized word w carries no meaning for a search: articles,
// pronouns, common prepositions, the elided letters (l d j m n s t c qu) and the fillers people
// type around a request ("bonjour je voudrais"). The list stays short on purpose: a word that
// names something ("sans", "faire", "perte") is never in it.
func isStopWord(w string) bool {
	switch w {
	case "a", "ai", "as", "au", "aux", "avec", "avoir",
		"bonjour", "c", "ca", "ce", "ces", "cet", "cette", "comment",
		"d", "dans", "de", "des", "dois", "du",
		"elle", "elles", "en", "es", "est", "et", "etre", "faut",
		"il", "ils", "j", "je", "l", "la", "le", "les", "leur", "leurs",
		"m", "ma", "me", "merci", "mes", "moi", "mon",
		"n", "ne", "nos", "notre", "nous", "on", "ont", "ou",
		"par", "pas", "peux", "pour", "qu", "quand", "que", "quel", "quelle", "quelles", "quels",
		"qui", "quoi", "s", "sa", "se", "ses", "si", "son", "sont", "stp", "suis", "sur", "svp",
		"t", "ta", "te", "tes", "toi", "ton", "tu", "un", "une",
		"veux", "voudrais", "vos", "votre", "vous", "y":
		return true
	}
	return false
}
