package catalogue

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"guichet/internal/eligibility"
	"guichet/internal/errs"
)

// The names of a procedure's fields in forms and in errs.FieldError. A channel's fields are
// named by ChannelField.
const (
	FieldSlug    = "slug"
	FieldTitle   = "title"
	FieldSummary = "summary"
	FieldFALC    = "falc"
	// FieldFALCReviewed is the box an owner ticks once people with intellectual disabilities
	// reviewed the easy-to-read text.
	FieldFALCReviewed  = "falc_reviewed"
	FieldAudience      = "audience"
	FieldConditions    = "conditions"
	FieldDocuments     = "documents"
	FieldCost          = "cost"
	FieldDelay         = "delay"
	FieldCategory      = "category"
	FieldLifeEvents    = "life_events"
	FieldSynonyms      = "synonyms"
	FieldVolume        = "volume"
	FieldHelpLabel     = "help_label"
	FieldHelpPhone     = "help_phone"
	FieldHelpURL       = "help_url"
	FieldOfflineWay    = "offline_way"
	FieldRuleExpr      = "rule_expr"
	FieldRuleReason    = "rule_reason"
	FieldRuleUnchecked = "rule_unchecked"
	FieldRuleLink      = "rule_link"
	FieldRuleRenewal   = "rule_renewal"
	FieldChannels      = "channels"
)

// ChannelField names one field of the i-th channel (from 0) in forms: "channel-2-url".
func ChannelField(i int, name string) string {
	return fmt.Sprintf("channel-%d-%s", i, name)
}

// Length limits, in characters. They keep pages short and the database tidy.
const (
	maxSlug     = 80
	maxTitle    = 150
	maxSummary  = 800
	maxLongText = 6000
	maxLine     = 400
	maxItems    = 40
)

var (
	slugPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	phonePattern = regexp.MustCompile(`^\+?[0-9]+( [0-9]+)*$`)
)

// Validate checks what an owner may save as a draft: a slug and a title, a known category,
// and every filled field in the right form. rules compiles the eligibility rule; it may be
// nil when the rule need not be checked. The result lists every problem, or is nil.
func Validate(p *Procedure, rules *eligibility.Engine) FieldErrors {
	var fe FieldErrors
	switch {
	case p.Slug == "":
		fe.add(FieldSlug, "Indiquez l'adresse de la démarche, par exemple carte-vitale.")
	case len(p.Slug) > maxSlug || !slugPattern.MatchString(p.Slug):
		fe.add(FieldSlug, fmt.Sprintf("Écrivez l'adresse avec des lettres minuscules sans accent, des chiffres et des tirets, en %d caractères au plus, par exemple carte-vitale.", maxSlug))
	}
	if p.Title == "" {
		fe.add(FieldTitle, "Indiquez le titre de la démarche.")
	}
	if _, ok := CategoryBySlug(p.Category); !ok {
		fe.add(FieldCategory, "Choisissez la catégorie de la démarche.")
	}
	fe.checkLength(FieldTitle, p.Title, maxTitle)
	fe.checkLength(FieldSummary, p.Summary, maxSummary)
	for field, text := range map[string]string{FieldFALC: p.FALC, FieldAudience: p.Audience,
		FieldOfflineWay: p.OfflineWay, FieldCost: p.Cost, FieldDelay: p.Delay} {
		fe.checkLength(field, text, maxLongText)
	}
	fe.checkList(FieldConditions, p.Conditions)
	fe.checkList(FieldDocuments, p.Documents)
	fe.checkList(FieldSynonyms, p.Synonyms)
	if p.Volume < 0 {
		fe.add(FieldVolume, "Indiquez un nombre de demandes par an positif, ou 0 si vous ne le savez pas.")
	}
	fe.checkHelp(p.HelpContact)
	for i, c := range p.Channels {
		fe.checkChannel(i, c)
	}
	fe.checkRule(p.Eligibility, rules)
	fe.sortByForm()
	return fe
}

