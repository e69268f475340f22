package web

import (
	"net/url"
	"strconv"
	"strings"

	"guichet/internal/catalogue"
	"guichet/internal/readability"
)

// Channel slots: a form shows the procedure's channels and a few empty ones, so that a person
// without JavaScript can add one; "Ajouter un moyen" asks for more.
const (
	paramChannelCount = "channel_count"
	spareChannels     = 1
	minChannelSlots   = 3
	maxChannelSlots   = 20
)

// procedureFromForm reads the editing form. Lists are one item a line. A volume that is not
// a whole number is reported on the form and read as 0.
func procedureFromForm(f *Form) catalogue.Procedure {
	p := catalogue.Procedure{
		Slug:    strings.ToLower(f.Get(catalogue.FieldSlug)),
		Title:   f.Get(catalogue.FieldTitle),
		Summary: f.Get(catalogue.FieldSummary),
		FALC:    f.Get(catalogue.FieldFALC),
		// Only the label "Facile à lire et à comprendre" depends on it (see easyLabel).
		FALCReviewed: f.Get(catalogue.FieldFALCReviewed) == "oui",
		Audience:     f.Get(catalogue.FieldAudience),
		Conditions:   catalogue.SplitLines(f.Get(catalogue.FieldConditions)),
		Documents:    catalogue.SplitLines(f.Get(catalogue.FieldDocuments)),
		Cost:         f.Get(catalogue.FieldCost),
		Delay:        f.Get(catalogue.FieldDelay),
		Category:     f.Get(catalogue.FieldCategory),
		LifeEvents:   f.Values[catalogue.FieldLifeEvents],
		Synonyms:     catalogue.SplitLines(f.Get(catalogue.FieldSynonyms)),
		HelpContact: catalogue.HelpContact{Label: f.Get(catalogue.FieldHelpLabel),
			Phone: f.Get(catalogue.FieldHelpPhone), URL: f.Get(catalogue.FieldHelpURL)},
		OfflineWay: f.Get(catalogue.FieldOfflineWay),
		Eligibility: catalogue.Eligibility{Expr: f.Get(catalogue.FieldRuleExpr), Reason: f.Get(catalogue.FieldRuleReason),
			Unchecked: catalogue.SplitLines(f.Get(catalogue.FieldRuleUnchecked)),
			Link:      f.Get(catalogue.FieldRuleLink), Renewal: f.Get(catalogue.FieldRuleRenewal)},
	}
	if v := strings.ReplaceAll(f.Get(catalogue.FieldVolume), " ", ""); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			f.Fail(catalogue.FieldVolume, "Écrivez un nombre entier, sans point ni virgule, par exemple 12000.")
		}
		p.Volume = n
	}
	for i := range channelSlots(f) {
		p.Channels = append(p.Channels, catalogue.Channel{
			Kind:    f.Get(catalogue.ChannelField(i, "kind")),
			Label:   f.Get(catalogue.ChannelField(i, "label")),
			URL:     f.Get(catalogue.ChannelField(i, "url")),
			Phone:   f.Get(catalogue.ChannelField(i, "phone")),
			Address: f.Get(catalogue.ChannelField(i, "address")),
		})
	}
	return p
}

// channelSlots reads how many channel slots the form had.
func channelSlots(f *Form) int {
	n, err := strconv.Atoi(f.Get(paramChannelCount))
	if err != nil || n < 0 {
		return 0
	}
	return min(n, maxChannelSlots)
}

