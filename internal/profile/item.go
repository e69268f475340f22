package profile

import (
	"fmt"
	"strconv"
	"time"

	"guichet/internal/forms"
)

// Item names one part of a profile. The values are stored: never rename one.
type Item string

// The items of a profile, in the order the page shows them.
const (
	Identity Item = "identite"
	Address  Item = "adresse"
	Phone    Item = "telephone"
	Email    Item = "email"
	IBAN     Item = "iban"
	Family   Item = "famille"
)

// Items lists every item in the order the profile page shows them.
var Items = []Item{Identity, Address, Phone, Email, IBAN, Family}

var itemLabels = map[Item]string{
	Identity: "Identité", Address: "Adresse postale", Phone: "Téléphone", Email: "Adresse e-mail",
	IBAN: "Coordonnées bancaires (IBAN)", Family: "Situation familiale",
}

// Label is the item's name in plain French.
func (i Item) Label() string { return itemLabels[i] }

// Known tells whether i is one of the items.
func (i Item) Known() bool { _, ok := itemLabels[i]; return ok }

// Source kinds: who gave an item.
const (
	ByPerson         = "personne"       // the person declared it
	ByProvider       = "fournisseur"    // their identity provider vouched for it
	ByAdministration = "administration" // an administration sent it
)

// Source says where an item came from and when.
type Source struct {
	Kind string
	// Org names the administration or provider in a sentence: "la CAF".
	Org string
	At  time.Time
}

// Sentence is the source in words, without the date: "déclaré par vous",
// "transmis par la CAF".
func (s Source) Sentence() string {
	if s.Kind == ByPerson || s.Org == "" {
		return "déclaré par vous"
	}
	return "transmis par " + s.Org
}

// Situations are the family situations a profile knows, with their words.
var Situations = []forms.Option{
	{Value: "celibataire", Label: "Célibataire"}, {Value: "couple", Label: "En couple (union libre)"},
	{Value: "pacse", Label: "Pacsé ou pacsée"}, {Value: "marie", Label: "Marié ou mariée"},
	{Value: "separe", Label: "Séparé, séparée ou divorcé, divorcée"}, {Value: "veuf", Label: "Veuf ou veuve"},
}

// Value is the content of one item; which part is set depends on the item.
type Value struct {
	GivenName  string `json:"given_name,omitempty"`  // Identity
	FamilyName string `json:"family_name,omitempty"` // Identity
	Birthdate  string `json:"birthdate,omitempty"`   // Identity, YYYY-MM-DD
	// Address is the postal address.
	Address *forms.PostalAddress `json:"address,omitempty"`
	// Text is the phone (+33…), the e-mail or the IBAN (compact).
	Text string `json:"text,omitempty"`
	// Situation is one of Situations' values; Children the number of
	// children in charge.
	Situation string `json:"situation,omitempty"`
	Children  int    `json:"children,omitempty"`
}

// Entry is one item of a person's profile with its source.
type Entry struct {
	Item   Item
	Value  Value
	Source Source
}

// Display writes the value in words, as the profile page shows it.
func (e Entry) Display() string {
	v := e.Value
	switch e.Item {
	case Identity:
		s := v.GivenName + " " + v.FamilyName
		if v.Birthdate != "" {
			d, m, y := forms.SplitDate(v.Birthdate)
			s += ", né ou née le " + d + "/" + m + "/" + y
		}
		return s
	case Address:
		if v.Address == nil {
			return ""
		}
		return v.Address.Street + ", " + v.Address.Postcode + " " + v.Address.Town
	case Phone:
		return forms.FormatPhone(v.Text)
	case IBAN:
		return maskIBAN(v.Text)
	case Family:
		s := v.Situation
		for _, o := range Situations {
			if o.Value == v.Situation {
				s = o.Label
			}
		}
		switch v.Children {
		case 0:
			return s + ", sans enfant à charge"
		case 1:
			return s + ", 1 enfant à charge"
		}
		return s + ", " + strconv.Itoa(v.Children) + " enfants à charge"
	}
	return v.Text
}

// maskIBAN shows the country and the last four characters only: the page
// confirms which account it is without showing it whole.
func maskIBAN(iban string) string {
	if len(iban) < 8 {
		return "••••"
	}
	return fmt.Sprintf("%s•• •••• … %s", iban[:2], iban[len(iban)-4:])
}
