package places

import (
	"context"
	"strings"
	"unicode/utf8"
)

// ListByID returns the places published under the producer's identifier id,
// whatever their producer, by source. The standard makes an id unique only
// with its source, so the JSON API, which names places by id, uses it to
// find a place and to tell when several producers share the id.
func (s *Service) ListByID(ctx context.Context, id string) ([]Place, error) {
	if !storable(id) {
		return nil, nil
	}
	return listWhere(ctx, s.db, `ext_id = $1 ORDER BY source, id`, id)
}

// StandardValues returns the text of each field of p in the order of
// Fields(), as the standard writes them in a CSV file: multiple values
// joined by "|", coordinates in decimal degrees, "" when not given.
func StandardValues(p *Place) []string { return fieldValues(p) }

// storable tells whether s can be compared in a text column: PostgreSQL
// refuses NUL bytes and invalid UTF-8, and no stored id holds them.
func storable(s string) bool {
	return utf8.ValidString(s) && !strings.Contains(s, "\x00")
}
