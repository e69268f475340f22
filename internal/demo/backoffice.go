package demo

import (
	"context"
	"fmt"

	"guichet/internal/backoffice"
	"guichet/internal/identity"
)

// Team is a demo agent on the team of a procedure of their organisation.
type Team struct {
	Org, Procedure, AgentEmail string
}

// Teams put the demo CAF agent on the online procedure of the CAF, so that
// the dossiers the demo citizen sends reach their queue.
var Teams = []Team{{"caf", "prime-naissance", "agent@demo.guichet.test"}}

// LoadTeams puts the demo agents on their teams; adding an agent already
// on a team changes nothing, so it is idempotent. The catalogue must be
// loaded first: a team belongs to a procedure.
func LoadTeams(ctx context.Context, bo *backoffice.Service, ids *identity.Service) error {
	for _, t := range Teams {
		org, err := ids.OrganisationBySlug(ctx, t.Org)
		if err != nil {
			return fmt.Errorf("demo team %s: %w", t.Procedure, err)
		}
		u, err := ids.UserByEmail(ctx, t.AgentEmail)
		if err != nil {
			return fmt.Errorf("demo team %s: %w", t.Procedure, err)
		}
		if err := bo.AddAgent(ctx, org.ID, t.Procedure, u.ID, 0); err != nil {
			return fmt.Errorf("demo team %s: %w", t.Procedure, err)
		}
	}
	return nil
}
