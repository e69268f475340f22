package catalogue

import (
	"strings"

	"guichet/internal/textsearch"
)

// fillerPhrases are what people write around their request without saying what they look
// for, once normalized (lower case, no accent, apostrophes as spaces). The search engine
// already drops single filler words ("bonjour", "svp"); these are phrases whose words mean
// something alone: "faire" in "que faire", which would otherwise pull every text that says
// "faites la demande", and "fait" in "je me suis fait licencier".
func fillerPhrases() []string {
	return []string{
		"qu est ce que je dois faire", "qu est ce que je fais", "qu est ce qu il faut faire",
		"que dois je faire", "il faut faire quoi", "faut faire quoi", "je dois faire quoi",
		"comment je fais", "je fais comment", "comment on fait", "on fait comment",
		"que faire", "quoi faire", "comment faire",
		"je me suis fait", "me suis fait", "s est fait", "se faire",
		"aidez moi", "aider moi", "s il vous plait", "s il te plait",
	}
}

// plainQuery returns the query without its filler phrases, normalized, or the query as typed
// when nothing else is in it ("que faire" alone stays a query).
func plainQuery(query string) string {
	norm := " " + textsearch.Normalize(query) + " "
	cut := norm
	for _, f := range fillerPhrases() {
		cut = strings.ReplaceAll(cut, " "+f+" ", " ")
	}
	if cut == norm || strings.TrimSpace(cut) == "" {
		return query
	}
	return strings.TrimSpace(cut)
}
