package forms

import "time"

// Type is the kind of a field: what it asks and how its answer is checked.
type Type string

// The field types. The values are stored in form definitions: never rename one.
const (
	ShortText   Type = "short_text"  // one line of text
	LongText    Type = "long_text"   // several lines of text
	Number      Type = "number"      // a number, with a comma or a point
	Date        Type = "date"        // a date typed as day, month and year
	YesNo       Type = "yes_no"      // "Oui" or "Non"
	Choice      Type = "choice"      // one of the options (radio buttons)
	Choices     Type = "choices"     // any of the options (check boxes)
	Email       Type = "email"       // an e-mail address
	Phone       Type = "phone"       // a French or overseas phone number, kept as +33…
	Address     Type = "address"     // a postal address: street, postcode, town
	IBAN        Type = "iban"        // a bank account number, checked with ISO 13616
	SIRET       Type = "siret"       // a French establishment number, checked with Luhn
	File        Type = "file"        // a document: PDF, JPEG, PNG or HEIC
	Section     Type = "section"     // a section title: no answer
	Explanation Type = "explanation" // a text to read: no answer
	Repeat      Type = "repeat"      // a block asked once per item ("each child")
)

// Types lists every field type in the order the editor offers them.
var Types = []Type{ShortText, LongText, Number, Date, YesNo, Choice, Choices, Email, Phone,
	Address, IBAN, SIRET, File, Section, Explanation, Repeat}

var typeNames = map[Type]string{
	ShortText: "Texte court", LongText: "Texte long", Number: "Nombre", Date: "Date",
	YesNo: "Oui ou non", Choice: "Un choix dans une liste", Choices: "Plusieurs choix dans une liste",
	Email: "Adresse e-mail", Phone: "Numéro de téléphone", Address: "Adresse postale",
	IBAN: "IBAN (compte bancaire)", SIRET: "Numéro SIRET", File: "Document à joindre",
	Section: "Titre de partie", Explanation: "Texte d'explication", Repeat: "Bloc répétable",
}

// Name is the type in plain French, as the editor shows it.
func (t Type) Name() string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return string(t)
}

// Known tells whether t is one of the field types.
func (t Type) Known() bool { _, ok := typeNames[t]; return ok }

// Answered tells whether a field of this type takes an answer: section titles and
// explanations do not.
func (t Type) Answered() bool { return t != Section && t != Explanation && t.Known() }

// DefaultMaxFileSize is the size limit of a file field that sets none: 10 MB.
const DefaultMaxFileSize = 10 << 20

// DefaultMaxRepeat is the number of items of a repeatable block that sets no limit.
const DefaultMaxRepeat = 10

// Form is the form of a procedure, in one version: its pages in order.
type Form struct {
	Procedure string `json:"procedure"` // the procedure's slug
	Version   int    `json:"version"`   // 1, 2, …; 0 before it is first stored
	Pages     []Page `json:"pages"`

	now func() time.Time // tells past from future dates; time.Now when nil
}

// Page is one screen of the form: "one thing per page" by default, a few related fields
// allowed.
type Page struct {
	Title  string  `json:"title"`
	Fields []Field `json:"fields"`
}

// Field is one question (or a section title, or a text to read) of a form.
type Field struct {
	// Key names the field in answers and in posted pages; it never changes once published.
	Key      string `json:"key"`
	Type     Type   `json:"type"`
	Label    string `json:"label"`
	Help     string `json:"help,omitempty"`
	Required bool   `json:"required,omitempty"`
	// Options are the choices of a Choice or Choices field.
	Options []Option `json:"options,omitempty"`
	Limits  Limits   `json:"limits,omitzero"`
	// Condition, when set, shows the field only when it holds on earlier answers.
	Condition *Condition `json:"condition,omitempty"`
	// Children are the fields asked for each item of a Repeat block.
	Children []Field `json:"children,omitempty"`
	// ItemLabel names one item of a Repeat block ("Enfant": "Enfant 1", "Enfant 2"…) and
	// AddLabel its add button ("Ajouter un enfant").
	ItemLabel string `json:"item_label,omitempty"`
	AddLabel  string `json:"add_label,omitempty"`
	// Autocomplete is the purpose of a ShortText or Date field about the person, from
	// AutocompleteTokens ("given-name", "bday"), so browsers can fill it in (RGAA 11.13).
	Autocomplete string `json:"autocomplete,omitempty"`
	// Prefill binds the field to what is already known about the person: an item of
	// their profile ("profil:adresse") or a connector's data category
	// ("caf:quotient-familial"). internal/prefill fills it when a dossier starts; the
	// person checks and may correct it.
	Prefill string `json:"prefill,omitempty"`
}