// procedureFormValues fills the editing form with a stored procedure.
func procedureFormValues(p catalogue.Procedure) url.Values {
	v := url.Values{
		catalogue.FieldSlug:          {p.Slug},
		catalogue.FieldTitle:         {p.Title},
		catalogue.FieldSummary:       {p.Summary},
		catalogue.FieldFALC:          {p.FALC},
		catalogue.FieldFALCReviewed:  {map[bool]string{true: "oui"}[p.FALCReviewed]},
		catalogue.FieldAudience:      {p.Audience},
		catalogue.FieldConditions:    {strings.Join(p.Conditions, "\n")},
		catalogue.FieldDocuments:     {strings.Join(p.Documents, "\n")},
		catalogue.FieldCost:          {p.Cost},
		catalogue.FieldDelay:         {p.Delay},
		catalogue.FieldCategory:      {p.Category},
		catalogue.FieldLifeEvents:    p.LifeEvents,
		catalogue.FieldSynonyms:      {strings.Join(p.Synonyms, "\n")},
		catalogue.FieldVolume:        {strconv.FormatInt(p.Volume, 10)},
		catalogue.FieldHelpLabel:     {p.HelpContact.Label},
		catalogue.FieldHelpPhone:     {p.HelpContact.Phone},
		catalogue.FieldHelpURL:       {p.HelpContact.URL},
		catalogue.FieldOfflineWay:    {p.OfflineWay},
		catalogue.FieldRuleExpr:      {p.Eligibility.Expr},
		catalogue.FieldRuleReason:    {p.Eligibility.Reason},
		catalogue.FieldRuleUnchecked: {strings.Join(p.Eligibility.Unchecked, "\n")},
		catalogue.FieldRuleLink:      {p.Eligibility.Link},
		catalogue.FieldRuleRenewal:   {p.Eligibility.Renewal},
		paramChannelCount:            {strconv.Itoa(len(p.Channels))},
	}
	for i, c := range p.Channels {
		v.Set(catalogue.ChannelField(i, "kind"), c.Kind)
		v.Set(catalogue.ChannelField(i, "label"), c.Label)
		v.Set(catalogue.ChannelField(i, "url"), c.URL)
		v.Set(catalogue.ChannelField(i, "phone"), c.Phone)
		v.Set(catalogue.ChannelField(i, "address"), c.Address)
	}
	return v
}

// channelSlot is one channel's fieldset on the form.
type channelSlot struct {
	Number                     int // from 1, for the legend
	Kind                       selectField
	Label, URL, Phone, Address Field
}

// selectField is a drop-down list with its label, value and error.
type selectField struct {
	Field
	Options []option
}

// option is one entry of a select or a group of radio buttons or checkboxes.
type option struct {
	Value, Label string
	Selected     bool
}

// channelSlotsFor builds the channel fieldsets: the form's channels, then spare empty ones,
// extra more when the person asked to add one.
func channelSlotsFor(f *Form, extra int) []channelSlot {
	n := max(channelSlots(f)+spareChannels+extra, minChannelSlots)
	n = min(n, maxChannelSlots)
	slots := make([]channelSlot, n)
	for i := range slots {
		name := func(part string) string { return catalogue.ChannelField(i, part) }
		kind := f.Get(name("kind"))
		s := channelSlot{Number: i + 1,
			Kind:    selectField{Field: field(f, name("kind"), "Comment ?")},
			Label:   field(f, name("label"), "Ce que la personne fait", "hint", "Par exemple : À l'accueil de votre mairie, sur rendez-vous."),
			URL:     field(f, name("url"), "Adresse du site, pour un autre site", "type", "url", "hint", "Commence par https://"),
			Phone:   field(f, name("phone"), "Numéro, pour le téléphone", "type", "tel", "hint", "Par exemple : 3646"),
			Address: field(f, name("address"), "Adresse postale, pour le courrier"),
		}
		s.Kind.Options = append(s.Kind.Options, option{"", "Choisissez", kind == ""})
		for _, k := range catalogue.ChannelKinds() {
			s.Kind.Options = append(s.Kind.Options, option{k, catalogue.ChannelLabel(k), kind == k})
		}
		slots[i] = s
	}
	return slots
}

// textReport is the readability of one text, for the editing page.
type textReport struct {
	Name     string // Name says which text: "le résumé".
	Score    int
	Label    string
	Low      bool // Low is true under 60, the level of a popular newspaper.
	Warnings []readability.Warning
}

// minReadableScore is the score under which a text is flagged as hard to read.
const minReadableScore = 60

func reportOf(name, text string) *textReport {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	r := readability.Check(text)
	return &textReport{Name: name, Score: int(r.Score + 0.5), Label: readability.Label(r.Score),
		Low: r.Score < minReadableScore, Warnings: r.Warnings}
}
