package forms

import (
	"net/url"
	"reflect"
	"testing"
)

func TestParsePage(t *testing.T) {
	f := testForm()
	got, act := f.ParsePage(0, url.Values{"nom": {" Curie "}, "age": {"42"}, "parent": {"oui"},
		"aides": {"rsa", "", "apl"}, "intro": {"ignored"}, "other": {"ignored"}})
	want := Answers{"nom": {Text: "Curie"}, "age": {Text: "42"}, "parent": {Text: "oui"}, "aides": {List: []string{"rsa", "apl"}}}
	if act.Changed() || !reflect.DeepEqual(got, want) {
		t.Fatalf("ParsePage = %+v, %+v", got, act)
	}
	// Nothing ticked: the key is there, empty, so that merging clears the old answer.
	got, _ = f.ParsePage(0, url.Values{"nom": {"Curie"}})
	if v, ok := got["aides"]; !ok || !v.Empty() {
		t.Fatalf("unticked boxes: %+v", got)
	}
	if merged := (Answers{"aides": {List: []string{"rsa"}}}).Merge(got); merged["aides"].Has("rsa") {
		t.Fatal("merging a page with every box unticked keeps the old ticks")
	}
	got, _ = f.ParsePage(3, url.Values{"adresse.street": {"1 rue de la Paix"}, "adresse.postcode": {"75002"},
		"adresse.town": {"Paris"}, "iban": {"FR76…"}})
	if a := got["adresse"].Address; a == nil || a.Town != "Paris" || got["iban"].Text != "FR76…" {
		t.Fatalf("address page = %+v", got)
	}
}

func TestParseRepeatAddRemove(t *testing.T) {
	f := testForm()
	rows := url.Values{"enfants.count": {"2"},
		"enfants[0].prenom": {"Léa"}, "enfants[0].naissance.day": {"5"}, "enfants[0].naissance.month": {"3"}, "enfants[0].naissance.year": {"2020"},
		"enfants[1].prenom": {"Tom"}, "enfants[2].prenom": {"beyond the count"}}
	got, act := f.ParsePage(2, rows)
	kids := got["enfants"].Rows
	if act.Changed() || len(kids) != 2 || kids[0]["prenom"].Text != "Léa" || kids[0]["naissance"].Text != "2020-3-5" || kids[1]["prenom"].Text != "Tom" {
		t.Fatalf("rows = %+v", kids)
	}

	add := cloneValues(rows)
	add.Set(AddButton, "enfants")
	got, act = f.ParsePage(2, add)
	if act.Add != "enfants" || len(got["enfants"].Rows) != 3 || len(got["enfants"].Rows[2]) != 0 {
		t.Fatalf("add: %+v, %+v", act, got["enfants"].Rows)
	}

	rm := cloneValues(rows)
	rm.Set(RemoveButton, "enfants[0]")
	got, act = f.ParsePage(2, rm)
	if act.Remove != "enfants" || act.Row != 0 || len(got["enfants"].Rows) != 1 || got["enfants"].Rows[0]["prenom"].Text != "Tom" {
		t.Fatalf("remove: %+v, %+v", act, got["enfants"].Rows)
	}

	// At most 3: adding a fourth child does nothing but still shows the page again.
	full := cloneValues(rows)
	full.Set("enfants.count", "3")
	full.Set(AddButton, "enfants")
	got, act = f.ParsePage(2, full)
	if !act.Changed() || len(got["enfants"].Rows) != 3 {
		t.Fatalf("add over the limit: %d rows", len(got["enfants"].Rows))
	}

	// A count beyond the limit, a negative one, nonsense buttons.
	for _, v := range []url.Values{{"enfants.count": {"1000000"}}, {"enfants.count": {"-3"}},
		{"enfants.count": {"1"}, RemoveButton: {"enfants[7]"}}, {RemoveButton: {"enfants["}}, {AddButton: {"nom"}},
		{RemoveButton: {"autre[0]"}}} {
		got, _ := f.ParsePage(2, v)
		if n := len(got["enfants"].Rows); n > 3 {
			t.Errorf("ParsePage(%v) made %d rows", v, n)
		}
	}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, x := range v {
		out[k] = append([]string(nil), x...)
	}
	return out
}

func TestJoinSplitDate(t *testing.T) {
	if got := JoinDate(" 5", "3 ", "2020"); got != "2020-3-5" {
		t.Fatalf("JoinDate = %q", got)
	}
	if got := JoinDate("", "", ""); got != "" {
		t.Fatalf("JoinDate of nothing = %q", got)
	}
	if d, m, y := SplitDate(JoinDate("-5", "x", "")); d != "5" || m != "x" || y != "" {
		t.Fatalf("SplitDate = %q %q %q", d, m, y)
	}
}
