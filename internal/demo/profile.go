package demo

import (
	"context"
	"fmt"

	"guichet/internal/forms"
	"guichet/internal/identity"
	"guichet/internal/profile"
)

// LoadProfile gives the demo citizen a profile: an address and a phone
// they declared, a family situation the CAF sent. Items already there are
// kept, so that what a demo visitor changed stays.
func LoadProfile(ctx context.Context, prof *profile.Service, ids *identity.Service) error {
	u, err := ids.UserByEmail(ctx, Accounts[0].Email)
	if err != nil {
		return fmt.Errorf("demo profile: %w", err)
	}
	p, err := prof.Get(ctx, u.ID)
	if err != nil {
		return err
	}
	declared := map[profile.Item]profile.Value{
		profile.Identity: {GivenName: "Camille", FamilyName: "Martin", Birthdate: "1990-04-12"},
		profile.Address:  {Address: &forms.PostalAddress{Street: "8 rue Francis de Pressensé", Postcode: "69100", Town: "Villeurbanne"}},
		profile.Phone:    {Text: "06 12 34 56 78"},
		profile.Email:    {Text: Accounts[0].Email},
	}
	for _, item := range []profile.Item{profile.Identity, profile.Address, profile.Phone, profile.Email} {
		if p.Has(item) {
			continue
		}
		if err := prof.Declare(ctx, u.ID, item, declared[item]); err != nil {
			return fmt.Errorf("demo profile %s: %w", item, err)
		}
	}
	if !p.Has(profile.Family) {
		if err := prof.Receive(ctx, u.ID, profile.Family, profile.Value{Situation: "couple", Children: 1}, "la CAF"); err != nil {
			return fmt.Errorf("demo profile: %w", err)
		}
	}
	return nil
}