// CheckPublishable checks what the public page needs on top of Validate: every text a
// person relies on, at least one channel among which one without internet, and a human to
// ask. The result lists every problem, or is nil.
func CheckPublishable(p *Procedure) FieldErrors {
	var fe FieldErrors
	required := []struct{ field, text, message string }{
		{FieldSummary, p.Summary, "Écrivez un résumé en quelques phrases simples avant de publier."},
		{FieldFALC, p.FALC, "Écrivez la version facile à lire avant de publier."},
		{FieldAudience, p.Audience, "Dites à qui s'adresse la démarche avant de publier."},
		{FieldCost, p.Cost, "Indiquez le coût, ou « Gratuit », avant de publier."},
		{FieldDelay, p.Delay, "Indiquez le délai habituel avant de publier."},
		{FieldOfflineWay, p.OfflineWay, "Expliquez comment faire sans internet avant de publier."},
		{FieldHelpLabel, p.HelpContact.Label, "Indiquez qui peut aider la personne avant de publier."},
		{FieldHelpPhone, p.HelpContact.Phone, "Indiquez un numéro de téléphone d'aide avant de publier."},
	}
	for _, r := range required {
		if strings.TrimSpace(r.text) == "" {
			fe.add(r.field, r.message)
		}
	}
	if easyNeedsHeadings(p.FALC) {
		fe.add(FieldFALC, fmt.Sprintf("La version facile à lire a plus de %d lignes : ajoutez des intertitres, sur une ligne qui commence par « # », par exemple « # Comment faire ? ».", MaxEasyLinesWithoutHeading))
	}
	if !slices.ContainsFunc(p.Channels, Channel.Offline) {
		fe.add(FieldChannels, "Ajoutez au moins un moyen de faire la démarche sans internet : sur place, par téléphone ou par courrier.")
	}
	fe.sortByForm()
	return fe
}

// checkLength records a text longer than max characters.
func (fe *FieldErrors) checkLength(field, text string, max int) {
	if n := utf8.RuneCountInString(text); n > max {
		fe.add(field, fmt.Sprintf("Ce texte a %d caractères : raccourcissez-le à %d au plus.", n, max))
	}
}

// checkList records a list with too many or too long items.
func (fe *FieldErrors) checkList(field string, items []string) {
	if len(items) > maxItems {
		fe.add(field, fmt.Sprintf("Gardez %d lignes au plus : cette liste en a %d.", maxItems, len(items)))
		return
	}
	for i, it := range items {
		if n := utf8.RuneCountInString(it); n > maxLine {
			fe.add(field, fmt.Sprintf("La ligne %d a %d caractères : raccourcissez-la à %d au plus.", i+1, n, maxLine))
			return
		}
	}
}

// checkHelp records a help contact with a malformed phone number or address.
func (fe *FieldErrors) checkHelp(h HelpContact) {
	fe.checkLength(FieldHelpLabel, h.Label, maxLine)
	if h.Phone != "" && !phonePattern.MatchString(h.Phone) {
		fe.add(FieldHelpPhone, "Écrivez le numéro avec des chiffres et des espaces seulement, par exemple 3939 ou 01 23 45 67 89.")
	}
	if h.URL != "" && !isWebAddress(h.URL) {
		fe.add(FieldHelpURL, "Écrivez une adresse de site complète qui commence par https://.")
	}
}

// checkChannel records what is wrong with the i-th channel.
func (fe *FieldErrors) checkChannel(i int, c Channel) {
	if !slices.Contains(ChannelKinds(), c.Kind) {
		fe.add(ChannelField(i, "kind"), "Choisissez comment se fait la démarche par ce moyen.")
		return
	}
	if strings.TrimSpace(c.Label) == "" {
		fe.add(ChannelField(i, "label"), "Décrivez ce moyen en une phrase, par exemple « À l'accueil de votre mairie ».")
	}
	fe.checkLength(ChannelField(i, "label"), c.Label, maxLine)
	switch c.Kind {
	case ChannelExternal:
		if !isWebAddress(c.URL) {
			fe.add(ChannelField(i, "url"), "Pour un autre site, écrivez son adresse complète, qui commence par https://.")
		}
	case ChannelPhone:
		if !phonePattern.MatchString(c.Phone) {
			fe.add(ChannelField(i, "phone"), "Pour le téléphone, écrivez le numéro avec des chiffres et des espaces, par exemple 3646.")
		}
	case ChannelPost:
		if strings.TrimSpace(c.Address) == "" {
			fe.add(ChannelField(i, "address"), "Pour le courrier, écrivez l'adresse où envoyer la demande.")
		}
		fe.checkLength(ChannelField(i, "address"), c.Address, maxLine)
	}
}

