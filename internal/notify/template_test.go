package notify

import (
	"context"
	"strings"
	"testing"

	"guichet/internal/errs"
)

// Every French default passes its own checks and renders its example data
// without a placeholder left, within one or two SMS parts.
func TestDefaultsAreValid(t *testing.T) {
	t.Parallel()
	for _, k := range Kinds() {
		for _, ch := range []string{Email, SMS} {
			tpl, ok := DefaultTemplate(1, k.Kind, ch)
			if !ok {
				t.Fatalf("no default for %s/%s", k.Kind, ch)
			}
			if err := tpl.Check(); err != nil {
				t.Errorf("default %s/%s: %v %v", k.Kind, ch, err, errs.FieldsOf(err))
			}
			r, err := tpl.Preview()
			if err != nil || strings.Contains(r.Body+r.Subject, "((") {
				t.Errorf("preview %s/%s: %q %v", k.Kind, ch, r.Body, err)
			}
			if ch == SMS && (r.Count.Parts < 1 || r.Count.Parts > 2) {
				t.Errorf("default SMS %s is %d parts: %q", k.Kind, r.Count.Parts, r.Body)
			}
		}
	}
}

func TestTemplateChecks(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		tpl     Template
		field   string
		message string
	}{
		{"unknown placeholder", Template{Kind: DossierReceived, Channel: SMS, Body: "Bonjour ((nom)), dossier ((reference))"},
			"body", "((nom)) n'existe pas"},
		{"missing required", Template{Kind: DossierReceived, Channel: SMS, Body: "Votre demande est reçue."},
			"body", "Ajoutez ((reference))"},
		{"broken placeholder", Template{Kind: DossierReceived, Channel: SMS, Body: "Demande ((reference)) ((procedure"},
			"body", "mal écrit"},
		{"empty subject", Template{Kind: StateChanged, Channel: Email, Body: "((reference)) ((state))"},
			"subject", "objet"},
		{"unknown in subject", Template{Kind: StateChanged, Channel: Email, Subject: "((x))", Body: "((reference)) ((state))"},
			"subject", "((x)) n'existe pas"},
		{"too long", Template{Kind: DossierReceived, Channel: SMS, Body: "((reference)) " + strings.Repeat("ê", 500)},
			"body", "trop long"},
	}
	for _, c := range cases {
		err := c.tpl.Check()
		found := false
		for _, fe := range errs.FieldsOf(err) {
			if fe.Field == c.field && strings.Contains(fe.Message, c.message) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: got %v, want a %s error with %q", c.name, errs.FieldsOf(err), c.field, c.message)
		}
	}
}

// Data cannot smuggle a placeholder into a message, and a template that
// lost a value renders nothing.
func TestRenderNeverLeavesAPlaceholder(t *testing.T) {
	t.Parallel()
	tpl := Template{Kind: DossierReceived, Channel: SMS, Body: "Demande ((reference)) reçue"}
	r, err := tpl.Render(map[string]string{"reference": "((link))"})
	if err != nil || strings.Contains(r.Body, "((") {
		t.Fatalf("got %q, %v", r.Body, err)
	}
	if _, err := tpl.Render(map[string]string{}); err == nil {
		t.Fatal("a missing value rendered")
	}
}

// Transliteration turns a UCS-2 SMS into a GSM one.
func TestSMSTransliteration(t *testing.T) {
	t.Parallel()
	tpl := Template{Kind: DossierReceived, Channel: SMS, Body: "Votre demande ((reference)) est prête, à bientôt « merci »"}
	if c := tpl.SMSCount(nil); c.Encoding != "UCS-2" {
		t.Fatalf("kept: %+v", c)
	}
	tpl.Transliterate = true
	if c := tpl.SMSCount(nil); c.Encoding != "GSM" {
		t.Fatalf("transliterated: %+v", c)
	}
}

// Saving makes a new version, which the next event uses.
func TestSavedTemplateIsVersionedAndUsed(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	tpl := Template{OrgID: 1, Kind: DossierReceived, Channel: Email, Subject: "Reçu : ((reference))",
		Body: "Nous avons reçu ((reference)).", CreatedBy: 7}
	for want := 1; want <= 2; want++ {
		v, err := f.svc.SaveTemplate(ctx, tpl)
		if err != nil || v != want {
			t.Fatalf("save: version %d, %v; want %d", v, err, want)
		}
		tpl.Body = "Nous avons bien reçu ((reference))."
	}
	if _, err := f.svc.SaveTemplate(ctx, Template{OrgID: 1, Kind: DossierReceived, Channel: Email, Subject: "x",
		Body: "((nom))"}); errs.FieldOf(err) != "body" {
		t.Fatalf("bad template saved: %v", err)
	}
	got, err := f.svc.Template(ctx, 1, DossierReceived, Email)
	if err != nil || got.Version != 2 || got.Body != "Nous avons bien reçu ((reference))." {
		t.Fatalf("template in use: %+v, %v", got, err)
	}
	if other, _ := f.svc.Template(ctx, 2, DossierReceived, Email); other.Version != 0 {
		t.Fatalf("another organisation got version %d, want the default", other.Version)
	}
	ev := received("DS-20")
	ev.Recipient = Recipient{Email: "a@exemple.fr"}
	f.svc.Notify(ctx, ev)
	if m := f.messages("dossier-DS-20")[0]; m.Subject != "Reçu : DS-20" || m.Body != "Nous avons bien reçu DS-20." {
		t.Fatalf("message: %+v", m)
	}
}
