package places

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// validPlace returns a place that breaks no rule.
func validPlace() Place {
	return Place{
		ID: "structure-1", Pivot: "43493312300029", Nom: "Anonymal", Commune: "Reims",
		CodePostal: "51100", CodeInsee: "51454", Adresse: "12 BIS RUE DE LECLERCQ",
		Latitude: ptr(43.52609), Longitude: ptr(5.41423), Telephone: "+33180059880",
		Courriels: []string{"contact@laquincaillerie.tl"}, SiteWeb: []string{"https://www.laquincaillerie.tl/"},
		DateMaj: time.Date(2024, 4, 2, 0, 0, 0, 0, time.UTC), Services: []string{"Maîtrise des outils numériques du quotidien"},
		Itinerance: []string{"Itinérant"}, FormationsLabels: []string{"Étapes numériques(La Poste)"},
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(p *Place)
		want   []string // fields in error
	}{
		{"valid", func(p *Place) {}, nil},
		{"required texts", func(p *Place) { p.ID, p.Pivot, p.Nom, p.Commune, p.CodePostal, p.Adresse = "", "", " ", "", "", "" },
			[]string{FieldID, FieldPivot, FieldNom, FieldCommune, FieldCodePostal, FieldAdresse}},
		{"required date", func(p *Place) { p.DateMaj = time.Time{} }, []string{FieldDateMaj}},
		{"pivot too short", func(p *Place) { p.Pivot = "12345678" }, []string{FieldPivot}},
		{"pivot with a space", func(p *Place) { p.Pivot = "434 933 123" }, []string{FieldPivot}},
		{"RNA pivot", func(p *Place) { p.Pivot = "W751234567" }, nil},
		{"postcode of 4 digits", func(p *Place) { p.CodePostal = "5110" }, []string{FieldCodePostal}},
		{"postcode with letters", func(p *Place) { p.CodePostal = "2A004" }, []string{FieldCodePostal}},
		{"INSEE code of Corsica", func(p *Place) { p.CodeInsee = "2A004" }, nil},
		{"INSEE code starting with 2C", func(p *Place) { p.CodeInsee = "2C004" }, []string{FieldCodeInsee}},
		{"phone in national form", func(p *Place) { p.Telephone = "0180059880" }, []string{FieldTelephone}},
		{"phone of La Réunion", func(p *Place) { p.Telephone = "+262262334565" }, nil},
		{"phone of another country", func(p *Place) { p.Telephone = "+4930123456" }, []string{FieldTelephone}},
		{"latitude out of range", func(p *Place) { p.Latitude = ptr(91.0) }, []string{FieldLatitude}},
		{"longitude out of range", func(p *Place) { p.Longitude = ptr(-181.0) }, []string{FieldLongitude}},
		{"latitude alone", func(p *Place) { p.Longitude = nil }, []string{FieldLongitude}},
		{"summary too long", func(p *Place) { p.PresentationResume = strings.Repeat("é", 281) }, []string{FieldPresentationResume}},
		{"summary of 280 characters", func(p *Place) { p.PresentationResume = strings.Repeat("é", 280) }, nil},
		{"unknown service", func(p *Place) { p.Services = append(p.Services, "Réparer les vélos") }, []string{FieldServices}},
		{"service not written as the standard", func(p *Place) { p.Services = []string{"aide aux démarches administratives"} }, []string{FieldServices}},
		{"every enumeration", func(p *Place) {
			p.Itinerance, p.PublicsSpecifiquementAdresses, p.PriseEnChargeSpecifique = []string{"Volant"}, []string{"Tous"}, []string{"Aucune"}
			p.FraisACharge, p.DispositifProgrammesNationaux, p.FormationsLabels = []string{"Cher"}, []string{"APTIC"}, []string{"Label rouge"}
			p.ModalitesAcces, p.ModalitesAccompagnement = []string{"Venir"}, []string{"Seul"}
		}, []string{FieldItinerance, FieldPublicsSpecifiquementAdresses, FieldPriseEnChargeSpecifique, FieldFraisACharge,
			FieldDispositifProgrammesNationaux, FieldFormationsLabels, FieldModalitesAcces, FieldModalitesAccompagnement}},
		{"label with a space before the bracket", func(p *Place) { p.FormationsLabels = []string{"Étapes numériques (La Poste)"} }, []string{FieldFormationsLabels}},
		{"bad e-mail", func(p *Place) { p.Courriels = []string{"contact@", "a@b.fr"} }, []string{FieldCourriels}},
		{"bad web site", func(p *Place) { p.SiteWeb = []string{"www.exemple.fr"} }, []string{FieldSiteWeb}},
		{"bad booking address", func(p *Place) { p.PriseRdv = "ftp://rdv.fr" }, []string{FieldPriseRdv}},
		{"type with the separator", func(p *Place) { p.Typologie = []string{"CCAS|ASSO"} }, []string{FieldTypologie}},
		{"description of 3 MB", func(p *Place) { p.PresentationDetail = strings.Repeat("a", 3<<20) }, []string{FieldPresentationDetail}},
		{"description of 3000 characters", func(p *Place) { p.PresentationDetail = strings.Repeat("é", 3000) }, nil},
		{"every text too long", func(p *Place) {
			long := strings.Repeat("x", 3001)
			p.ID, p.Nom, p.Commune, p.Adresse, p.ComplementAdresse = long, long, long, long, long
			p.Source, p.StructureParente, p.AutresFormationsLabels = long, long, long
			p.Horaires, p.PresentationDetail = long, long
			p.Typologie = []string{long}
		}, []string{FieldID, FieldNom, FieldCommune, FieldAdresse, FieldComplementAdresse, FieldTypologie,
			FieldHoraires, FieldPresentationDetail, FieldSource, FieldStructureParente, FieldAutresFormationsLabels}},
		{"long lists", func(p *Place) {
			p.Courriels = slices.Repeat([]string{"contact@laquincaillerie.tl"}, 50)
			p.SiteWeb = slices.Repeat([]string{"https://www.laquincaillerie.tl/" + strings.Repeat("a", 100)}, 20)
			p.FicheAccesLibre = "https://acceslibre.beta.gouv.fr/" + strings.Repeat("a", 2000)
		}, []string{FieldCourriels, FieldSiteWeb, FieldFicheAccesLibre}},
		{"readable hours", func(p *Place) { p.Horaires = "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00" }, nil},
		{"unreadable hours", func(p *Place) { p.Horaires = "lundi matin" }, []string{FieldHoraires}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validPlace()
			tt.change(&p)
			var got []string
			for _, fe := range Validate(&p) {
				got = append(got, fe.Field)
				if fe.Message == "" || !strings.HasSuffix(fe.Message, ".") {
					t.Errorf("%s: message %q should be a sentence", fe.Field, fe.Message)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("fields in error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCleanWritesHoursAsTheStandard(t *testing.T) {
	p := validPlace()
	p.Horaires = "Mo-Fr 9h à 17h"
	Clean(&p)
	if p.Horaires != "Mo-Fr 09:00-17:00" || Validate(&p) != nil {
		t.Errorf("hours after Clean = %q, problems %v; want Mo-Fr 09:00-17:00 and none", p.Horaires, Validate(&p))
	}
}

// schemaFile is the part of the standard's Table Schema the tests compare
// with this package.
type schemaFile struct {
	Version string `json:"version"`
	Fields  []struct {
		Name        string `json:"name"`
		Constraints struct {
			Required  bool   `json:"required"`
			Pattern   string `json:"pattern"`
			MaxLength int    `json:"maxLength"`
		} `json:"constraints"`
	} `json:"fields"`
}

// TestMatchesSchema checks the fields, required fields, patterns and
// enumerations of this package against the standard's own schema file.
func TestMatchesSchema(t *testing.T) {
	t.Parallel()
	var s schemaFile
	if err := json.Unmarshal(readTestdata(t, "schema-lieux-mediation-numerique-v1.json"), &s); err != nil {
		t.Fatal(err)
	}
	if s.Version != StandardVersion {
		t.Errorf("schema version %s, package follows %s", s.Version, StandardVersion)
	}
	var names, required []string
	for _, f := range s.Fields {
		names = append(names, f.Name)
		if f.Constraints.Required {
			required = append(required, f.Name)
		}
	}
	if diff := cmp.Diff(names, Fields()); diff != "" {
		t.Errorf("fields (-schema +package):\n%s", diff)
	}
	if diff := cmp.Diff(required, RequiredFields()); diff != "" {
		t.Errorf("required fields (-schema +package):\n%s", diff)
	}
	enumPattern := regexp.MustCompile(`^\(\?:\(\?:\^\|\\\|\)\((.*)\)\)\+\$$`)
	ours := map[string]*regexp.Regexp{FieldPivot: pivotPattern, FieldCodePostal: postcodePattern, FieldCodeInsee: inseePattern, FieldTelephone: telephonePattern}
	enums := 0
	for _, f := range s.Fields {
		pattern := f.Constraints.Pattern
		if m := enumPattern.FindStringSubmatch(pattern); m != nil {
			enums++
			var values []string
			for _, v := range strings.Split(m[1], "|") {
				values = append(values, strings.NewReplacer(`\(`, "(", `\)`, ")").Replace(v))
			}
			if diff := cmp.Diff(values, enumerations[f.Name]); diff != "" {
				t.Errorf("%s values (-schema +package):\n%s", f.Name, diff)
			}
			continue
		}
		if pattern != "" && (ours[f.Name] == nil || ours[f.Name].String() != pattern) {
			t.Errorf("%s pattern: schema %q, package %v", f.Name, pattern, ours[f.Name])
		}
		if f.Constraints.MaxLength > 0 && (f.Name != FieldPresentationResume || f.Constraints.MaxLength != maxResume) {
			t.Errorf("%s maxLength %d not followed", f.Name, f.Constraints.MaxLength)
		}
	}
	if enums != len(enumerations) {
		t.Errorf("schema has %d enumerations, package %d", enums, len(enumerations))
	}
	var multi []string
	for f := range enumerations {
		multi = append(multi, f)
	}
	for _, f := range multi {
		if !slices.Contains(MultiValuedFields(), f) {
			t.Errorf("%s has an enumeration but is not multi-valued", f)
		}
	}
}

func TestEnumerationsAreCopies(t *testing.T) {
	t.Parallel()
	e := Enumerations()
	e[FieldServices][0] = "changed"
	if Enumerations()[FieldServices][0] == "changed" {
		t.Error("changing the result of Enumerations changed the package's values")
	}
}