// checkRule compiles the eligibility rule and records its French error next to the field.
func (fe *FieldErrors) checkRule(e Eligibility, rules *eligibility.Engine) {
	expr := strings.TrimSpace(e.Expr)
	if expr == "" {
		if strings.TrimSpace(e.Reason) != "" {
			fe.add(FieldRuleExpr, "Écrivez la règle, ou effacez la phrase d'explication.")
		}
		return
	}
	if strings.TrimSpace(e.Reason) == "" {
		fe.add(FieldRuleReason, "Écrivez la phrase montrée à la personne quand la règle est vraie.")
	}
	fe.checkLength(FieldRuleReason, e.Reason, maxLine)
	fe.checkList(FieldRuleUnchecked, e.Unchecked)
	if e.Link != "" && !isWebAddress(e.Link) {
		fe.add(FieldRuleLink, "Écrivez l'adresse complète de la page officielle, qui commence par https://.")
	}
	fe.checkLength(FieldRuleRenewal, e.Renewal, maxLine)
	if rules == nil {
		return
	}
	if _, err := rules.Compile(expr); err != nil {
		fe.add(FieldRuleExpr, ruleMessage(err))
	}
}

// ruleMessage is the French error of a rule, with where the problem is when the engine
// knows.
func ruleMessage(err error) string {
	var re *eligibility.RuleError
	if !errors.As(err, &re) {
		return "La règle ne se lit pas. Vérifiez son écriture."
	}
	// Some messages already say where the problem is: say it once.
	if re.Position > 0 && !strings.Contains(re.Message, "au caractère") {
		return fmt.Sprintf("%s (au caractère %d)", re.Message, re.Position)
	}
	return re.Message
}

// isWebAddress tells whether s looks like a full https address.
func isWebAddress(s string) bool {
	return strings.HasPrefix(s, "https://") && len(s) > len("https://x.x") && !strings.ContainsAny(s, " \"<>")
}

// formOrder returns the order of the fields on the editing page, for the error summary.
func formOrder() []string {
	return []string{FieldSlug, FieldTitle, FieldCategory, FieldSummary, FieldFALC, FieldAudience,
		FieldConditions, FieldDocuments, FieldCost, FieldDelay, FieldChannels, FieldOfflineWay,
		FieldHelpLabel, FieldHelpPhone, FieldHelpURL, FieldLifeEvents, FieldSynonyms, FieldVolume,
		FieldRuleExpr, FieldRuleReason, FieldRuleUnchecked, FieldRuleLink, FieldRuleRenewal}
}

// sortByForm orders the problems as the fields appear on the page; channel fields come where
// the channels are.
func (fe FieldErrors) sortByForm() {
	order := formOrder()
	rank := func(field string) int {
		if strings.HasPrefix(field, "channel-") {
			return slices.Index(order, FieldChannels)
		}
		return slices.Index(order, field)
	}
	slices.SortStableFunc(fe, func(a, b errs.FieldError) int { return rank(a.Field) - rank(b.Field) })
}

// MaxEasyLinesWithoutHeading is how long an easy-to-read text may be without subheadings:
// beyond it, a reader needs headings to find their way in the text.
const MaxEasyLinesWithoutHeading = 8

// EasyHeading tells whether a line of an easy-to-read text is a subheading (it starts with
// "# "), and returns its text.
func EasyHeading(line string) (string, bool) {
	text, ok := strings.CutPrefix(strings.TrimSpace(line), "# ")
	return strings.TrimSpace(text), ok && strings.TrimSpace(text) != ""
}

// easyNeedsHeadings tells whether an easy-to-read text is longer than
// MaxEasyLinesWithoutHeading lines and has no subheading.
func easyNeedsHeadings(text string) bool {
	n := 0
	for _, l := range SplitLines(text) {
		if _, ok := EasyHeading(l); ok {
			return false
		}
		n++
	}
	return n > MaxEasyLinesWithoutHeading
}
