package identity

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"guichet/internal/database"
	"guichet/internal/errs"
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

const insertOrganisation = `INSERT INTO organisations (slug, name, kind, created_at)
VALUES ($1, $2, $3, $4) RETURNING id`

// CreateOrganisation adds an organisation. The slug is its short name in
// addresses: lower-case letters, digits and hyphens. It returns errs.Invalid
// for a bad slug, name or kind, and errs.Conflict when the slug is taken.
func (s *Service) CreateOrganisation(ctx context.Context, slug, name string, kind OrgKind) (*Organisation, error) {
	slug, name = strings.TrimSpace(slug), strings.TrimSpace(name)
	switch {
	case len(slug) < 2 || len(slug) > 64 || !slugPattern.MatchString(slug):
		return nil, errs.InvalidField("slug", "Choisissez un identifiant de 2 à 64 caractères : lettres minuscules sans accent, chiffres et tirets, par exemple caf-rhone.")
	case name == "":
		return nil, errs.InvalidField("name", "Indiquez le nom de l'organisation.")
	case utf8.RuneCountInString(name) > 200:
		return nil, errs.InvalidField("name", "Indiquez un nom de 200 caractères au plus.")
	case !kind.Valid():
		return nil, errs.InvalidField("kind", "Choisissez le type d'organisation : administration ou structure d'aide.")
	}
	o := &Organisation{Slug: slug, Name: name, Kind: kind}
	err := s.db.QueryRowContext(ctx, insertOrganisation, slug, name, string(kind), s.now()).Scan(&o.ID)
	if database.IsUniqueViolation(err) {
		return nil, errs.E(errs.Conflict, "Une organisation utilise déjà cet identifiant. Choisissez-en un autre.")
	}
	if err != nil {
		return nil, fmt.Errorf("create organisation %q: %w", slug, err)
	}
	return o, nil
}

// setPlatformOrganisationSQL marks the organisation whose staff runs the platform.
const setPlatformOrganisationSQL = `UPDATE organisations SET platform = TRUE WHERE slug = $1`

// SetPlatformOrganisation makes the organisation slug the platform's own:
// its administrators run the whole platform. It is for the operator (the
// command line, the demo), never for a page. It returns errs.NotFound when
// the organisation does not exist.
func (s *Service) SetPlatformOrganisation(ctx context.Context, slug string) error {
	res, err := s.db.ExecContext(ctx, setPlatformOrganisationSQL, strings.TrimSpace(slug))
	if err != nil {
		return fmt.Errorf("make %q the platform organisation: %w", slug, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "Cette organisation n'existe pas.")
	}
	return nil
}

const selectOrganisation = `SELECT id, slug, name, kind FROM organisations`

// OrganisationBySlug returns the organisation with that slug, or
// errs.NotFound.
func (s *Service) OrganisationBySlug(ctx context.Context, slug string) (*Organisation, error) {
	return s.organisation(ctx, s.db, selectOrganisation+` WHERE slug = $1`, strings.TrimSpace(slug))
}

// OrganisationByID returns the organisation with that id, or errs.NotFound.
func (s *Service) OrganisationByID(ctx context.Context, id int64) (*Organisation, error) {
	return s.organisation(ctx, s.db, selectOrganisation+` WHERE id = $1`, id)
}

func (s *Service) organisation(ctx context.Context, q database.Querier, query string, arg any) (*Organisation, error) {
	var o Organisation
	err := q.QueryRowContext(ctx, query, arg).Scan(&o.ID, &o.Slug, &o.Name, &o.Kind)
	if database.IsNoRows(err) {
		return nil, errs.Wrap(errs.NotFound, "Cette organisation n'existe pas.", err)
	}
	if err != nil {
		return nil, fmt.Errorf("read organisation %v: %w", arg, err)
	}
	return &o, nil
}

// Organisations returns every organisation sorted by name.
func (s *Service) Organisations(ctx context.Context) ([]Organisation, error) {
	rows, err := s.db.QueryContext(ctx, selectOrganisation+` ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list organisations: %w", err)
	}
	defer rows.Close()
	var out []Organisation
	for rows.Next() {
		var o Organisation
		if err := rows.Scan(&o.ID, &o.Slug, &o.Name, &o.Kind); err != nil {
			return nil, fmt.Errorf("list organisations: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list organisations: %w", err)
	}
	return out, nil
}
