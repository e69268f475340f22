package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"guichet/internal/demo"
	"guichet/internal/errs"
	"guichet/internal/forms"
	"guichet/internal/identity"
)

// renderFields renders field views with the "forms-field" partial inside a form, as a
// dossier page does, and parses the result.
func renderFields(t *testing.T, s *Server, views []FieldView) (*html.Node, string) {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString(`<!doctype html><html lang="fr"><body><form>`)
	tpl := pageTemplate(t, s.views, "forms-staff-preview")
	for _, v := range views {
		if err := tpl.ExecuteTemplate(&buf, "forms-field", v); err != nil {
			t.Fatal(err)
		}
	}
	buf.WriteString(`</form></body></html>`)
	return parseHTML(t, buf.String()), buf.String()
}

// sampleValue is an answer of the right shape for a field, as typed.
func sampleValue(fd *forms.Field) forms.Value {
	switch fd.Type {
	case forms.Choices:
		return forms.Value{List: []string{fd.Options[0].Value}}
	case forms.Choice:
		return forms.Value{Text: fd.Options[0].Value}
	case forms.Address:
		return forms.Value{Address: &forms.PostalAddress{Street: "1 rue", Postcode: "6900", Town: "Lyon"}}
	case forms.File:
		return forms.Value{File: &forms.FileRef{ID: "f1", Name: "certificat.pdf", Type: forms.FileTypePDF, Size: 2048}}
	case forms.Repeat:
		return forms.Value{Rows: []forms.Answers{{}, {}}}
	case forms.Date:
		return forms.Value{Text: "2020-2-31"}
	}
	return forms.Value{Text: "x"}
}

// TestFormsFieldPartialEveryType renders every field of the demo forms, with a value and an
// error each, and checks what the issue asks of each one: a label for every input, help and
// error tied with aria-describedby, required said in words, groups in a fieldset with a
// legend, autocomplete and inputmode, and the repeatable block's submit buttons.
func TestFormsFieldPartialEveryType(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	seen := map[forms.Type]bool{}
	for _, f := range demo.DemoForms() {
		for p := range f.Pages {
			var views []FieldView
			for i := range f.Pages[p].Fields {
				fd := &f.Pages[p].Fields[i]
				seen[fd.Type] = true
				problems := []errs.FieldError{{Field: fd.Key, Message: "Erreur de " + fd.Key}}
				if fd.Type == forms.Repeat {
					problems = append(problems, errs.FieldError{Field: forms.RowKey(fd.Key, 1, fd.Children[0].Key), Message: "Erreur de la ligne"})
				}
				views = append(views, newFieldView(fd, fd.Key, sampleValue(fd), problems))
			}
			doc, body := renderFields(t, ts.Server, views)
			checkFieldMarkup(t, f.Procedure, doc, body, f.Pages[p].Fields)
		}
	}
	for _, typ := range forms.Types {
		if !seen[typ] {
			t.Errorf("type %s not rendered", typ)
		}
	}
}

