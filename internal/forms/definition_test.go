package forms

import (
	"strings"
	"testing"
)

func TestCheckAcceptsTheTestForm(t *testing.T) {
	if p := testForm().Check(); len(p) != 0 {
		t.Fatalf("problems: %+v", p)
	}
}

func TestCheckDefinition(t *testing.T) {
	tests := []struct {
		name   string
		change func(f *Form)
		want   string
	}{
		{"no page", func(f *Form) { f.Pages = nil }, "aucune page"},
		{"empty page", func(f *Form) { f.Pages = append(f.Pages, Page{}) }, "La page 5 est vide"},
		{"bad key", func(f *Form) { f.Pages[0].Fields[1].Key = "Nom complet" }, "l'identifiant doit commencer"},
		{"key taken", func(f *Form) { f.Pages[0].Fields[2].Key = "nom" }, "déjà pris"},
		{"key taken by a child", func(f *Form) { f.Pages[2].Fields[0].Children[0].Key = "nom" }, "déjà pris"},
		{"unknown type", func(f *Form) { f.Pages[0].Fields[1].Type = "color" }, "type de champ"},
		{"no label", func(f *Form) { f.Pages[0].Fields[1].Label = "" }, "Écrivez l'intitulé"},
		{"one option", func(f *Form) { f.Pages[1].Fields[0].Options = f.Pages[1].Fields[0].Options[:1] }, "de 2 à"},
		{"option twice", func(f *Form) { f.Pages[1].Fields[0].Options[1].Value = "seul" }, "proposée deux fois"},
		{"min over max", func(f *Form) { f.Pages[0].Fields[2].Limits.Min = ptr(200) }, "minimum est plus grand"},
		{"file too big", func(f *Form) { f.Pages[0].Fields[1].Limits.MaxFileSize = 100 << 20 }, "25 Mo au plus"},
		{"unknown file type", func(f *Form) { f.Pages[0].Fields[1].Limits.FileTypes = []string{"exe"} }, "formats acceptés"},
		{"repeat without child", func(f *Form) { f.Pages[2].Fields[0].Children = nil }, "de 1 à"},
		{"file in a repeat", func(f *Form) { f.Pages[2].Fields[0].Children[0].Type = File }, "ni document"},
		{"condition on the same page", func(f *Form) {
			f.Pages[0].Fields[4].Condition = &Condition{Op: Equals, Field: "parent", Value: "oui"}
		}, "page précédente"},
		{"condition on a later page", func(f *Form) {
			f.Pages[1].Fields[0].Condition = &Condition{Op: Equals, Field: "iban", Value: "x"}
		}, "page précédente"},
		{"condition on nothing", func(f *Form) { f.Pages[1].Fields[0].Condition.Field = "x" }, "n'existe pas"},
		{"condition on an explanation", func(f *Form) { f.Pages[1].Fields[0].Condition.Field = "intro" }, "réponse simple"},
		{"unknown operator", func(f *Form) { f.Pages[1].Fields[0].Condition.Op = "like" }, "comment comparer"},
		{"empty and", func(f *Form) { f.Pages[1].Fields[0].Condition = &Condition{Op: And} }, "combinez"},
		{"greater than a word", func(f *Form) {
			f.Pages[1].Fields[0].Condition = &Condition{Op: Greater, Field: "age", Value: "vieux"}
		}, "un nombre ou une date"},
	}
	for _, tt := range tests {
		f := testForm()
		tt.change(f)
		var msgs []string
		for _, p := range f.Check() {
			msgs = append(msgs, p.Message)
		}
		if !strings.Contains(strings.Join(msgs, "\n"), tt.want) {
			t.Errorf("%s: problems %q; want one holding %q", tt.name, msgs, tt.want)
		}
	}
}

func TestWarningsOnHardLabels(t *testing.T) {
	f := testForm()
	f.Pages[0].Fields[1].Label = "Indiquez votre identification administrative CERFA"
	w := f.Warnings()
	if len(w) == 0 || w[0].Key != "nom" {
		t.Fatalf("warnings = %+v", w)
	}
	if len(testForm().Warnings()) != 0 {
		t.Fatalf("plain labels warned: %+v", testForm().Warnings())
	}
}

func TestCheckPublishWantsATitleForSeveralQuestions(t *testing.T) {
	f := testForm()
	f.Pages[3].Title = ""
	if len(f.Check()) != 0 {
		t.Fatal("a draft is refused for a missing page title")
	}
	p := f.CheckPublish()
	if len(p) != 1 || !strings.Contains(p[0].Message, "La page 4 pose plusieurs questions") {
		t.Fatalf("CheckPublish = %+v", p)
	}
	f.Pages[2].Title = "" // one question (a block): its label is the title
	if len(f.CheckPublish()) != 1 {
		t.Fatal("a page of one question needs no title")
	}
}
