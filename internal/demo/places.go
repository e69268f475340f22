package demo

import (
	"bytes"
	"context"
	"embed"
	"fmt"

	"guichet/internal/identity"
	"guichet/internal/places"
)

// placesFS holds the demo help places: extracts of real open data, described
// in places/README.md.
//
//go:embed places/*.csv places/*.json
var placesFS embed.FS

// placeFiles are the demo files and their formats, imported in this order.
var placeFiles = []struct {
	name   string
	format places.Format
}{
	{"places/france-services-2022-12-extrait.csv", places.FranceServicesCSV},
	{"places/conseillers-numeriques-lieux-2023-extrait.json", places.CartographieJSON},
}

// ClaimedPlaceSource and ClaimedPlaceID name the demo place that the help
// structure ClaimedPlaceOrg manages: the France Services site of
// Villeurbanne, as the France Services list identifies it.
const (
	ClaimedPlaceSource = places.SourceFranceServices
	ClaimedPlaceID     = "955"
	ClaimedPlaceOrg    = "france-services-villeurbanne"
)

// LoadPlaces imports the demo help places and lets the demo structure
// ClaimedPlaceOrg manage ClaimedPlaceID. Running it again rewrites the
// places it added and keeps the claimed one as its staff left it. It
// returns the reports of the imports, one per file; the demo organisations
// must exist (LoadAccounts).
func LoadPlaces(ctx context.Context, pl *places.Service, ids *identity.Service) ([]places.Report, error) {
	var reports []places.Report
	for _, f := range placeFiles {
		data, err := placesFS.ReadFile(f.name)
		if err != nil {
			return nil, err
		}
		rep, err := pl.Import(ctx, bytes.NewReader(data), f.format)
		if err != nil {
			return nil, fmt.Errorf("demo places %s: %w", f.name, err)
		}
		reports = append(reports, rep)
	}
	org, err := ids.OrganisationBySlug(ctx, ClaimedPlaceOrg)
	if err != nil {
		return nil, fmt.Errorf("demo places: %w", err)
	}
	p, err := pl.GetByID(ctx, ClaimedPlaceSource, ClaimedPlaceID)
	if err != nil {
		return nil, fmt.Errorf("demo places: claimed place: %w", err)
	}
	if err := pl.Claim(ctx, p.Key, org.ID); err != nil {
		return nil, fmt.Errorf("demo places: claim: %w", err)
	}
	return reports, nil
}
