package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestSMSCountCommand runs `guichet sms count` through the real binary and
// checks the exact JSON line it prints.
func TestSMSCountCommand(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"hello"}, `{"encoding":"GSM","parts":1,"length":5}`},
		{[]string{"Votre passeport est prêt"}, `{"encoding":"UCS-2","parts":1,"length":24}`},
		{[]string{"--transliterate", "Votre passeport est prêt"}, `{"encoding":"GSM","parts":1,"length":24}`},
		{[]string{"« Reçu », l’été", "--transliterate"}, `{"encoding":"GSM","parts":1,"length":15}`},
		{[]string{"à é è ù É"}, `{"encoding":"GSM","parts":1,"length":9}`},
		{[]string{"10 € [ok]"}, `{"encoding":"GSM","parts":1,"length":12}`},
		{[]string{"👍"}, `{"encoding":"UCS-2","parts":1,"length":2}`},
		{[]string{"--transliterate", "Prêt 👍"}, `{"encoding":"UCS-2","parts":1,"length":7}`},
		{[]string{a(160)}, `{"encoding":"GSM","parts":1,"length":160}`},
		{[]string{a(161)}, `{"encoding":"GSM","parts":2,"length":161}`},
		{[]string{a(152) + "€" + a(152)}, `{"encoding":"GSM","parts":3,"length":306}`},
		{[]string{"ê" + a(69)}, `{"encoding":"UCS-2","parts":1,"length":70}`},
		{[]string{"ê" + a(70)}, `{"encoding":"UCS-2","parts":2,"length":71}`},
		{[]string{"ê" + a(133)}, `{"encoding":"UCS-2","parts":2,"length":134}`},
		{[]string{"ê" + a(134)}, `{"encoding":"UCS-2","parts":3,"length":135}`},
		{[]string{"--", "-5 €"}, `{"encoding":"GSM","parts":1,"length":5}`},
		{[]string{""}, `{"encoding":"GSM","parts":0,"length":0}`},
	}
	bin := guichetBinary(t)
	for _, tt := range tests {
		out, err := exec.Command(bin, append([]string{"sms", "count"}, tt.args...)...).Output()
		if err != nil {
			t.Errorf("sms count %q: %v", tt.args, err)
			continue
		}
		if got := string(out); got != tt.want+"\n" {
			t.Errorf("sms count %q printed %q, want %q", tt.args, got, tt.want)
		}
	}
}

func TestSMSCountMistakes(t *testing.T) {
	bin := guichetBinary(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"sms"}, "indiquez count"},
		{[]string{"sms", "send"}, "commande inconnue « send »"},
		{[]string{"sms", "count"}, "indiquez un seul texte"},
		{[]string{"sms", "count", "deux", "textes"}, "indiquez un seul texte"},
		{[]string{"sms", "count", "--translit", "x"}, "option inconnue --translit"},
	} {
		cmd := exec.Command(bin, tt.args...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 2 || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%q: %v, stderr %q; want exit 2 and %q", tt.args, err, stderr.String(), tt.want)
		}
	}
}
