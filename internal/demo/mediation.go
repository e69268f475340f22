package demo

import (
	"context"
	"fmt"

	"guichet/internal/identity"
	"guichet/internal/mediation"
)

// MandateOrg is the help structure holding the demo mandates.
const MandateOrg = "france-services-villeurbanne"

// LoadMediation gives the demo France Services structure three mandates,
// through the service as a mediator would: Camille Martin's for a year
// (with one action recorded under it), one she gave and then revoked, and
// one for Awa Diallo, without an account, identified by her identity card,
// whom the structure domiciles and acts for (one action recorded). The
// service must make person records (mediation.Options.NewPerson).
// It does nothing when the structure already holds mandates.
func LoadMediation(ctx context.Context, med *mediation.Service, ids *identity.Service) error {
	org, err := ids.OrganisationBySlug(ctx, MandateOrg)
	if err != nil {
		return fmt.Errorf("demo mandates: %w", err)
	}
	if have, err := med.ListOfStructure(ctx, org.ID, 1); err != nil || len(have) > 0 {
		return err
	}
	citizen, err := ids.UserByEmail(ctx, "usager@demo.guichet.test")
	if err != nil {
		return fmt.Errorf("demo mandates: %w", err)
	}
	mediator, err := ids.UserByEmail(ctx, "mediateur@demo.guichet.test")
	if err != nil {
		return fmt.Errorf("demo mandates: %w", err)
	}
	drafts := []mediation.Draft{
		{IdentifyBy: mediation.ByAccount, PersonUserID: citizen.ID, PersonName: citizen.Name,
			Categories: []string{"papiers", "logement", "social"}, Days: 365},
		{IdentifyBy: mediation.ByAccount, PersonUserID: citizen.ID, PersonName: citizen.Name,
			Categories: []string{"famille"}, Days: 1},
		{IdentifyBy: mediation.ByDocument, PersonName: "Awa Diallo", DocumentType: "cni", DocumentLast4: "4X2B",
			Categories: []string{"argent", "travail"}, Days: 31},
	}
	var made []*mediation.Mandate
	for _, d := range drafts {
		d.OrgID, d.MediatorID, d.TextVersion, d.Consent = org.ID, mediator.ID, mediation.TextVersion, true
		m, err := med.Create(ctx, d)
		if err != nil {
			return fmt.Errorf("demo mandate: %w", err)
		}
		made = append(made, m)
	}
	if err := med.Record(ctx, nil, mediation.Action{MandateID: made[0].ID, ActorUserID: mediator.ID,
		Event: "dossier.started", Detail: "Demande d'aide au logement commencée avec la personne"}); err != nil {
		return fmt.Errorf("demo journal: %w", err)
	}
	if err := med.RevokeByPerson(ctx, citizen.ID, made[1].ID); err != nil {
		return fmt.Errorf("demo mandate: %w", err)
	}
	// Awa Diallo has no account nor e-mail: the structure domiciles her,
	// which gives her a person record tied to her mandate, and acts for
	// her under it.
	if err := med.Domicile(ctx, org.ID, mediator.ID, made[2].ID, MandateOrgAddress); err != nil {
		return fmt.Errorf("demo domiciliation: %w", err)
	}
	if err := med.Record(ctx, nil, mediation.Action{MandateID: made[2].ID, ActorUserID: mediator.ID, OrgID: org.ID,
		Category: mediation.Argent, Event: "dossier.started",
		Detail: "Déclaration de ressources commencée avec la personne, à l'accueil"}); err != nil {
		return fmt.Errorf("demo journal: %w", err)
	}
	return nil
}

// MandateOrgAddress is the postal address of the demo France Services, which
// the mail of the people it domiciles carries.
const MandateOrgAddress = "12 rue Jean Jaurès\n69100 Villeurbanne"
