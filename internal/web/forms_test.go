package web

import (
	"html"
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var summaryLinks = regexp.MustCompile(`<div class="error-summary"[\s\S]*?<ul>(.*?)</ul>`)

// TestFormsReportEveryErrorAtOnce sends forms with several mistakes and checks that one send
// shows them all, in the form's order, beside their fields, in a summary that takes focus
// (RGAA 11.10).
func TestFormsReportEveryErrorAtOnce(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		name, path, body string
		// fields are the fields the summary links to, in order.
		fields []string
		want   []string
	}{
		{"sign-up, three mistakes", "/inscription", "name=&email=pas-une-adresse&password=court",
			[]string{"name", "email", "password"}, []string{"Indiquez votre nom", "adresse e-mail valide", "au moins 12 caractères"}},
		{"sign-in, malformed address", "/connexion", "email=camille%40exemple&password=quelque-chose-de-long",
			[]string{"email"}, []string{"Cette adresse e-mail n'est pas bien écrite"}},
		{"sign-in, nothing typed", "/connexion", "email=&password=",
			[]string{"email", "password"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(ts, postForm(tt.path, tt.body))
			body := checkPage(t, rec, http.StatusUnprocessableEntity)
			m := summaryLinks.FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("no error summary: %.2000s", body)
			}
			var got []string
			for _, l := range regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(m[1], -1) {
				got = append(got, l[1])
			}
			if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
				t.Errorf("summary links to %v, want %v", got, tt.fields)
			}
			for _, f := range tt.fields {
				if !strings.Contains(body, `id="`+f+`-error"`) {
					t.Errorf("no message beside %s", f)
				}
			}
			text := html.UnescapeString(body)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q", w)
				}
			}
		})
	}
}

// TestRecoveryCodeIsNotOptional checks that the recovery-code field, refused when empty, is
// not marked "(facultatif)".
func TestRecoveryCodeIsNotOptional(t *testing.T) {
	ts := newTestServer(t)
	v := pageTemplate(t, ts.views, "second-factor")
	var b strings.Builder
	if err := v.ExecuteTemplate(&b, "layout", formView{Page: Page{Title: "Code de sécurité"}, Form: emptyForm()}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	i := strings.Index(page, `for="recovery"`)
	if i < 0 {
		t.Fatal("no recovery-code field")
	}
	label := page[i : strings.Index(page[i:], "</label>")+i]
	if strings.Contains(label, "facultatif") || !strings.Contains(page, `name="recovery" type="text" autocomplete="off" required`) {
		t.Errorf("the recovery code is marked optional or not required: %s", label)
	}
}

// TestErrorSummaryTakesFocus checks that every page's error summary takes focus on load
// (autofocus, no script): pages get it by construction, because the only error summary is
// the shared "error-summary" template, which every page set holds.
func TestErrorSummaryTakesFocus(t *testing.T) {
	ts := newTestServer(t)
	err := fs.WalkDir(templateFS, "templates", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || name == "templates/partials.html" {
			return err
		}
		src, err := fs.ReadFile(templateFS, name)
		if strings.Contains(string(src), `class="error-summary`) {
			t.Errorf("%s writes its own error summary instead of the shared template", name)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	form := emptyForm()
	form.Fail("email", "Indiquez votre adresse e-mail.")
	form.Fail("password", "Indiquez votre mot de passe.")
	for name, page := range allPages(t, ts.views) {
		var b strings.Builder
		if err := page.ExecuteTemplate(&b, "error-summary", form); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !errorSummaryFocus.MatchString(b.String()) || !strings.Contains(b.String(), `href="#password"`) {
			t.Errorf("%s: the error summary does not take focus or link its fields: %s", name, b.String())
		}
	}
}
