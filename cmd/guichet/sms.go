package main

import (
	"context"
	"encoding/json"
	"fmt"

	"guichet/internal/sms"
)

// smsCmd runs `guichet sms count`: what a text costs as an SMS, the same
// figures the template editor shows.
func smsCmd(_ context.Context, args []string, e env) error {
	sub := ""
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "count":
		return smsCount(args, e)
	case "--help", "-h", "help":
		fmt.Fprint(e.stdout, smsUsage)
		return nil
	case "":
		return usageError{cmd: "sms", msg: "indiquez count"}
	}
	return usageError{cmd: "sms", msg: fmt.Sprintf("commande inconnue « %s » : indiquez count", sub)}
}

const smsUsage = `Utilisation :
  guichet sms count [--transliterate] TEXTE

« guichet sms count --help » détaille les options.
`

// smsCount prints the encoding, part count and length of one text as a
// line of JSON: {"encoding":"GSM","parts":1,"length":5}. The length is in
// septets for GSM (an extension character such as € counts two) and in
// UTF-16 code units for UCS-2 (an emoji counts two).
func smsCount(args []string, e env) error {
	c := newCommand("sms count", "guichet sms count [--transliterate] TEXTE",
		"Affiche en JSON le codage d'un SMS (GSM ou UCS-2), son nombre de parties et sa longueur. "+
			"Mettez le texte entre guillemets ; s'il commence par un tiret, écrivez -- devant.", 0, e)
	translit := c.boolFlag("transliterate", "remplace d'abord les caractères absents du GSM (ê→e, « »→\", ’→') comme le fait un modèle qui le demande")
	rest, err := c.parse(args, e)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return c.usageError("indiquez un seul texte, entre guillemets")
	}
	text := rest[0]
	if *translit {
		text = sms.Transliterate(text)
	}
	out, err := json.Marshal(sms.CountText(text))
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, string(out))
	return nil
}
