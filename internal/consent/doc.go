// Package consent owns the register of what a person allowed to be shared
// about them (Dites-le-nous une fois): who shares (a connector to an
// administration, such as the CAF), which data category, for which
// purpose, on which legal basis, granted when and revoked when. A person
// withdraws a consent from their account; from then on the connector is
// not called for that category and purpose (internal/prefill asks Allows
// before each call).
//
// Records are never deleted: a revoked consent stays with its dates, so
// that the person and an auditor can see what was allowed when.
package consent
