package forms

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCleanEveryType(t *testing.T) {
	today := "2026-11-29"
	opts := []Option{{Value: "a", Label: "A"}, {Value: "b", Label: "B"}}
	tests := []struct {
		name string
		fd   Field
		in   Value
		want Value  // when msg is ""
		msg  string // a piece of the message
	}{
		{"short text trimmed", Field{Type: ShortText}, Value{Text: "  Marie   Curie "}, Value{Text: "Marie Curie"}, ""},
		{"short text too long", Field{Type: ShortText, Limits: Limits{MaxLength: 5}}, Value{Text: "Marianne"}, Value{}, "5 caractères au plus"},
		{"short text default limit", Field{Type: ShortText}, Value{Text: strings.Repeat("a", 201)}, Value{}, "200 caractères"},
		{"long text keeps lines", Field{Type: LongText}, Value{Text: "un\r\ndeux "}, Value{Text: "un\ndeux"}, ""},
		{"required empty", Field{Type: ShortText, Label: "Nom", Required: true}, Value{}, Value{}, "« Nom »"},
		{"required spaces", Field{Type: ShortText, Label: "Nom", Required: true}, Value{Text: "   "}, Value{}, "obligatoire"},
		{"optional empty", Field{Type: IBAN}, Value{}, Value{}, ""},
		{"number with comma", Field{Type: Number}, Value{Text: "1 234,5"}, Value{Text: "1234.5"}, ""},
		{"number not one", Field{Type: Number}, Value{Text: "douze"}, Value{}, "en chiffres"},
		{"number under min", Field{Type: Number, Limits: Limits{Min: ptr(0), Max: ptr(10)}}, Value{Text: "-1"}, Value{}, "entre 0 et 10"},
		{"number over max", Field{Type: Number, Limits: Limits{Max: ptr(2.5)}}, Value{Text: "3"}, Value{}, "inférieur à 2,5"},
		{"number min only", Field{Type: Number, Limits: Limits{Min: ptr(1)}}, Value{Text: "0"}, Value{}, "supérieur à 1"},
		{"date padded", Field{Type: Date}, Value{Text: "2007-3-5"}, Value{Text: "2007-03-05"}, ""},
		{"date 31 February", Field{Type: Date}, Value{Text: "2007-2-31"}, Value{}, "n'existe pas"},
		{"date two-digit year", Field{Type: Date}, Value{Text: "07-3-5"}, Value{}, "4 chiffres"},
		{"date missing day", Field{Type: Date}, Value{Text: "2007-3-"}, Value{}, "en entier"},
		{"date letters", Field{Type: Date}, Value{Text: "2007-mars-5"}, Value{}, "n'existe pas"},
		{"date in the future, past only", Field{Type: Date, Limits: Limits{PastOnly: true}}, Value{Text: "2027-1-1"}, Value{}, "passée"},
		{"date in the past, future only", Field{Type: Date, Limits: Limits{FutureOnly: true}}, Value{Text: "2020-1-1"}, Value{}, "plus tard"},
		{"date today, future only", Field{Type: Date, Limits: Limits{FutureOnly: true}}, Value{Text: "2026-11-29"}, Value{Text: "2026-11-29"}, ""},
		{"yes", Field{Type: YesNo}, Value{Text: "Oui"}, Value{Text: "oui"}, ""},
		{"yes no other", Field{Type: YesNo}, Value{Text: "peut-être"}, Value{}, "oui ou par non"},
		{"choice", Field{Type: Choice, Options: opts}, Value{Text: "b"}, Value{Text: "b"}, ""},
		{"choice unknown", Field{Type: Choice, Options: opts}, Value{Text: "c"}, Value{}, "proposées"},
		{"choices in option order", Field{Type: Choices, Options: opts}, Value{List: []string{"b", "a", "b"}}, Value{List: []string{"a", "b"}}, ""},
		{"choices unknown", Field{Type: Choices, Options: opts}, Value{List: []string{"a", "z"}}, Value{}, "parmi"},
		{"email", Field{Type: Email}, Value{Text: "a@B.fr"}, Value{Text: "a@b.fr"}, ""},
		{"email wrong", Field{Type: Email}, Value{Text: "a@b"}, Value{}, "nom@exemple.fr"},
		{"phone", Field{Type: Phone}, Value{Text: "0692 12 34 56"}, Value{Text: "+262692123456"}, ""},
		{"phone wrong", Field{Type: Phone}, Value{Text: "12"}, Value{}, "06 12 34 56 78"},
		{"iban", Field{Type: IBAN}, Value{Text: "fr76 3000 6000 0112 3456 7890 189"}, Value{Text: "FR7630006000011234567890189"}, ""},
		{"iban wrong", Field{Type: IBAN}, Value{Text: "FR76 3000 6000 0112 3456 7890 188"}, Value{}, "Cet IBAN contient une erreur"},
		{"iban short", Field{Type: IBAN}, Value{Text: "FR76 3000 6000 0112 3456 7890 18"}, Value{}, "compte 26 caractères : il en faut 27"},
		{"iban nonsense", Field{Type: IBAN}, Value{Text: "mon iban"}, Value{}, "Indiquez un IBAN valide : pour un compte en France, il commence par FR"},
		{"siret", Field{Type: SIRET}, Value{Text: "732 829 320 00074"}, Value{Text: "73282932000074"}, ""},
		{"siret wrong", Field{Type: SIRET}, Value{Text: "73282932000075"}, Value{}, "Ce numéro SIRET n'existe pas : vérifiez les 14 chiffres"},
		{"siret short", Field{Type: SIRET}, Value{Text: "732 829 320"}, Value{}, "vous en avez écrit 9"},
		{"siret letters", Field{Type: SIRET}, Value{Text: "732A"}, Value{}, "que des chiffres"},
		{"address", Field{Type: Address}, Value{Address: &PostalAddress{Street: " 1  rue de la Paix", Postcode: "75 002", Town: "Paris"}},
			Value{Address: &PostalAddress{Street: "1 rue de la Paix", Postcode: "75002", Town: "Paris"}}, ""},
		{"address without town", Field{Type: Address}, Value{Address: &PostalAddress{Street: "1 rue", Postcode: "75002"}}, Value{}, "en entier"},
		{"address bad postcode", Field{Type: Address}, Value{Address: &PostalAddress{Street: "1 rue", Postcode: "7500", Town: "Paris"}}, Value{}, "5 chiffres"},
		{"file", Field{Type: File}, Value{File: &FileRef{ID: "x", Name: "a.pdf", Type: FileTypePDF, Size: 10}},
			Value{File: &FileRef{ID: "x", Name: "a.pdf", Type: FileTypePDF, Size: 10}}, ""},
		{"file refused type", Field{Type: File, Limits: Limits{FileTypes: []string{FileTypePDF}}}, Value{File: &FileRef{ID: "x", Type: FileTypePNG, Size: 10}}, Value{}, "au format PDF"},
		{"file too big", Field{Type: File}, Value{File: &FileRef{ID: "x", Type: FileTypePDF, Size: 11 << 20}}, Value{}, "10 Mo au plus"},
		{"file required", Field{Type: File, Label: "Justificatif", Required: true}, Value{}, Value{}, "Joignez le document « Justificatif »"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msg := clean(&tt.fd, tt.in, today)
			if tt.msg == "" {
				if msg != "" || !reflect.DeepEqual(got, tt.want) {
					t.Fatalf("clean = %+v, %q; want %+v", got, msg, tt.want)
				}
				return
			}
			if !strings.Contains(msg, tt.msg) {
				t.Fatalf("clean message %q; want it to hold %q", msg, tt.msg)
			}
		})
	}
}