func checkFieldMarkup(t *testing.T, proc string, doc *html.Node, body string, fields []forms.Field) {
	t.Helper()
	ids := map[string]bool{}
	for _, n := range queryAll(doc, "*[id]") {
		id, _ := attr(n, "id")
		if ids[id] {
			t.Errorf("%s: id %q used twice", proc, id)
		}
		ids[id] = true
	}
	for _, sel := range []string{"input", "select", "textarea", "fieldset"} {
		for _, n := range queryAll(doc, sel) {
			if d, ok := attr(n, "aria-describedby"); ok {
				for _, id := range strings.Fields(d) {
					if !ids[id] {
						t.Errorf("%s: aria-describedby names %q, which is not on the page", proc, id)
					}
				}
			}
			typ, _ := attr(n, "type")
			if sel == "fieldset" || slices.Contains([]string{"hidden", "submit"}, typ) {
				continue
			}
			if !labelled(doc, n) {
				name, _ := attr(n, "name")
				t.Errorf("%s: %s %q has no label", proc, sel, name)
			}
			if typ == "radio" || typ == "checkbox" {
				if len(queryAll(doc, "fieldset legend")) == 0 || !insideFieldset(n) {
					t.Errorf("%s: a %s outside a fieldset", proc, typ)
				}
			}
		}
	}
	for _, fd := range fields {
		if !fd.Type.Answered() {
			continue
		}
		errID := fd.Key + "-error"
		if !ids[errID] {
			t.Errorf("%s: the error of %s is not shown", proc, fd.Key)
		} else if !strings.Contains(body, errID+`"`) || strings.Count(body, errID) < 2 {
			t.Errorf("%s: the error of %s is not tied to its field", proc, fd.Key)
		}
		if !ids[fd.Key] {
			t.Errorf("%s: nothing has the id %s, where the error summary links", proc, fd.Key)
		}
		if fd.Required && !strings.Contains(body, template.HTMLEscapeString(fd.Label)+` <span class="required">(obligatoire)</span>`) {
			t.Errorf("%s: %s does not say it is required", proc, fd.Key)
		}
		switch fd.Type {
		case forms.Email:
			wantAttr(t, doc, fd.Key, "autocomplete", "email")
		case forms.Phone:
			wantAttr(t, doc, fd.Key, "autocomplete", "tel")
			wantAttr(t, doc, fd.Key, "type", "tel")
		case forms.Number:
			wantAttr(t, doc, fd.Key, "inputmode", "decimal")
		case forms.SIRET:
			wantAttr(t, doc, fd.Key, "inputmode", "numeric")
		case forms.Address:
			wantAttr(t, doc, fd.Key, "autocomplete", "address-line1")
			wantAttr(t, doc, fd.Key+".postcode", "autocomplete", "postal-code")
			wantAttr(t, doc, fd.Key+".town", "autocomplete", "address-level2")
			wantAttr(t, doc, fd.Key+".postcode", "value", "6900")
		case forms.Date:
			wantAttr(t, doc, fd.Key, "name", fd.Key+".day")
			wantAttr(t, doc, fd.Key, "value", "31")
			wantAttr(t, doc, fd.Key+".year", "inputmode", "numeric")
		case forms.File:
			wantAttr(t, doc, fd.Key, "type", "file")
			if !strings.Contains(body, "certificat.pdf (PDF, 2 ko)") || !strings.Contains(body, "au plus.") {
				t.Errorf("%s: the file field does not say its limits and current file", proc)
			}
		case forms.Repeat:
			if len(queryAll(doc, "button[name="+forms.RemoveButton+"][value="+fd.Key+"[1]]")) != 1 ||
				len(queryAll(doc, "button[name="+forms.AddButton+"][value="+fd.Key+"]")) != 1 ||
				len(queryAll(doc, "input[type=hidden][name="+fd.Key+".count][value=2]")) != 1 {
				t.Errorf("%s: the repeatable block lacks its buttons or count", proc)
			}
			child := forms.RowKey(fd.Key, 1, fd.Children[0].Key)
			if !ids[child+"-error"] || !ids[child] {
				t.Errorf("%s: the error of an item is not beside its field", proc)
			}
		}
	}
}

func insideFieldset(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "fieldset" {
			return true
		}
	}
	return false
}

func wantAttr(t *testing.T, doc *html.Node, id, name, want string) {
	t.Helper()
	nodes := queryAll(doc, "*[id="+id+"]")
	if len(nodes) != 1 {
		t.Errorf("no element with id %s", id)
		return
	}
	if got, _ := attr(nodes[0], name); got != want {
		t.Errorf("#%s %s=%q, want %q", id, name, got, want)
	}
}

func TestFormPageViewOneQuestionIsTheTitle(t *testing.T) {
	f := demo.DemoForms()[3] // prime-naissance
	v := newFormPageView(&f, 0, nil, nil)
	if !v.LabelIsTitle || !v.Fields[0].Heading || v.Title != f.Pages[0].Fields[0].Label || v.Multipart {
		t.Fatalf("one question: %+v", v)
	}
	last := len(f.Pages) - 1
	if v := newFormPageView(&f, last, nil, nil); v.LabelIsTitle || len(v.Fields) != 3 {
		t.Fatalf("several questions: %+v", v)
	}
	// The SIRET page is hidden unless the person works on their own.
	if v := newFormPageView(&f, 3, forms.Answers{"activite": {Text: "salarie"}}, nil); len(v.Fields) != 0 {
		t.Fatalf("hidden field shown: %+v", v.Fields)
	}
	mdph := demo.DemoForms()[2]
	if v := newFormPageView(&mdph, 3, nil, nil); !v.Multipart {
		t.Fatal("a page with a file is not multipart")
	}
}

