// Package prefill fills the fields of a new dossier that are bound to what
// is already known about the person (Dites-le-nous une fois): an item of
// their profile (forms.Field.Prefill "profil:adresse") or a data category
// an administration holds, asked through a connector ("caf:quotient-familial").
//
// A connector is called only while the person's consent for it, that
// category and the purpose "pré-remplir vos démarches en ligne" is in
// force (internal/consent); each call that returns data is written to the
// person's access log (internal/accesslog). When the consent is missing or
// the connector fails, the field stays empty for the person to type, and
// the page says why.
//
// The values go into the dossier as answers; the person sees them marked
// « déjà connu, vérifiez » and may correct them. Correcting an answer
// changes the dossier only, never the profile nor the administration's
// data. Marks (which field was filled, from which source, or why not) are
// kept per dossier, with the filled value sealed so that the page can tell
// a corrected answer.
//
// Unbound counts, per form, the fields asked that a binding could have
// filled: the observatory's "Dites-le-nous une fois" indicator.
package prefill
