package places

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormPhone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"01 23 45 67 89", "+33123456789", true},
		{"01.23.45.67.89", "+33123456789", true},
		{"01-23-45-67-89", "+33123456789", true},
		{"+33 1 23 45 67 89", "+33123456789", true},
		{"+33 (0)1 23 45 67 89", "+33123456789", true},
		{"0033123456789", "+33123456789", true},
		{"+330123456789", "+33123456789", true},
		{"+0147985927", "+33147985927", true},
		{"565733192", "+33565733192", true},
		{"0594341747", "+594594341747", true},
		{"0692 12 34 56", "+262692123456", true},
		{"+2620262334565", "+262262334565", true},
		{"+687 12 34 56", "+687123456", true},
		{"04 50 56 87 49 / 06 12 34 56 78", "+33450568749", true},
		{"+33180059880", "+33180059880", true},
		{"+33", "+33", false},
		{"+", "+", false},
		{"3939", "3939", false},
		{"tel: inconnu", "tel: inconnu", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := normPhone(tt.in)
			if ok != tt.wantOK || (ok && got != tt.want) {
				t.Errorf("normPhone(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestNormCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		norm   func(string) (string, bool)
		in     string
		want   string
		wantOK bool
	}{
		{"postcode", normPostcode, "51100", "51100", true},
		{"postcode with a space", normPostcode, "51 100", "51100", true},
		{"postcode that lost its zero", normPostcode, "1200", "01200", true},
		{"postcode with Cedex", normPostcode, "30252Cedex", "30252", true},
		{"postcode of 6 digits", normPostcode, "380000", "", false},
		{"postcode with a letter", normPostcode, "5110A", "", false},
		{"INSEE code of Corsica in lower case", normInsee, "2a004", "2A004", true},
		{"INSEE code that lost its zero", normInsee, "1033", "01033", true},
		{"INSEE code null", normInsee, "0null", "", false},
		{"SIRET with spaces", normPivot, "434 933 123 00029", "43493312300029", true},
		{"RNA", normPivot, "W751234567", "W751234567", true},
		{"SIRET with its APE code", normPivot, "34106240403159/APE:8790B", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.norm(tt.in)
			if ok != tt.wantOK || (ok && got != tt.want) {
				t.Errorf("%q gives %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestNormEnum(t *testing.T) {
	t.Parallel()
	tests := []struct {
		field       string
		in          string
		want        []string
		wantUnknown []string
	}{
		{FieldFormationsLabels, "Étapes numériques (La Poste)", []string{"Étapes numériques(La Poste)"}, nil},
		{FieldFormationsLabels, "etapes numeriques(la poste)|Mes Papiers (Métropole de Lyon) ", []string{"Étapes numériques(La Poste)", "Mes Papiers (Métropole de Lyon)"}, nil},
		{FieldServices, "Comprehension du monde numérique", []string{"Compréhension du monde numérique"}, nil},
		{FieldServices, "Prendre en main un smartphone ou une tablette, Prendre en main un ordinateur, Approfondir ma culture numérique",
			[]string{"Maîtrise des outils numériques du quotidien", "Compréhension du monde numérique"}, nil},
		{FieldFraisACharge, "gratuit ; PAYANT", []string{"Gratuit", "Payant"}, nil},
		{FieldDispositifProgrammesNationaux, "CNFS, France Services, APTIC", []string{"Conseillers numériques", "France Services"}, []string{"APTIC"}},
		{FieldModalitesAccompagnement, "Dans un atelier collectif : j'apprends collectivement à utiliser le numérique", []string{"Dans un atelier collectif"}, nil},
		{FieldItinerance, "itinérant|fixe|Itinerant", []string{"Itinérant", "Fixe"}, nil},
		{FieldPriseEnChargeSpecifique, "Langues étrangères (Anglais)|Déficience visuelle", []string{"Langues étrangères (anglais)", "Déficience visuelle"}, nil},
		{FieldPublicsSpecifiquementAdresses, "Familles et/ou enfants|Tout public", []string{"Familles et/ou enfants"}, []string{"Tout public"}},
		{FieldServices, "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.field+" "+tt.in, func(t *testing.T) {
			got, unknown := normEnum(tt.field, tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("values (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantUnknown, unknown); diff != "" {
				t.Errorf("unknown (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNormContacts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in       string
		norm     func(string) ([]string, []string)
		wantGood []string
		wantBad  []string
	}{
		{"e-mails joined by a dash", "france-service@carct.fr - maisondelagglo@carct.fr", normEmails, []string{"france-service@carct.fr", "maisondelagglo@carct.fr"}, nil},
		{"e-mails joined by a bar", "contact@a.fr|responsable@a.fr", normEmails, []string{"contact@a.fr", "responsable@a.fr"}, nil},
		{"e-mail with a space", "maisondes services@nogentleroi.fr", normEmails, nil, []string{"maisondes services@nogentleroi.fr"}},
		{"e-mail with a comma for a dot", "aubiet@france-service.gouv,fr", normEmails, nil, []string{"aubiet@france-service.gouv,fr"}},
		{"web sites", "www.exemple.fr|https://m.facebook.com/lieu/", normURLs, []string{"https://www.exemple.fr", "https://m.facebook.com/lieu/"}, nil},
		{"not a web site", "voir la mairie", normURLs, nil, []string{"voir", "la", "mairie"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			good, bad := tt.norm(tt.in)
			if diff := cmp.Diff(tt.wantGood, good); diff != "" {
				t.Errorf("good (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantBad, bad); diff != "" {
				t.Errorf("bad (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFoldTown(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Saint-Étienne", "saint etienne"},
		{"ST ETIENNE", "saint etienne"},
		{"Châlons-en-Champagne", "chalons en champagne"},
		{"L'Haÿ-les-Roses", "l hay les roses"},
		{"Sainte-Marie-aux-Chênes", "sainte marie aux chenes"},
		{"Ste Foy", "sainte foy"},
		{"  Œuilly ", "oeuilly"},
		{"MARSEILLE 11", "marseille 11"},
	}
	for _, tt := range tests {
		if got := FoldTown(tt.in); got != tt.want {
			t.Errorf("FoldTown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"2024-04-02", "2024-04-02T10:00:00Z", "02/04/2024", "2024/04/02", " 2024-04-02 "} {
		if d, ok := parseDate(in); !ok || d.Format(dateLayout) != "2024-04-02" {
			t.Errorf("parseDate(%q) = %v, %v; want 2024-04-02", in, d, ok)
		}
	}
	for _, in := range []string{"hier", "2024-13-01", "31/02/2024", ""} {
		if _, ok := parseDate(in); ok {
			t.Errorf("parseDate(%q) succeeded, want a refusal", in)
		}
	}
}
