package listening

import (
	"fmt"
	"time"

	"guichet/internal/errs"
)

// Overall is the first JDMA question, answered with one of three faces.
type Overall string

// The three faces and their scores out of 10.
const (
	OverallBad    Overall = "bad"
	OverallMedium Overall = "medium"
	OverallGood   Overall = "good"
)

// Overalls lists the faces in the order the form shows them.
func Overalls() []Overall { return []Overall{OverallBad, OverallMedium, OverallGood} }

// Score is the face's score out of 10: 0, 5 or 10.
func (o Overall) Score() (int, bool) {
	switch o {
	case OverallBad:
		return 0, true
	case OverallMedium:
		return 5, true
	case OverallGood:
		return 10, true
	}
	return 0, false
}

// Label is the face's words, said beside its picture.
func (o Overall) Label() string {
	return map[Overall]string{OverallBad: "Mauvaise", OverallMedium: "Moyenne", OverallGood: "Bonne"}[o]
}

// ClarityScore turns a clarity answer (1 to 5) into its score out of 10:
// 0, 2.5, 5, 7.5 or 10.
func ClarityScore(c int) float64 { return float64(c-1) * 2.5 }

// Help is a kind of help a person sought.
type Help string

// The kinds of help of the JDMA questionnaire. HelpNone is "I sought no
// help": it excludes the others.
const (
	HelpCounter     Help = "guichet"
	HelpPhone       Help = "telephone"
	HelpEmail       Help = "courriel"
	HelpChat        Help = "chat"
	HelpRelative    Help = "proche"
	HelpAssociation Help = "association"
	HelpWebsites    Help = "sites"
	HelpOther       Help = "autre"
	HelpNone        Help = "aucune"
)

// Helps lists the kinds of help in the order the form shows them.
func Helps() []Help {
	return []Help{HelpCounter, HelpPhone, HelpEmail, HelpChat, HelpRelative, HelpAssociation,
		HelpWebsites, HelpOther, HelpNone}
}

// Label says the help in a few words.
func (h Help) Label() string {
	return map[Help]string{HelpCounter: "Au guichet, à l'accueil", HelpPhone: "Par téléphone",
		HelpEmail: "Par e-mail", HelpChat: "Par une messagerie en ligne (chat)",
		HelpRelative: "Un proche (famille, ami)", HelpAssociation: "Une association",
		HelpWebsites: "Des sites internet", HelpOther: "Une autre aide",
		HelpNone: "Je n'ai cherché aucune aide"}[h]
}

func (h Help) valid() bool { return h.Label() != "" }

// QualityLabels are the five levels of the quality of a help, from 1 to 5.
var QualityLabels = [5]string{"Très mauvaise", "Mauvaise", "Moyenne", "Bonne", "Très bonne"}

// Channel is how an answer reached Guichet.
type Channel string

// The channels: online on Guichet, or entered by an agent from paper, a
// phone call or the counter.
const (
	ChannelOnline  Channel = "en_ligne"
	ChannelPaper   Channel = "papier"
	ChannelPhone   Channel = "telephone"
	ChannelCounter Channel = "guichet"
)

// EnteredChannels are the channels an agent may enter.
func EnteredChannels() []Channel { return []Channel{ChannelPaper, ChannelPhone, ChannelCounter} }

// Label says the channel in French.
func (c Channel) Label() string {
	return map[Channel]string{ChannelOnline: "En ligne", ChannelPaper: "Formulaire papier",
		ChannelPhone: "Au téléphone", ChannelCounter: "Au guichet"}[c]
}

// HelpAnswer is one help sought: whether it was reached and its quality
// (1 to 5; 0 when not said).
type HelpAnswer struct {
	Help    Help
	Reached *bool
	Quality int
}

// Answer is one filled questionnaire.
type Answer struct {
	Procedure string // the procedure's slug
	Overall   Overall
	Clarity   int // 1 to 5
	// Helps are the helps sought; empty, or HelpNone alone, when none.
	Helps      []HelpAnswer
	Comment    string
	Channel    Channel
	AnsweredAt time.Time // the instant of the answer; now when zero
}

// NoHelp tells whether the person sought no help.
func (a Answer) NoHelp() bool {
	for _, h := range a.Helps {
		if h.Help != HelpNone {
			return false
		}
	}
	return true
}

// validate returns the problems of a, field by field in form order; the
// field names are those of the page's form.
func (a Answer) validate(now time.Time) []errs.FieldError {
	var out []errs.FieldError
	fail := func(field, msg string) { out = append(out, errs.FieldError{Field: field, Message: msg}) }
	if _, ok := a.Overall.Score(); !ok {
		fail("overall", "Choisissez votre appréciation : mauvaise, moyenne ou bonne.")
	}
	if a.Clarity < 1 || a.Clarity > 5 {
		fail("clarity", "Choisissez une note de clarté de 1 à 5.")
	}
	seen := map[Help]bool{}
	for _, h := range a.Helps {
		switch {
		case !h.Help.valid():
			fail("help", fmt.Sprintf("L'aide « %s » n'existe pas dans la liste.", h.Help))
		case seen[h.Help]:
			fail("help", fmt.Sprintf("L'aide « %s » est donnée deux fois.", h.Help.Label()))
		case h.Quality < 0 || h.Quality > 5:
			fail("quality-"+string(h.Help), "Choisissez une qualité de 1 à 5.")
		}
		seen[h.Help] = true
	}
	if seen[HelpNone] && len(a.Helps) > 1 {
		fail("help", "Vous avez coché « aucune aide » et une aide : gardez l'un ou l'autre.")
	}
	if a.Channel.Label() == "" {
		fail("channel", "Choisissez comment la réponse a été donnée : papier, téléphone ou guichet.")
	}
	if !a.AnsweredAt.IsZero() && a.AnsweredAt.After(now.Add(5*time.Minute)) {
		fail("answered_at", "La date de la réponse est dans le futur.")
	}
	if len([]rune(a.Comment)) > MaxComment {
		fail("comment", fmt.Sprintf("Le commentaire est trop long : %d caractères au plus.", MaxComment))
	}
	return out
}

// MaxComment is the longest comment kept, in characters.
const MaxComment = 2000

// helpSummary returns the per-answer columns the indicators read: whether
// a help was reached (nil when none was tried) and the mean quality of the
// helps rated, out of 10 (nil when none was rated).
func (a Answer) helpSummary() (reached *bool, quality *float64) {
	var tried, anyReached bool
	var sum float64
	var n int
	for _, h := range a.Helps {
		if h.Help == HelpNone {
			continue
		}
		if h.Reached != nil {
			tried = true
			anyReached = anyReached || *h.Reached
		}
		if h.Quality > 0 {
			sum += ClarityScore(h.Quality)
			n++
		}
	}
	if tried {
		reached = &anyReached
	}
	if n > 0 {
		q := sum / float64(n)
		quality = &q
	}
	return reached, quality
}
