package notify

import (
	"slices"
	"strings"
)

// Kind names what happened. Other modules add theirs (mandate and
// appointment events) with the data they provide and their French default.
type Kind string

// The kinds of automatic messages.
const (
	DossierReceived     Kind = "dossier_received"
	StateChanged        Kind = "state_changed"
	CorrectionRequested Kind = "correction_requested"
	MessageReceived     Kind = "message_received"
	DraftExpiring       Kind = "draft_expiring"
	// MandateExpiring warns a person 30 days before the end of a long
	// mandate they gave a help structure (internal/mediation).
	MandateExpiring Kind = "mandate_expiring"
	// AppointmentBooked confirms an appointment booked or moved at a help
	// structure (internal/appointments), with the link to cancel or move it.
	AppointmentBooked Kind = "appointment_booked"
	// AppointmentReminder recalls an appointment the day before.
	AppointmentReminder Kind = "appointment_reminder"
	// AppointmentCancelled confirms that an appointment is cancelled.
	AppointmentCancelled Kind = "appointment_cancelled"
	// AppointmentCode carries the short code that proves, before a booking
	// counts, that the phone or e-mail given is the person's.
	AppointmentCode Kind = "appointment_code"
	// Collective is the kind of the messages of a collective send, whose
	// placeholders are the columns of the agent's CSV.
	CollectiveMessage Kind = "collective"
)

// Field is one piece of data an event provides, usable in its templates as
// ((name)).
type Field struct {
	Name    string
	Label   string // what it is, in French, for the template editor
	Example string // shown in previews
	// Required fields must appear in every template of the kind: a receipt
	// without its reference tells the person nothing.
	Required bool
}

// KindInfo describes a kind of event for the editor and the checks.
type KindInfo struct {
	Kind   Kind
	Label  string
	Fields []Field
}

var (
	fieldReference = Field{Name: "reference", Label: "Référence du dossier", Example: "DS-2026-004217", Required: true}
	fieldProcedure = Field{Name: "procedure", Label: "Nom de la démarche", Example: "Demande de passeport"}
	fieldLink      = Field{Name: "link", Label: "Lien vers le dossier", Example: "https://guichet.exemple.fr/dossiers/DS-2026-004217"}

	fieldWhen      = Field{Name: "when", Label: "Date et heure du rendez-vous", Example: "mardi 3 mars 2026 à 9 h 30", Required: true}
	fieldWhere     = Field{Name: "where", Label: "Lieu ou façon (téléphone, vidéo)", Example: "France Services, 12 rue Jean Jaurès, 69100 Villeurbanne", Required: true}
	fieldStructure = Field{Name: "structure", Label: "Structure d'aide", Example: "France Services de Villeurbanne"}
	fieldRdvLink   = Field{Name: "link", Label: "Lien pour annuler ou déplacer le rendez-vous", Example: "https://guichet.exemple.fr/rendez-vous/gerer/…"}
)

// kinds lists the kinds of automatic messages, in the order of the editor.
var kinds = []KindInfo{
	{DossierReceived, "Dossier reçu", []Field{fieldReference, fieldProcedure, fieldLink,
		{Name: "feedback_link", Label: "Lien pour donner son avis sur la démarche",
			Example: "https://guichet.exemple.fr/demarches/demande-passeport/avis"}}},
	{StateChanged, "Changement d'état", []Field{fieldReference, fieldProcedure,
		{Name: "state", Label: "Nouvel état", Example: "accepté", Required: true}, fieldLink}},
	{CorrectionRequested, "Correction demandée", []Field{fieldReference, fieldProcedure,
		{Name: "reason", Label: "Ce qu'il faut corriger", Example: "la photo d'identité est floue"},
		{Name: "deadline", Label: "Date limite", Example: "15 mars 2026"}, fieldLink}},
	{MessageReceived, "Nouveau message", []Field{fieldReference, fieldProcedure, fieldLink}},
	{DraftExpiring, "Brouillon bientôt supprimé", []Field{fieldProcedure,
		{Name: "expires_on", Label: "Date de suppression", Example: "20 mars 2026", Required: true}, fieldLink}},
	{MandateExpiring, "Mandat bientôt terminé", []Field{
		{Name: "structure", Label: "Structure d'aide", Example: "France Services de Villeurbanne", Required: true},
		{Name: "ends_on", Label: "Date de fin du mandat", Example: "20 mars 2026", Required: true},
		{Name: "link", Label: "Lien vers mes mandats", Example: "https://guichet.exemple.fr/compte/mandats"}}},
	{AppointmentBooked, "Rendez-vous confirmé", []Field{fieldWhen, fieldWhere, fieldStructure, fieldRdvLink}},
	{AppointmentReminder, "Rappel de rendez-vous (la veille)", []Field{fieldWhen, fieldWhere, fieldStructure, fieldRdvLink}},
	{AppointmentCancelled, "Rendez-vous annulé", []Field{fieldWhen, fieldStructure}},
	{AppointmentCode, "Code pour confirmer un rendez-vous", []Field{
		{Name: "code", Label: "Code à 6 chiffres", Example: "483920", Required: true}, fieldWhen, fieldStructure}},
}

// Kinds returns the kinds of automatic messages an organisation can word.
func Kinds() []KindInfo { return slices.Clone(kinds) }

// InfoOf returns what is known of a kind, false for an unknown one.
func InfoOf(k Kind) (KindInfo, bool) {
	for _, info := range kinds {
		if info.Kind == k {
			return info, true
		}
	}
	return KindInfo{}, false
}

// Example returns example data for a kind, for previews.
func (k KindInfo) Example() map[string]string {
	data := make(map[string]string, len(k.Fields))
	for _, f := range k.Fields {
		data[f.Name] = f.Example
	}
	return data
}

// Names returns the names of the kind's fields.
func (k KindInfo) Names() []string {
	names := make([]string, len(k.Fields))
	for i, f := range k.Fields {
		names[i] = f.Name
	}
	return names
}

// Recipient is who a message is for: exactly one of an account, a raw
// address or phone number, or a help structure acting for a person.
type Recipient struct {
	// UserID is an account: its preferences choose the channels.
	UserID int64
	// Email and Phone are raw destinations (collective sends, people without
	// an account); either or both.
	Email string
	Phone string
	// HelpOrgID is a help structure (an organisation of kind help_structure)
	// that carries the message for ForPerson, a label it knows the person by
	// ("Mme Diallo, dossier suivi le 3 mars"). Its mediators get it by e-mail.
	HelpOrgID int64
	ForPerson string
}

// Event is something that happened, which the person concerned must hear of.
type Event struct {
	Kind      Kind
	OrgID     int64 // the organisation whose templates word the message
	Recipient Recipient
	// Data holds every Field of Kind, by name.
	Data map[string]string
	// IdempotencyKey identifies the event: a second Notify with the same key
	// sends nothing. Required.
	IdempotencyKey string
	// Legal marks a notice the person must receive even when they chose no
	// notification: it goes out by e-mail.
	Legal bool
	// Immediate sends an SMS at once, even at night: a code the person
	// waits for on the page they are filling in is no nuisance.
	Immediate bool
}

// cleanValue keeps data from forming a placeholder in a rendered message.
func cleanValue(v string) string {
	v = strings.ReplaceAll(v, "((", "( (")
	return strings.ReplaceAll(v, "))", ") )")
}
