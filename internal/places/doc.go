// Package places holds the help places of Guichet ("Trouver de l'aide près
// de chez moi"): the places where a person can be helped with digital tools
// and administrative procedures, described with the national data standard
// "lieux de médiation numérique" v1.0.2.
//
// It reads the files public producers really publish (the v1 CSV and JSON,
// the older JSON of the national map, the France Services list), keeps the
// places in the places table, exports them back as v1 CSV and JSON, and
// finds the nearest places to a town, a postcode or a position, with filters
// and the opening hours evaluated at a given instant.
//
// The reading is liberal when the meaning is clear ("01 23 45 67 89" becomes
// "+33123456789", "étapes numériques (la poste)" is the label of the
// standard, "51 100" is the postcode 51100) and strict where a mistake would
// mislead a person: required fields, postcode, coordinates. A value of an
// optional field that cannot be understood is dropped and reported as a
// warning; a row that breaks a strict rule is rejected and reported with its
// line (CSV) or index (JSON), its field and the reason, in plain French.
//
// A place is identified in Guichet by its Key (the row number of the places
// table, stable for the life of the database) and, as the standard wants, by
// its producer (Source) and the producer's identifier (ID), unique together.
// A help structure (an organisation) may claim a place; its staff then edit
// it, and later imports no longer overwrite it.
package places
