package jobs

import (
	"math/rand/v2"
	"time"
)

// The bounds of DefaultBackoff: the first retry comes after 5 to 10 seconds,
// and no wait exceeds an hour, so ten attempts span about an hour and a half.
const (
	backoffBase = 10 * time.Second
	backoffMax  = time.Hour
)

// DefaultBackoff returns how long to wait after the given failed attempt
// (1 for the first): the delay doubles with each attempt, up to an hour, and
// a random half of it is taken off so that jobs failing together, say while a
// remote service is down, do not all come back at the same instant.
func DefaultBackoff(attempt int) time.Duration {
	d := backoffMax
	if attempt < 1 {
		attempt = 1
	}
	if attempt <= 20 {
		d = min(backoffBase<<(attempt-1), backoffMax)
	}
	half := d / 2
	return half + rand.N(half+1)
}
