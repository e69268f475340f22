package eligibility

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestQuestionsAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, q := range Questions() {
		t.Run(q.ID, func(t *testing.T) {
			if seen[q.ID] {
				t.Errorf("ID %q is used twice", q.ID)
			}
			seen[q.ID] = true
			if !strings.HasSuffix(q.Label, "?") {
				t.Errorf("Label %q is not a question", q.Label)
			}
			if q.Kind == Choice && len(q.Options) < 2 {
				t.Errorf("choice with %d options", len(q.Options))
			}
			if q.Kind == Number && (q.Min >= q.Max || q.Invalid == "") {
				t.Errorf("number question needs Min < Max and an Invalid message, got %v..%v %q", q.Min, q.Max, q.Invalid)
			}
			// Visible unless ruled out: with no answer at all, every
			// question counts, so the total only goes down.
			if !q.Visible(Answers{}) {
				t.Errorf("hidden before any answer")
			}
			if q.ShowIf != nil && q.WhenHidden == "" {
				t.Errorf("ShowIf without WhenHidden: rules would miss the answer")
			}
		})
	}
	if n := len(seen); n < 9 || n > 12 {
		t.Errorf("%d questions, want a short questionnaire of 9 to 12", n)
	}
}

func TestHiddenValuesAreTyped(t *testing.T) {
	for _, q := range Questions() {
		if q.ShowIf == nil {
			continue
		}
		if v := hiddenValue(q); v == nil {
			t.Errorf("%s: WhenHidden %q cannot be read", q.ID, q.WhenHidden)
		}
	}
}

// walk answers the questionnaire as Next asks, one page at a time, and
// returns the IDs asked in order.
func walk(t *testing.T, fields map[string]string) []string {
	t.Helper()
	var asked []string
	got := map[string]string{}
	for range len(Questions()) + 1 {
		a := mustAnswers(t, got)
		q, ok := Next(a)
		if !ok {
			return asked
		}
		asked = append(asked, q.ID)
		v, known := fields[q.ID]
		if !known {
			t.Fatalf("Next asked %q, which the test does not answer", q.ID)
		}
		got[q.ID] = v
	}
	t.Fatal("Next never finished")
	return nil
}

func TestNextFollowsShowIf(t *testing.T) {
	tests := []struct {
		name   string
		fields map[string]string
		want   []string
	}{
		{
			name:   "no child, no disability",
			fields: situation(nil),
			want: []string{"age", "couple", "enfants", "grossesse", "ressources_mensuelles", "logement",
				"activite", "handicap", "residence_reguliere"},
		},
		{
			name:   "children are asked about school",
			fields: situation(map[string]string{"enfants": "2", "enfants_scolarises": "1"}),
			want: []string{"age", "couple", "enfants", "enfants_scolarises", "grossesse", "ressources_mensuelles",
				"logement", "activite", "handicap", "residence_reguliere"},
		},
		{
			name:   "80 % skips the work question",
			fields: situation(map[string]string{"handicap": "oui", "taux_incapacite": "80_plus"}),
			want: []string{"age", "couple", "enfants", "grossesse", "ressources_mensuelles", "logement",
				"activite", "handicap", "taux_incapacite", "residence_reguliere"},
		},
		{
			name: "50 to 79 % asks about work",
			fields: situation(map[string]string{"handicap": "oui", "taux_incapacite": "50_79",
				"restriction_emploi": "oui"}),
			want: []string{"age", "couple", "enfants", "grossesse", "ressources_mensuelles", "logement",
				"activite", "handicap", "taux_incapacite", "restriction_emploi", "residence_reguliere"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, walk(t, tt.fields)); diff != "" {
				t.Errorf("questions asked (-want +got):\n%s", diff)
			}
		})
	}
}

func TestProgress(t *testing.T) {
	tests := []struct {
		name   string
		fields map[string]string
		want   Step
	}{
		{"nothing answered", nil, Step{Current: 1, Total: 12}},
		{"age answered", map[string]string{"age": "30"}, Step{Current: 2, Total: 12}},
		{"no child", map[string]string{"age": "30", "couple": "non", "enfants": "0"}, Step{Current: 4, Total: 11}},
		{"no child, no disability", map[string]string{"age": "30", "couple": "non", "enfants": "0",
			"grossesse": "non", "ressources_mensuelles": "0", "logement": "foyer", "activite": "chomage",
			"handicap": "non"}, Step{Current: 9, Total: 9}},
		{"all answered", situation(nil), Step{Current: 9, Total: 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Progress(mustAnswers(t, tt.fields)); got != tt.want {
				t.Errorf("Progress = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestStepString(t *testing.T) {
	if got, want := (Step{Current: 3, Total: 10}).String(), "Question 3 sur 10"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestMissingMessage(t *testing.T) {
	for _, q := range Questions() {
		if msg := q.MissingMessage(); !strings.HasSuffix(msg, "pour continuer.") {
			t.Errorf("%s: MissingMessage() = %q", q.ID, msg)
		}
	}
}
