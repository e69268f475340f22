package profile

import (
	"context"
	"strings"
	"testing"

	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
	"guichet/internal/forms"
	"guichet/internal/testkit"
)

func newService(t *testing.T) (*Service, *testkit.Clock) {
	t.Helper()
	clock := testkit.NewClock(testkit.Start)
	return New(dbtest.Open(t), Options{Now: clock.Now, Box: testkit.Box(t)}), clock
}

func TestDeclareThenReceiveKeepsTheSource(t *testing.T) {
	t.Parallel()
	s, _ := newService(t)
	ctx := context.Background()
	addr := Value{Address: &forms.PostalAddress{Street: " 12 rue des Lilas ", Postcode: "69 100", Town: "Villeurbanne"}}
	if err := s.Declare(ctx, 7, Address, addr); err != nil {
		t.Fatal(err)
	}
	if err := s.Receive(ctx, 7, Family, Value{Situation: "marie", Children: 2}, "la CAF"); err != nil {
		t.Fatal(err)
	}
	p, err := s.Get(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if got := p[Address].Display(); got != "12 rue des Lilas, 69100 Villeurbanne" {
		t.Errorf("address %q", got)
	}
	if got := p[Address].Source.Sentence(); got != "déclaré par vous" {
		t.Errorf("address source %q", got)
	}
	if got := p[Family].Source.Sentence(); got != "transmis par la CAF" {
		t.Errorf("family source %q", got)
	}
	if got := p[Family].Display(); got != "Marié ou mariée, 2 enfants à charge" {
		t.Errorf("family %q", got)
	}
	if p.Has(IBAN) {
		t.Error("an item never given is there")
	}
	if other, _ := s.Get(ctx, 8); len(other) != 0 {
		t.Errorf("another person's profile holds %v", other)
	}
}

// TestValuesAreSealedAtRest reads the stored text of an IBAN and an
// identity: neither appears in the clear.
func TestValuesAreSealedAtRest(t *testing.T) {
	t.Parallel()
	s, _ := newService(t)
	ctx := context.Background()
	if err := s.Declare(ctx, 7, IBAN, Value{Text: "fr76 3000 6000 0112 3456 7890 189"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Declare(ctx, 7, Identity, Value{GivenName: "Camille", FamilyName: "Martin", Birthdate: "27/3/1985"}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT value FROM profile_items WHERE user_id = 7`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var v string
		rows.Scan(&v)
		if strings.Contains(v, "3000") || strings.Contains(v, "Camille") || !strings.HasPrefix(v, "v1:") {
			t.Errorf("stored in the clear: %q", v)
		}
	}
	p, _ := s.Get(ctx, 7)
	if p[IBAN].Value.Text != "FR7630006000011234567890189" || p[Identity].Value.Birthdate != "1985-03-27" {
		t.Errorf("opened %+v", p)
	}
	if got := p[IBAN].Display(); strings.Contains(got, "3000") || !strings.HasSuffix(got, "0189") {
		t.Errorf("IBAN shown %q", got)
	}
}

func TestDeclareReportsEveryProblemInOrder(t *testing.T) {
	t.Parallel()
	s, _ := newService(t)
	err := s.Declare(context.Background(), 7, Address, Value{Address: &forms.PostalAddress{Postcode: "691"}})
	var fields []string
	for _, fe := range errs.FieldsOf(err) {
		fields = append(fields, fe.Field)
	}
	if strings.Join(fields, ",") != "street,postcode,town" {
		t.Errorf("fields %v (%v)", fields, err)
	}
	err = s.Declare(context.Background(), 7, Family, Values(Family, func(k string) string {
		return map[string]string{"situation": "marie", "children": "beaucoup"}[k]
	}))
	if errs.FieldOf(err) != "children" {
		t.Errorf("children: %v", err)
	}
	if err := s.Declare(context.Background(), 7, Item("autre"), Value{}); !errs.Is(err, errs.NotFound) {
		t.Errorf("unknown item: %v", err)
	}
}
