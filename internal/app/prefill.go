package app

import (
	"context"

	"guichet/internal/connectors"
	"guichet/internal/demo"
)

// connectors are the administrations pre-filling may ask: the demo's CAF
// and DGFiP, answering from demo data, when the demo is on; none
// otherwise, until an instance configures its own.
func (a *App) connectors() []connectors.Connector {
	if a.Config.Demo {
		return demo.Connectors()
	}
	return nil
}

// orgID finds an organisation by slug, for the access log.
func (a *App) orgID(ctx context.Context, slug string) (int64, error) {
	o, err := a.Identity.OrganisationBySlug(ctx, slug)
	if err != nil {
		return 0, err
	}
	return o.ID, nil
}
