package appointments

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ICS returns the calendar file (RFC 5545) of a booking: one event, its
// times in UTC, its UID stable across moves (SEQUENCE counts them), its
// lines escaped and folded at 75 octets, CRLF line ends. host names
// Guichet in the UID; summary and where are the event's words.
func ICS(b *Booking, host, summary, where, link string, now time.Time) []byte {
	const stamp = "20060102T150405Z"
	status := "CONFIRMED"
	if b.Status == Cancelled {
		status = "CANCELLED"
	}
	lines := []string{
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//Guichet//Rendez-vous//FR",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		"BEGIN:VEVENT",
		"UID:rendez-vous-" + strconv.FormatInt(b.ID, 10) + "@" + escapeText(host),
		"DTSTAMP:" + now.UTC().Format(stamp),
		"DTSTART:" + b.Slot.StartsAt.UTC().Format(stamp),
		"DTEND:" + b.Slot.EndsAt.UTC().Format(stamp),
		"SEQUENCE:" + strconv.Itoa(b.Sequence),
		"STATUS:" + status,
		"SUMMARY:" + escapeText(summary),
		"LOCATION:" + escapeText(where),
		"DESCRIPTION:" + escapeText("Pour annuler ou déplacer ce rendez-vous : "+link),
	}
	if b.Slot.Mode == Video && b.Slot.VideoURL != "" {
		lines = append(lines, "URL:"+b.Slot.VideoURL)
	}
	lines = append(lines, "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:"+escapeText(summary), "TRIGGER:-PT1H",
		"END:VALARM", "END:VEVENT", "END:VCALENDAR")
	var out strings.Builder
	for _, l := range lines {
		out.WriteString(fold(l))
	}
	return []byte(out.String())
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11): backslash,
// semicolon, comma and line breaks.
func escapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// fold cuts a content line into lines of at most 75 octets, each
// continuation starting with a space (RFC 5545 §3.1), never inside a UTF-8
// character, and ends each with CRLF.
func fold(line string) string {
	var out strings.Builder
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		out.WriteString(line[:cut])
		out.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	out.WriteString(line)
	out.WriteString("\r\n")
	return out.String()
}
