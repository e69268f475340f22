package sms

import "testing"

func TestTransliterate(t *testing.T) {
	cases := map[string]string{
		"Votre passeport est prêt":    "Votre passeport est pret",
		"« Reçu » l’été, œuvre, Œil":  `" Recu " l'été, oeuvre, OEil`,
		"à é è ù É Ç ü ñ":             "à é è ù É Ç ü ñ",
		"âge île hôtel sûr Noël naïf": "age ile hotel sur Noel naif",
		"ÂÊÎÔÛ ÀÈÊËÏ":                 "AEIOU AEEEI",
		"“Bonjour” – à bientôt…":      `"Bonjour" - à bientot...`,
		"12\u00a0€ le 1\u202fer":      "12 € le 1 er",
		"Prêt 👍":                      "Pret 👍",
		"日本":                          "日本",
		"l'a":                         "l'a",
		"tab\there":                   "tab here",
		"zero\u200bwidth":             "zerowidth",
		"déjà vu, ça va ?":            "déjà vu, ca va ?",
		"N° 12":                       "No 12",
		"":                            "",
		"GSM stays: {[]} ~ ^ | \\ € @ £ $ ¥ ¤": "GSM stays: {[]} ~ ^ | \\ € @ £ $ ¥ ¤",
	}
	for in, want := range cases {
		if got := Transliterate(in); got != want {
			t.Errorf("Transliterate(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTransliterateMakesFrenchGSM checks that every character French text
// commonly uses ends up in GSM, so a French template transliterated costs
// 160 characters a part, never 70.
func TestTransliterateMakesFrenchGSM(t *testing.T) {
	french := "àâäéèêëîïôöùûüÿçœæÀÂÄÉÈÊËÎÏÔÖÙÛÜŸÇŒÆ«»’‘“”–—…\u00a0\u202f°"
	out := Transliterate(french)
	if !IsGSM(out) {
		for _, r := range out {
			if gsmWidth(r) == 0 {
				t.Errorf("%q is still not GSM after transliteration", r)
			}
		}
	}
}
