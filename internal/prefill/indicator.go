package prefill

import (
	"context"

	"guichet/internal/errs"
)

// Count is the "Dites-le-nous une fois" indicator of one procedure: how
// many questions its published form asks, and which of them a binding
// could have filled but none does.
type Count struct {
	Procedure string
	Asked     int
	Unbound   []string
}

// Indicator counts, for each procedure of slugs with an online form, the
// fields asked that a binding could have filled (Unbound), for the
// observatory. Procedures without an online form are left out.
func (s *Service) Indicator(ctx context.Context, slugs []string) ([]Count, error) {
	var out []Count
	for _, slug := range slugs {
		f, err := s.opts.Forms.Published(ctx, slug)
		if errs.Is(err, errs.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		c := Count{Procedure: slug, Unbound: Unbound(f)}
		for _, pg := range f.Pages {
			for _, fd := range pg.Fields {
				if fd.Type.Answered() {
					c.Asked++
				}
			}
		}
		out = append(out, c)
	}
	return out, nil
}
