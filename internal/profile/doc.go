// Package profile owns a person's profile (Dites-le-nous une fois): the
// items administrations keep asking for (identity, postal address, phone,
// e-mail, bank details, family situation), each with where it came from
// and when ("déclaré par vous le…", "transmis par la CAF le…").
//
// Every value is sealed with the instance key before it is stored, bank
// details and identifiers included, so that a copy of the database alone
// reveals none of them. The identity an identity provider vouches for is
// not stored here: it stays read-only with the identity module, and the
// pages show it in its place.
//
// Pre-filling a form from the profile never writes back to it: a person
// who corrects a pre-filled answer changes their dossier, not the source.
// Only the person (Declare) or a change they declared once (see the
// changes in this package's sister modules) updates an item.
package profile
