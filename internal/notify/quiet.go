package notify

import "time"

// No SMS between quietFrom and quietUntil, Europe/Paris time: a phone that
// buzzes at night about a dossier is a nuisance, never an emergency.
const (
	quietFrom  = 20
	quietUntil = 8
)

// morningAfter returns t when an SMS may go out at t, else the next 08:00 in
// Paris, when the queue sends what the night held back.
func (s *Service) morningAfter(t time.Time) time.Time {
	local := t.In(s.paris)
	h := local.Hour()
	if h >= quietUntil && h < quietFrom {
		return t
	}
	day := local
	if h >= quietFrom {
		day = local.AddDate(0, 0, 1)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), quietUntil, 0, 0, 0, s.paris).UTC()
}
