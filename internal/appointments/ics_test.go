package appointments

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestICSFollowsRFC5545(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	b := &Booking{ID: 42, Sequence: 2, Status: Booked, Slot: Slot{Mode: OnSite, StartsAt: start, EndsAt: start.Add(30 * time.Minute)}}
	where := "France Services, 12 rue Jean-Jaurès; bâtiment B, 69100 Villeurbanne"
	link := "https://guichet.exemple.fr/rendez-vous/gerer/" + strings.Repeat("é", 40)
	out := string(ICS(b, "guichet.exemple.fr", "Rendez-vous : France Services", where, link,
		time.Date(2026, 3, 2, 9, 0, 10, 0, time.UTC)))
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatalf("lines must end with CRLF:\n%q", out)
	}
	for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line cut inside a character: %q", l)
		}
	}
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	for _, want := range []string{
		"UID:rendez-vous-42@guichet.exemple.fr\r\n",
		"DTSTAMP:20260302T090010Z\r\n",
		"DTSTART:20260310T080000Z\r\n",
		"DTEND:20260310T083000Z\r\n",
		"SEQUENCE:2\r\n",
		`LOCATION:France Services\, 12 rue Jean-Jaurès\; bâtiment B\, 69100 Villeurbanne` + "\r\n",
		"DESCRIPTION:Pour annuler ou déplacer ce rendez-vous : " + link + "\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("missing %q in\n%s", want, unfolded)
		}
	}
	if got := escapeText("a\\b\nc"); got != `a\\b\nc` {
		t.Errorf("escape = %q", got)
	}
}
