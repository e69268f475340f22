package catalogue

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/eligibility"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	rules, err := eligibility.NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(p *Procedure)
		fields []string
	}{
		{"complete procedure", func(p *Procedure) {}, nil},
		{"bad slug and no title", func(p *Procedure) { p.Slug, p.Title = "Carte Vitale", "" }, []string{FieldSlug, FieldTitle}},
		{"unknown category", func(p *Procedure) { p.Category = "sport" }, []string{FieldCategory}},
		{"summary too long", func(p *Procedure) { p.Summary = strings.Repeat("mot ", 300) }, []string{FieldSummary}},
		{"external channel without https", func(p *Procedure) { p.Channels[0].URL = "www.caf.fr" }, []string{ChannelField(0, "url")}},
		{"phone channel with letters", func(p *Procedure) {
			p.Channels = append(p.Channels, Channel{Kind: ChannelPhone, Label: "Par téléphone", Phone: "trente-deux"})
		}, []string{ChannelField(2, "phone")}},
		{"post channel without address", func(p *Procedure) {
			p.Channels = append(p.Channels, Channel{Kind: ChannelPost, Label: "Par courrier"})
		}, []string{ChannelField(2, "address")}},
		{"unknown channel kind", func(p *Procedure) { p.Channels[1].Kind = "pigeon" }, []string{ChannelField(1, "kind")}},
		{"help phone with letters", func(p *Procedure) { p.HelpContact.Phone = "CAF" }, []string{FieldHelpPhone}},
		{"negative volume", func(p *Procedure) { p.Volume = -1 }, []string{FieldVolume}},
		{"rule that does not compile", func(p *Procedure) {
			p.Eligibility = Eligibility{Expr: "age >= ", Reason: "Vous avez l'âge."}
		}, []string{FieldRuleExpr}},
		{"rule on an unknown answer", func(p *Procedure) {
			p.Eligibility = Eligibility{Expr: "salaire < 1000", Reason: "Vos revenus sont modestes."}
		}, []string{FieldRuleExpr}},
		{"rule without a reason", func(p *Procedure) { p.Eligibility = Eligibility{Expr: "age >= 65"} }, []string{FieldRuleReason}},
		{"reason without a rule", func(p *Procedure) { p.Eligibility = Eligibility{Reason: "Vous y avez droit."} }, []string{FieldRuleExpr}},
		{"valid rule", func(p *Procedure) {
			p.Eligibility = Eligibility{Expr: "age >= 65 && ressources_mensuelles < 1034", Reason: "Vous avez l'âge."}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := sampleProcedure("aide-logement", "Aide au logement")
			tt.change(&p)
			var got []string
			for _, e := range Validate(&p, rules) {
				got = append(got, e.Field)
				if e.Message == "" {
					t.Errorf("%s: empty message", e.Field)
				}
			}
			if diff := cmp.Diff(tt.fields, got); diff != "" {
				t.Errorf("fields in error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRuleErrorIsFrench(t *testing.T) {
	t.Parallel()
	rules, err := eligibility.NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	p := sampleProcedure("aspa", "Minimum vieillesse")
	p.Eligibility = Eligibility{Expr: "age >= 65 && ressources < 1000", Reason: "Vous avez l'âge."}
	fe := Validate(&p, rules)
	if len(fe) != 1 || !strings.Contains(fe[0].Message, "ressources") {
		t.Errorf("got %v, want a French message naming the unknown answer", fe)
	}
}

func TestCheckPublishable(t *testing.T) {
	t.Parallel()
	p := sampleProcedure("aide-logement", "Aide au logement")
	if fe := CheckPublishable(&p); fe != nil {
		t.Errorf("complete procedure: %v", fe)
	}
	p.Channels = []Channel{{Kind: ChannelExternal, Label: "Sur internet", URL: "https://www.caf.fr/"}}
	p.OfflineWay = ""
	var got []string
	for _, e := range CheckPublishable(&p) {
		got = append(got, e.Field)
	}
	if diff := cmp.Diff([]string{FieldChannels, FieldOfflineWay}, got); diff != "" {
		t.Errorf("online only (-want +got):\n%s", diff)
	}
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	p := Procedure{Slug: " Aide-Logement ", Title: " Aide \r\n", Conditions: []string{" a ", "", "  "},
		Channels: []Channel{{}, {Kind: ChannelInPerson, Label: " Accueil ", URL: "https://x.fr/", Phone: "39"}}}
	normalize(&p)
	want := Procedure{Slug: "aide-logement", Title: "Aide", Conditions: []string{"a"}, Documents: []string{},
		Synonyms: []string{}, LifeEvents: []string{}, Channels: []Channel{{Kind: ChannelInPerson, Label: "Accueil"}}}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("normalize (-want +got):\n%s", diff)
	}
}

// TestEasyTextNeedsHeadings: an easy-to-read text longer than 8 lines cannot be published
// without subheadings ("# Comment faire ?"); a shorter one can.
func TestEasyTextNeedsHeadings(t *testing.T) {
	p := sampleProcedure("aide-logement", "Aide au logement")
	long := strings.Repeat("Une phrase courte.\n", 9)
	for _, tt := range []struct {
		falc string
		want bool
	}{
		{strings.Repeat("Une phrase courte.\n", 8), false},
		{long, true},
		{"# C'est quoi ?\n" + long, false},
		{"#\n" + long, true},
	} {
		p.FALC = tt.falc
		got := false
		for _, e := range CheckPublishable(&p) {
			got = got || e.Field == FieldFALC
		}
		if got != tt.want {
			t.Errorf("%d lines: heading asked = %v, want %v", strings.Count(tt.falc, "\n"), got, tt.want)
		}
	}
}