func TestConditionOperators(t *testing.T) {
	f := &Form{Pages: []Page{{Fields: []Field{
		{Key: "n", Type: Number, Label: "N"},
		{Key: "t", Type: ShortText, Label: "T"},
		{Key: "c", Type: Choices, Label: "C"},
		{Key: "d", Type: Date, Label: "D"},
	}}}}
	a := Answers{"n": {Text: "3"}, "t": {Text: "Bonjour Marie"}, "c": {List: []string{"rsa", "apl"}}, "d": {Text: "2020-01-15"}}
	leaf := func(op Op, field, value string) Condition { return Condition{Op: op, Field: field, Value: value} }
	tests := []struct {
		name string
		c    Condition
		want bool
	}{
		{"equals number", leaf(Equals, "n", "3,0"), true},
		{"equals text any case", leaf(Equals, "t", "bonjour marie"), true},
		{"equals text other", leaf(Equals, "t", "Bonjour"), false},
		{"equals in a list", leaf(Equals, "c", "apl"), true},
		{"equals unanswered", leaf(Equals, "x", ""), true},
		{"not equals", leaf(NotEquals, "n", "4"), true},
		{"not equals same", leaf(NotEquals, "n", "3"), false},
		{"not equals unanswered", leaf(NotEquals, "x", "oui"), true},
		{"contains list", leaf(Contains, "c", "rsa"), true},
		{"contains list no", leaf(Contains, "c", "aah"), false},
		{"contains text", leaf(Contains, "t", "MARIE"), true},
		{"contains empty value", leaf(Contains, "t", ""), false},
		{"greater", leaf(Greater, "n", "2"), true},
		{"greater equal", leaf(Greater, "n", "3"), false},
		{"less", leaf(Less, "n", "10"), true},
		{"less date", leaf(Less, "d", "2021-01-01"), true},
		{"greater date", leaf(Greater, "d", "2021-01-01"), false},
		{"greater on text", leaf(Greater, "t", "2"), false},
		{"greater unanswered", leaf(Greater, "x", "2"), false},
		{"and both", Condition{Op: And, All: []Condition{leaf(Equals, "n", "3"), leaf(Contains, "c", "rsa")}}, true},
		{"and one", Condition{Op: And, All: []Condition{leaf(Equals, "n", "3"), leaf(Contains, "c", "aah")}}, false},
		{"or one", Condition{Op: Or, All: []Condition{leaf(Equals, "n", "4"), leaf(Contains, "c", "rsa")}}, true},
		{"or none", Condition{Op: Or, All: []Condition{leaf(Equals, "n", "4"), leaf(Contains, "c", "aah")}}, false},
		{"nested", Condition{Op: Or, All: []Condition{leaf(Equals, "n", "4"),
			{Op: And, All: []Condition{leaf(Less, "n", "5"), leaf(Greater, "n", "1")}}}}, true},
		{"unknown operator", leaf("like", "n", "3"), false},
	}
	for _, tt := range tests {
		fd := &Field{Key: "q", Type: ShortText, Condition: &tt.c}
		if got := f.Visible(fd, a); got != tt.want {
			t.Errorf("%s: Visible = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestConditionOnHiddenFieldSeesNoAnswer(t *testing.T) {
	f := testForm()
	// "situation" is answered but hidden (not a parent): a field shown when it equals
	// "seul" stays hidden.
	a := Answers{"parent": {Text: "non"}, "situation": {Text: "seul"}}
	fd := &Field{Key: "q", Type: ShortText, Condition: &Condition{Op: Equals, Field: "situation", Value: "seul"}}
	if f.Visible(fd, a) {
		t.Fatal("a condition on a hidden field's stale answer holds")
	}
	a["parent"] = Value{Text: "oui"}
	if !f.Visible(fd, a) {
		t.Fatal("the condition does not hold once the field is shown")
	}
}

func TestValidatePage(t *testing.T) {
	f := testForm()
	a := Answers{"nom": {Text: " Curie "}, "age": {Text: "12"}, "parent": {Text: "oui"}, "aides": {List: []string{"apl"}}}
	got, problems := f.Validate(0, a)
	if len(problems) != 1 || problems[0].Field != "age" || !strings.Contains(problems[0].Message, "entre 16 et 120") {
		t.Fatalf("problems = %+v", problems)
	}
	if got["nom"].Text != "Curie" || got["age"].Text != "12" {
		t.Fatalf("answers = %+v: want the right one cleaned, the wrong one as typed", got)
	}
	// A hidden page checks nothing: "situation" is required but the person has no children.
	if _, problems := f.Validate(1, Answers{"parent": {Text: "non"}}); len(problems) != 0 {
		t.Fatalf("hidden field checked: %+v", problems)
	}
	if _, problems := f.Validate(1, Answers{"parent": {Text: "oui"}}); len(problems) != 1 || problems[0].Field != "situation" {
		t.Fatalf("shown required field not checked: %+v", problems)
	}
	if got, problems := f.Validate(9, a); len(got) != 0 || problems != nil {
		t.Fatal("a page out of range checks something")
	}
}

func TestValidateRepeat(t *testing.T) {
	f := testForm()
	parent := Answers{"parent": {Text: "oui"}}
	a := parent.Merge(Answers{"enfants": {Rows: []Answers{
		{"prenom": {Text: "Léa"}, "naissance": {Text: "2020-1-2"}},
		{"prenom": {Text: ""}, "naissance": {Text: "2030-1-2"}},
	}}})
	got, problems := f.Validate(2, a)
	var fields []string
	for _, p := range problems {
		fields = append(fields, p.Field)
	}
	if strings.Join(fields, ",") != "enfants[1].prenom,enfants[1].naissance" {
		t.Fatalf("problems on %v: %+v", fields, problems)
	}
	if !strings.HasPrefix(problems[0].Message, "Enfant 2 : ") {
		t.Errorf("message %q does not say which child", problems[0].Message)
	}
	if got["enfants"].Rows[0]["naissance"].Text != "2020-01-02" || got["enfants"].Rows[1]["naissance"].Text != "2030-1-2" {
		t.Errorf("rows = %+v", got["enfants"].Rows)
	}
	// No child at all, while required.
	if _, problems := f.Validate(2, parent); len(problems) != 1 || problems[0].Field != "enfants" {
		t.Fatalf("problems = %+v", problems)
	}
	// Over the limit of 3.
	rows := make([]Answers, 4)
	for i := range rows {
		rows[i] = Answers{"prenom": {Text: "A"}, "naissance": {Text: "2020-01-01"}}
	}
	if _, problems := f.Validate(2, parent.Merge(Answers{"enfants": {Rows: rows}})); len(problems) != 1 ||
		!strings.Contains(problems[0].Message, "3 éléments au plus") {
		t.Fatalf("problems = %+v", problems)
	}
}

func TestValidateAllDropsHiddenAnswers(t *testing.T) {
	f := testForm()
	a := Answers{"nom": {Text: "Curie"}, "parent": {Text: "non"}, "situation": {Text: "seul"},
		"adresse": {Address: &PostalAddress{Street: "1 rue de la Paix", Postcode: "75002", Town: "Paris"}},
		"iban":    {Text: "FR7630006000011234567890189"}}
	got, problems := f.ValidateAll(a)
	if len(problems) != 0 {
		t.Fatalf("problems = %+v", problems)
	}
	if _, ok := got["situation"]; ok {
		t.Fatal("the answer of a field hidden by a condition is kept")
	}
	delete(a, "iban")
	_, problems = f.ValidateAll(a)
	if len(problems) != 1 || f.PageOfProblem(problems[0]) != 3 {
		t.Fatalf("problems = %+v", problems)
	}
}

func TestPagesSkipHidden(t *testing.T) {
	f := testForm()
	no := Answers{"parent": {Text: "non"}}
	yes := Answers{"parent": {Text: "oui"}}
	if got := f.ShownPages(no); !reflect.DeepEqual(got, []int{0, 3}) {
		t.Fatalf("ShownPages(no) = %v", got)
	}
	if f.First(no) != 0 || f.Next(0, no) != 3 || f.Next(3, no) != -1 || f.Prev(3, no) != 0 || f.Prev(0, no) != -1 {
		t.Fatal("navigation does not skip the hidden pages")
	}
	if f.Prev(len(f.Pages), no) != 3 {
		t.Fatal("Back from the summary does not lead to the last shown page")
	}
	if n, total := f.Step(3, no); n != 2 || total != 2 {
		t.Fatalf("Step = %d of %d", n, total)
	}
	if n, total := f.Step(2, yes); n != 3 || total != 4 {
		t.Fatalf("Step = %d of %d", n, total)
	}
	if n, _ := f.Step(2, no); n != 0 {
		t.Fatal("a hidden page has a step")
	}
	// A section title left alone does not keep a page whose questions are hidden.
	f.Pages[1].Fields = append([]Field{{Key: "titre", Type: Section, Label: "Votre foyer"}}, f.Pages[1].Fields...)
	if f.PageShown(1, no) || !f.PageShown(1, yes) {
		t.Fatal("a page with only its section title shown is not skipped")
	}
	// A page of only texts to read is shown.
	f.Pages = append(f.Pages, Page{Fields: []Field{{Key: "fin", Type: Explanation, Label: "Merci."}}})
	if !f.PageShown(len(f.Pages)-1, no) {
		t.Fatal("a page of explanation is skipped")
	}
}

func TestSummary(t *testing.T) {
	f := testForm()
	a := Answers{"nom": {Text: "Curie"}, "parent": {Text: "oui"}, "aides": {List: []string{"rsa", "apl"}},
		"situation": {Text: "couple"},
		"enfants":   {Rows: []Answers{{"prenom": {Text: "Léa"}, "naissance": {Text: "2020-03-01"}}}},
		"adresse":   {Address: &PostalAddress{Street: "1 rue de la Paix", Postcode: "75002", Town: "Paris"}},
		"tel":       {Text: "+33612345678"}, "iban": {Text: "FR7630006000011234567890189"}}
	lines := f.Summary(a)
	got := map[string]string{}
	for _, l := range lines {
		got[l.Key] = l.Value
	}
	want := map[string]string{"nom": "Curie", "age": NotGiven, "parent": "Oui", "aides": "RSA, Aide au logement",
		"situation": "En couple", "enfants": "1 enfant", "adresse": "1 rue de la Paix, 75002 Paris",
		"tel": "06 12 34 56 78", "iban": "FR76 3000 6000 0112 3456 7890 189"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("summary = %v\nwant %v", got, want)
	}
	kids := lines[5]
	if kids.Page != 2 || len(kids.Items) != 1 || kids.Items[0].Title != "Enfant 1" || kids.Items[0].Lines[1].Value != "1er mars 2020" {
		t.Fatalf("children = %+v", kids)
	}
	if Display(&Field{Type: Number}, Value{Text: "12.5"}) != "12,5" ||
		Display(&Field{Type: SIRET}, Value{Text: "73282932000074"}) != "732 829 320 00074" ||
		Display(&Field{Type: File}, Value{File: &FileRef{Name: "a.pdf", Type: FileTypePDF, Size: 2048}}) != "a.pdf (PDF, 2 ko)" {
		t.Fatal("Display writes a value badly")
	}
}

func TestAnswersRoundTripJSON(t *testing.T) {
	a := Answers{"t": {Text: "x"}, "l": {List: []string{"a"}}, "f": {File: &FileRef{ID: "1", Name: "a.pdf", Type: "pdf", Size: 3}},
		"r": {Rows: []Answers{{"c": {Text: "y"}}}}, "a": {Address: &PostalAddress{Street: "s", Postcode: "75001", Town: "t"}}}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back Answers
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(a, back) {
		t.Fatalf("round trip: %v %+v", err, back)
	}
}

func TestMergeClearsEmpty(t *testing.T) {
	a := Answers{"x": {Text: "1"}, "y": {List: []string{"a"}}}
	b := a.Merge(Answers{"y": {}, "z": {Text: "2"}})
	if _, ok := b["y"]; ok || b["z"].Text != "2" || b["x"].Text != "1" {
		t.Fatalf("Merge = %+v", b)
	}
	if _, ok := a["z"]; ok {
		t.Fatal("Merge changed its receiver")
	}
}

func TestTodayIsParisTime(t *testing.T) {
	f := &Form{}
	// 23:30 UTC on 31 December is already 1 January in Paris.
	f.SetClock(func() time.Time { return time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC) })
	if got := f.today(); got != "2027-01-01" {
		t.Fatalf("today = %s", got)
	}
}
