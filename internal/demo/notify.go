package demo

import (
	"context"
	"fmt"
	"strings"

	"guichet/internal/identity"
	"guichet/internal/notify"
)

// notifyOrg is the organisation whose notifications the demo shows.
const notifyOrg = "caf"

// LoadNotifications gives the demo something to show on the notification
// pages, through the service as its users would: the CAF's own wording of
// the "state changed" SMS and of the receipt e-mail, three messages sent to
// Camille Martin about a "prime de naissance" (received, in processing,
// accepted), which the queue then delivers to the outboxes with their
// statuses, and a collective SMS of the CAF agent to a list with two bad
// lines, sent at a pace of 1,200 a minute. It does nothing when the CAF
// already has its own "state changed" SMS.
func LoadNotifications(ctx context.Context, ns *notify.Service, ids *identity.Service) error {
	org, err := ids.OrganisationBySlug(ctx, notifyOrg)
	if err != nil {
		return fmt.Errorf("demo notifications: %w", err)
	}
	if t, err := ns.Template(ctx, org.ID, notify.StateChanged, notify.SMS); err != nil || t.Version > 0 {
		return err
	}
	owner, err := ids.UserByEmail(ctx, "responsable@demo.guichet.test")
	if err != nil {
		return fmt.Errorf("demo notifications: %w", err)
	}
	if err := demoTemplates(ctx, ns, org.ID, owner.ID); err != nil {
		return err
	}
	citizen, err := ids.UserByEmail(ctx, "usager@demo.guichet.test")
	if err != nil {
		return fmt.Errorf("demo notifications: %w", err)
	}
	if err := demoEvents(ctx, ns, org.ID, citizen.ID); err != nil {
		return err
	}
	agent, err := ids.UserByEmail(ctx, "agent@demo.guichet.test")
	if err != nil {
		return fmt.Errorf("demo notifications: %w", err)
	}
	return demoCollective(ctx, ns, org.ID, agent.ID)
}

func demoTemplates(ctx context.Context, ns *notify.Service, orgID, ownerID int64) error {
	for _, t := range []notify.Template{
		{OrgID: orgID, Kind: notify.StateChanged, Channel: notify.SMS, CreatedBy: ownerID, Transliterate: true,
			Body: "CAF : votre demande ((reference)) est maintenant ((state)). Détails : ((link))"},
		{OrgID: orgID, Kind: notify.DossierReceived, Channel: notify.Email, CreatedBy: ownerID,
			Subject: "La CAF a bien reçu votre demande ((reference))",
			Body: "Bonjour,\n\nLa CAF a bien reçu votre demande « ((procedure)) », référence ((reference)).\n\n" +
				"Suivez-la ici : ((link))\n\nDites-nous ce que vous avez pensé de la démarche : ((feedback_link))\n\nLa CAF"},
	} {
		if _, err := ns.SaveTemplate(ctx, t); err != nil {
			return fmt.Errorf("demo template %s/%s: %w", t.Kind, t.Channel, err)
		}
	}
	return nil
}

// demoReference is the reference of the demo messages' dossier.
const demoReference = "K7MP-2QRT"

func demoEvents(ctx context.Context, ns *notify.Service, orgID, citizenID int64) error {
	data := func(extra ...string) map[string]string {
		d := map[string]string{"reference": demoReference, "procedure": "Prime de naissance",
			"link": "http://127.0.0.1:8080/mes-demarches"}
		for i := 0; i+1 < len(extra); i += 2 {
			d[extra[i]] = extra[i+1]
		}
		return d
	}
	for _, ev := range []notify.Event{
		{Kind: notify.DossierReceived, Data: data("feedback_link", "http://127.0.0.1:8080/demarches/prime-naissance/avis"),
			IdempotencyKey: "demo-" + demoReference + "-received"},
		{Kind: notify.StateChanged, Data: data("state", "en cours de traitement"), IdempotencyKey: "demo-" + demoReference + "-instruction"},
		{Kind: notify.StateChanged, Data: data("state", "accepté"), IdempotencyKey: "demo-" + demoReference + "-accepted"},
	} {
		ev.OrgID, ev.Recipient = orgID, notify.Recipient{UserID: citizenID}
		if err := ns.Notify(ctx, ev); err != nil {
			return fmt.Errorf("demo message %s: %w", ev.IdempotencyKey, err)
		}
	}
	return nil
}

// demoRecipients is the agent's list: eight good lines, a number too short
// and a line without the first name the text uses.
const demoRecipients = `telephone;prenom
06 12 34 56 01;Camille
06 12 34 56 02;Inès
06 12 34 56 03;Théo
06 12 34 56 04;Jade
07 12 34 56 05;Nathan
07 12 34 56 06;Léna
07 12 34 56 07;Hugo
07 12 34 56 08;Manon
06 12 34;Louis
06 12 34 56 10;
`

func demoCollective(ctx context.Context, ns *notify.Service, orgID, agentID int64) error {
	if err := ns.SetRateLimit(ctx, orgID, 1200); err != nil {
		return fmt.Errorf("demo rate limit: %w", err)
	}
	c, err := ns.PrepareCollective(ctx, notify.CollectiveText{OrgID: orgID, CreatedBy: agentID, Channel: notify.SMS,
		Transliterate: true,
		Body:          "Bonjour ((prenom)), la CAF vous rappelle de déclarer vos ressources du trimestre avant le 15. Merci !"},
		strings.NewReader(demoRecipients))
	if err != nil {
		return fmt.Errorf("demo collective send: %w", err)
	}
	if err := ns.SendCollective(ctx, orgID, c.ID); err != nil {
		return fmt.Errorf("demo collective send: %w", err)
	}
	return nil
}