// TestFormEditor edits, moves and publishes the form of a demo procedure as its owner, and
// checks that a dossier's version stays as it was.
func TestFormEditor(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	ctx := context.Background()
	owner := string(identity.RoleProcedureOwner)
	base := "/espace/caf/demarches/prime-naissance/formulaire"
	v1, err := cs.Forms.Published(ctx, "prime-naissance")
	if err != nil {
		t.Fatal(err)
	}

	rec := cs.post(base+"/champ", owner, url.Values{"page": {"0"}, "type": {"choice"}, "label": {"Combien d'enfants avez-vous ?"},
		"options": {"Aucun\nUn\nDeux ou plus"}, "required": {"oui"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("add field: %d %.300s", rec.Code, rec.Body.String())
	}
	draft, _ := cs.Forms.Draft(ctx, "prime-naissance")
	added := draft.Field("combien_d_enfants_avez_vous")
	if draft.Version != 2 || added == nil || len(added.Options) != 3 || added.Options[2].Value != "deux-ou-plus" || !added.Required {
		t.Fatalf("draft = v%d, field %+v", draft.Version, added)
	}

	// A condition on an earlier page, combined with "ou".
	rec = cs.post(base+"/champ", owner, url.Values{"page": {"4"}, "champ": {"revenus"}, "type": {"number"},
		"label": {"Combien votre foyer a-t-il gagné en 2024, en euros ?"}, "min": {"0"}, "required": {"oui"},
		"cond1_field": {"activite"}, "cond1_op": {"equals"}, "cond1_value": {"salarie"},
		"cond2_field": {"activite"}, "cond2_op": {"equals"}, "cond2_value": {"independant"}, "cond_join": {"or"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("condition: %d %.500s", rec.Code, rec.Body.String())
	}
	draft, _ = cs.Forms.Draft(ctx, "prime-naissance")
	if c := draft.Field("revenus").Condition; c == nil || c.Op != forms.Or || len(c.All) != 2 {
		t.Fatalf("condition = %+v", c)
	}

	// A condition on a later page is refused, with the reason.
	rec = cs.post(base+"/champ", owner, url.Values{"page": {"0"}, "champ": {"allocataire"}, "type": {"short_text"},
		"label": {"Votre numéro d'allocataire"}, "cond1_field": {"iban"}, "cond1_op": {"equals"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "page précédente") {
		t.Fatalf("condition on a later page: %d", rec.Code)
	}

	// Move the new field to a page of its own, then publish.
	rec = cs.post(base, owner, url.Values{"action": {"page-seule"}, "page": {"0"}, "champ": {"combien_d_enfants_avez_vous"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("move: %d %.300s", rec.Code, rec.Body.String())
	}
	draft, _ = cs.Forms.Draft(ctx, "prime-naissance")
	if draft.PageOf("combien_d_enfants_avez_vous") != 1 || len(draft.Pages) != len(v1.Pages)+1 {
		t.Fatalf("after the move: page %d of %d", draft.PageOf("combien_d_enfants_avez_vous"), len(draft.Pages))
	}
	if rec := cs.get(base, owner); rec.Code != 200 || !strings.Contains(rec.Body.String(), "Publier la version 2") {
		t.Fatalf("editor: %d", rec.Code)
	}
	if rec := cs.post(base+"/publier", owner, url.Values{}); rec.Code != http.StatusSeeOther {
		t.Fatalf("publish: %d %.300s", rec.Code, rec.Body.String())
	}
	if cur, _ := cs.Forms.Published(ctx, "prime-naissance"); cur.Version != 2 {
		t.Fatalf("published version %d", cur.Version)
	}
	kept, err := cs.Forms.Version(ctx, "prime-naissance", 1)
	if err != nil || len(kept.Pages) != len(v1.Pages) || kept.Field("combien_d_enfants_avez_vous") != nil {
		t.Fatal("publishing changed the version dossiers started on")
	}
}

// TestFormEditorOtherOrganisation: the caf's owner cannot open or change the mairie's form.
func TestFormEditorOtherOrganisation(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	owner := string(identity.RoleProcedureOwner)
	for _, path := range []string{"/espace/caf/demarches/acte-naissance/formulaire", "/espace/mairie/demarches/acte-naissance/formulaire"} {
		if rec := cs.get(path, owner); rec.Code != http.StatusForbidden && rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d", path, rec.Code)
		}
		if rec := cs.post(path+"/publier", owner, url.Values{}); rec.Code != http.StatusForbidden && rec.Code != http.StatusNotFound {
			t.Errorf("POST %s/publier: %d", path, rec.Code)
		}
	}
	if rec := cs.get("/espace/caf/demarches/prime-naissance/formulaire", string(identity.RoleAgent)); rec.Code != http.StatusForbidden {
		t.Errorf("an agent opens the editor: %d", rec.Code)
	}
}

func TestProcedurePageOffersOnlineFirst(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	body := cs.get("/demarches/prime-naissance", "").Body.String()
	start := strings.Index(body, `href="/demarches/prime-naissance/commencer"`)
	other := strings.Index(body, "https://www.caf.fr/")
	if start < 0 || other < 0 || start > other || !strings.Contains(body, "Faire la démarche en ligne") {
		t.Fatalf("start link at %d, other site at %d", start, other)
	}
	if strings.Contains(cs.get("/demarches/carte-vitale", "").Body.String(), "Faire la démarche en ligne") {
		t.Fatal("a procedure without a form offers to do it online")
	}
}

// TestFormEditorBindsFieldsToWhatIsKnown: the owner binds a question to the
// profile in the editor (Dites-le-nous une fois), a binding that does not
// suit the question's type is refused with what was typed kept, and
// editing a bound question keeps its binding.
func TestFormEditorBindsFieldsToWhatIsKnown(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	ctx := context.Background()
	owner := string(identity.RoleProcedureOwner)
	base := "/espace/caf/demarches/prime-naissance/formulaire"
	v1, err := cs.Forms.Published(ctx, "prime-naissance")
	if err != nil || v1.Field("iban") == nil || v1.Field("iban").Prefill != "profil:iban" {
		t.Fatalf("the demo's iban field is not bound: %v", err)
	}
	page := fmt.Sprint(v1.PageOf("iban"))
	if rec := cs.get(base+"/champ?page="+page+"&champ=iban", owner); rec.Code != 200 ||
		!strings.Contains(rec.Body.String(), `<option value="profil:iban" selected>`) {
		t.Fatalf("editor of the iban field: %d\n%.3000s", rec.Code, rec.Body.String())
	}
	rec := cs.post(base+"/champ", owner, url.Values{"page": {page}, "champ": {"iban"}, "type": {"iban"},
		"label": {"Sur quel compte verser la prime ?"}, "required": {"oui"}, "prefill": {"profil:iban"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("edit iban: %d %.500s", rec.Code, rec.Body.String())
	}
	rec = cs.post(base+"/champ", owner, url.Values{"page": {"0"}, "type": {"short_text"}, "label": {"Votre ville"},
		"prefill": {"profil:adresse"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "ne convient pas à ce type") ||
		!strings.Contains(rec.Body.String(), `value="Votre ville"`) {
		t.Fatalf("an address binding on a short text: %d %.800s", rec.Code, rec.Body.String())
	}
	rec = cs.post(base+"/champ", owner, url.Values{"page": {"0"}, "type": {"short_text"}, "label": {"Votre prénom"},
		"autocomplete": {"given-name"}, "prefill": {"profil:prenom"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("bind a first name: %d %.500s", rec.Code, rec.Body.String())
	}
	draft, _ := cs.Forms.Draft(ctx, "prime-naissance")
	if f := draft.Field("iban"); f == nil || f.Prefill != "profil:iban" {
		t.Errorf("iban after editing: %+v", f)
	}
	if f := draft.Field("votre_prenom"); f == nil || f.Prefill != "profil:prenom" {
		t.Errorf("new first name field: %+v", f)
	}
}
