package places

import (
	"strings"
	"time"

	"guichet/internal/openinghours"
)

// overseasZones maps the first three digits of an overseas postcode to the
// time zone of that territory. openinghours reads hours on the wall clock of
// Paris; the hours of a place in La Réunion are on the wall clock of La
// Réunion.
var overseasZones = map[string]string{
	"971": "America/Guadeloupe", "972": "America/Martinique", "973": "America/Cayenne",
	"974": "Indian/Reunion", "975": "America/Miquelon", "976": "Indian/Mayotte",
	"977": "America/St_Barthelemy", "978": "America/Marigot",
	"986": "Pacific/Wallis", "987": "Pacific/Tahiti", "988": "Pacific/Noumea",
}

// localInstant returns the instant whose Paris wall clock shows what the
// place's own wall clock shows at t, so that openinghours, which reads
// Paris time, evaluates overseas hours at the local time.
func localInstant(t time.Time, postcode string) time.Time {
	if len(postcode) < 3 {
		return t
	}
	name, ok := overseasZones[postcode[:3]]
	if !ok {
		return t
	}
	zone, err := time.LoadLocation(name)
	paris, err2 := time.LoadLocation("Europe/Paris")
	if err != nil || err2 != nil {
		return t
	}
	lt := t.In(zone)
	return time.Date(lt.Year(), lt.Month(), lt.Day(), lt.Hour(), lt.Minute(), lt.Second(), lt.Nanosecond(), paris)
}

// Schedule reads the place's opening hours; it returns an error when they
// are empty or cannot be read.
func (p *Place) Schedule() (*openinghours.Schedule, error) {
	return openinghours.Parse(p.Horaires)
}

// OpenAt tells whether the place is open at t, on the wall clock of its
// territory, and says so in a short French sentence ("Ouvert maintenant ·
// ferme à 18 h 30"). open is nil when the hours are missing, cannot be read,
// or do not tell (a rule "sur rendez-vous" without hours); status is "" when
// there are no readable hours.
func (p *Place) OpenAt(t time.Time) (open *bool, status string) {
	if strings.TrimSpace(p.Horaires) == "" {
		return nil, ""
	}
	s, err := p.Schedule()
	if err != nil {
		return nil, ""
	}
	return evaluate(s, localInstant(t, p.CodePostal))
}

func evaluate(s *openinghours.Schedule, t time.Time) (*bool, string) {
	status := s.Status(t)
	isOpen, ok := s.IsOpen(t)
	if !ok {
		return nil, status
	}
	return &isOpen, status
}

// hoursCache evaluates the hours of many places at one instant, reading
// each distinct hours text and loading each time zone once: a search may
// look at thousands of places that share a few texts.
type hoursCache struct {
	at        time.Time
	schedules map[string]*openinghours.Schedule // nil for a text that cannot be read
	instants  map[string]time.Time              // local instant per territory (first three postcode digits)
}

func newHoursCache(at time.Time) *hoursCache {
	return &hoursCache{at: at, schedules: map[string]*openinghours.Schedule{}, instants: map[string]time.Time{}}
}

// openNow tells whether hours say open for a place of postcode; false when
// they cannot tell.
func (c *hoursCache) openNow(hours, postcode string) bool {
	if hours == "" {
		return false
	}
	s, ok := c.schedules[hours]
	if !ok {
		s, _ = openinghours.Parse(hours)
		c.schedules[hours] = s
	}
	if s == nil {
		return false
	}
	territory := postcode[:min(3, len(postcode))]
	t, ok := c.instants[territory]
	if !ok {
		t = localInstant(c.at, postcode)
		c.instants[territory] = t
	}
	open, known := s.IsOpen(t)
	return known && open
}