// AutocompleteTokens are the purposes a ShortText field (or "bday", a Date field) may have,
// with their name in plain French for the editor.
var AutocompleteTokens = []Option{
	{Value: "given-name", Label: "Prénom"}, {Value: "family-name", Label: "Nom de famille"},
	{Value: "name", Label: "Nom et prénom"}, {Value: "additional-name", Label: "Autres prénoms"},
	{Value: "organization", Label: "Nom de l'entreprise ou de l'organisme"},
	{Value: "organization-title", Label: "Métier ou fonction"},
	{Value: "country-name", Label: "Pays"}, {Value: "bday", Label: "Date de naissance (champ date)"},
}

// ValidAutocomplete tells whether token suits a field of type t.
func ValidAutocomplete(t Type, token string) bool {
	if token == "" {
		return true
	}
	if t == Date {
		return token == "bday"
	}
	if t != ShortText || token == "bday" {
		return false
	}
	for _, o := range AutocompleteTokens {
		if o.Value == token {
			return true
		}
	}
	return false
}

// PageHasFile tells whether page p asks for a file: its form is then sent as
// multipart/form-data.
func (f *Form) PageHasFile(p int) bool {
	if p < 0 || p >= len(f.Pages) {
		return false
	}
	for _, fd := range f.Pages[p].Fields {
		if fd.Type == File {
			return true
		}
	}
	return false
}

// Option is one choice of a Choice or Choices field.
type Option struct {
	Value string `json:"value"` // stored in answers; stable
	Label string `json:"label"` // shown
}

// Limits bound an answer. A zero limit means none (or the default, for files and repeats).
type Limits struct {
	Min       *float64 `json:"min,omitempty"`        // Number: smallest value
	Max       *float64 `json:"max,omitempty"`        // Number: largest value
	MaxLength int      `json:"max_length,omitempty"` // texts: most characters
	MaxRepeat int      `json:"max_repeat,omitempty"` // Repeat: most items (DefaultMaxRepeat)
	// MaxFileSize is the largest file in bytes (DefaultMaxFileSize); FileTypes the accepted
	// types among FileTypePDF, FileTypeJPEG, FileTypePNG, FileTypeHEIC (all when empty).
	MaxFileSize int64    `json:"max_file_size,omitempty"`
	FileTypes   []string `json:"file_types,omitempty"`
	// PastOnly refuses a Date after today (a birth date); FutureOnly one before today.
	PastOnly   bool `json:"past_only,omitempty"`
	FutureOnly bool `json:"future_only,omitempty"`
}

// MaxItems is the most items of a Repeat block.
func (f *Field) MaxItems() int {
	if f.Limits.MaxRepeat > 0 {
		return f.Limits.MaxRepeat
	}
	return DefaultMaxRepeat
}

// MaxFileSize is the largest file a File field accepts, in bytes.
func (f *Field) MaxFileSize() int64 {
	if f.Limits.MaxFileSize > 0 {
		return f.Limits.MaxFileSize
	}
	return DefaultMaxFileSize
}

// AcceptedFileTypes is the file types a File field accepts.
func (f *Field) AcceptedFileTypes() []string {
	if len(f.Limits.FileTypes) > 0 {
		return f.Limits.FileTypes
	}
	return AllFileTypes
}

// ItemName is the label of one item of a Repeat block ("Enfant").
func (f *Field) ItemName() string {
	if f.ItemLabel != "" {
		return f.ItemLabel
	}
	return "Élément"
}

// AddButton is the label of the add button of a Repeat block ("Ajouter un enfant").
func (f *Field) AddButton() string {
	if f.AddLabel != "" {
		return f.AddLabel
	}
	return "Ajouter un élément"
}

// OptionLabel is the label of the option of value v, v itself when unknown.
func (f *Field) OptionLabel(v string) string {
	for _, o := range f.Options {
		if o.Value == v {
			return o.Label
		}
	}
	return v
}

// Field returns the field of key on any page (top level), nil when none.
func (f *Form) Field(key string) *Field {
	if f == nil {
		return nil
	}
	for p := range f.Pages {
		for i := range f.Pages[p].Fields {
			if f.Pages[p].Fields[i].Key == key {
				return &f.Pages[p].Fields[i]
			}
		}
	}
	return nil
}

// PageOf returns the index of the page holding the top-level field key, -1 when none.
func (f *Form) PageOf(key string) int {
	for p := range f.Pages {
		for i := range f.Pages[p].Fields {
			if f.Pages[p].Fields[i].Key == key {
				return p
			}
		}
	}
	return -1
}
