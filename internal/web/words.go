package web

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// plural writes a count with its noun, singular for 0 and 1 as French wants it ("0 enfant",
// "1 enfant", "2 enfants"). Every page that writes a count uses it, templates included.
func plural(n int, one, many string) string {
	if n <= 1 && n >= -1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

// orgPhrase is an organisation's name as sentences need it: "l'Assurance maladie",
// "de la CAF", "à la mairie", "par le Crous".
type orgPhrase struct {
	Name string
	// The is the name with its article: "la Caisse d'allocations familiales".
	The string
	// Of follows "de": "de la CAF", "du Crous", "de France Travail".
	Of string
	// To follows "à": "à la mairie", "au Crous".
	To string
	// By follows "par": "par l'Urssaf".
	By string
}

// orgGender gives the gender of the first word of an organisation's name, for the nouns and
// acronyms administrations are named by: 'f' or 'm'. A name whose first word is not listed
// is a proper name ("France Travail", "Guichet") and takes no article.
var orgGender = map[string]byte{
	"agence": 'f', "assurance": 'f', "caisse": 'f', "mairie": 'f', "préfecture": 'f',
	"sous-préfecture": 'f', "maison": 'f', "direction": 'f', "ville": 'f', "commune": 'f',
	"métropole": 'f', "région": 'f', "mission": 'f', "association": 'f', "médiathèque": 'f',
	"caf": 'f', "cpam": 'f', "mdph": 'f', "msa": 'f', "urssaf": 'f', "carsat": 'f', "cnav": 'f',
	"ants": 'f', "dgfip": 'f', "anah": 'f', "asp": 'f', "antai": 'f', "cnil": 'f',
	"ministère": 'm', "centre": 'm', "conseil": 'm', "service": 'm', "département": 'm',
	"trésor": 'm', "pôle": 'm', "observatoire": 'm', "office": 'm', "institut": 'm',
	"établissement": 'm', "secrétariat": 'm', "espace": 'm', "crous": 'm', "ccas": 'm',
	"tribunal": 'm', "point": 'm', "bureau": 'm', "fonds": 'm', "défenseur": 'm',
}

// orgOverrides holds the names the rule gets wrong, by exact name.
var orgOverrides = map[string]orgPhrase{}

// orgWords returns the forms of an organisation's name: with an article when its first word
// is a common noun or an acronym read as one ("la CAF", "l'Urssaf"), bare when it is a proper
// name ("France Travail").
func orgWords(name string) orgPhrase {
	if p, ok := orgOverrides[name]; ok {
		return p
	}
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	first = strings.ToLower(strings.TrimRight(first, ",.;:"))
	if i := strings.IndexAny(first, "'’"); i >= 0 {
		first = first[:i]
	}
	gender, ok := orgGender[first]
	if !ok {
		return orgPhrase{Name: name, The: name, Of: "de " + name, To: "à " + name, By: "par " + name}
	}
	if startsWithVowelSound(first) {
		return orgPhrase{Name: name, The: "l'" + name, Of: "de l'" + name, To: "à l'" + name, By: "par l'" + name}
	}
	if gender == 'f' {
		return orgPhrase{Name: name, The: "la " + name, Of: "de la " + name, To: "à la " + name, By: "par la " + name}
	}
	return orgPhrase{Name: name, The: "le " + name, Of: "du " + name, To: "au " + name, By: "par le " + name}
}

// startsWithVowelSound tells whether a word takes "l'": a vowel, or a mute h.
func startsWithVowelSound(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return strings.ContainsRune("aâàeéèêëiîïoôuùûüyh", unicode.ToLower(r))
}

// lowerParticles stay in lower case inside a name written in normal case.
var lowerParticles = map[string]bool{
	"de": true, "du": true, "des": true, "la": true, "le": true, "les": true, "et": true,
	"à": true, "au": true, "aux": true, "en": true, "sur": true, "sous": true, "l": true,
	"d": true, "lès": true, "lez": true,
}

// normalCase writes a name or an address typed in capitals ("150 RUE DU QUATRE AOUT 1789")
// in normal case ("150 rue du Quatre Aout 1789" is not the aim: "150 Rue du Quatre Aout
// 1789"), which screen readers and readers with dyslexia read better. Text that already holds
// lower-case letters is returned as it is: a person wrote it that way.
func normalCase(s string) string {
	if s == "" || strings.ToUpper(s) != s || strings.ToLower(s) == s {
		return s
	}
	var b strings.Builder
	word := 0
	start := true
	runes := []rune(strings.ToLower(s))
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if !unicode.IsLetter(r) {
			start = true
			b.WriteRune(r)
			continue
		}
		if !start {
			b.WriteRune(r)
			continue
		}
		start = false
		j := i
		for j < len(runes) && unicode.IsLetter(runes[j]) {
			j++
		}
		w := string(runes[i:j])
		if word > 0 && lowerParticles[w] {
			b.WriteString(w)
		} else {
			b.WriteRune(unicode.ToUpper(r))
			b.WriteString(string(runes[i+1 : j]))
		}
		word++
		i = j - 1
	}
	return b.String()
}
