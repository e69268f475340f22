package demo

import (
	"context"
	"fmt"

	"guichet/internal/connectors"
	"guichet/internal/consent"
	"guichet/internal/identity"
)

// demoPerson is how the demo administrations know the demo citizen:
// family name and birth date, as on their profile.
const demoPerson = "MARTIN|1990-04-12"

// Connectors are the demo administrations that answer from demo data: the
// CAF (quotient familial) and the DGFiP (revenu fiscal de référence), for
// the demo citizen only. A real instance configures its own.
func Connectors() []connectors.Connector {
	return []connectors.Connector{
		&connectors.Static{Key: "caf", Sentence: "la CAF", OrgSlug: "caf",
			Cats: []connectors.Category{{Key: "quotient-familial", Name: "quotient familial"}},
			Data: map[string]map[string]map[string]string{demoPerson: {"quotient-familial": {"value": "742"}}}},
		&connectors.Static{Key: "dgfip", Sentence: "la DGFiP", OrgSlug: "dgfip",
			Cats: []connectors.Category{{Key: "revenu-fiscal-reference", Name: "revenu fiscal de référence"}},
			Data: map[string]map[string]map[string]string{demoPerson: {"revenu-fiscal-reference": {"value": "28450", "annee": "2024"}}}},
	}
}

// LoadConsents gives the demo citizen's consent to both demo connectors,
// for pre-filling, once: a consent they withdrew stays withdrawn.
func LoadConsents(ctx context.Context, cons *consent.Service, ids *identity.Service) error {
	u, err := ids.UserByEmail(ctx, Accounts[0].Email)
	if err != nil {
		return fmt.Errorf("demo consents: %w", err)
	}
	had, err := cons.OfPerson(ctx, u.ID)
	if err != nil || len(had) > 0 {
		return err
	}
	for _, c := range Connectors() {
		for _, cat := range c.Categories() {
			if err := cons.Give(ctx, u.ID, consent.Grant{Party: c.Name(), PartyName: c.Label(), Category: cat.Key,
				CategoryName: cat.Name, Purpose: consent.PurposePrefill, LegalBasis: consent.BasisConsent}); err != nil {
				return fmt.Errorf("demo consents: %w", err)
			}
		}
	}
	return nil
}
