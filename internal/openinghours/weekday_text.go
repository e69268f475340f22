package openinghours

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// DayTextError reports a day of free-text hours that FromWeekdayText cannot
// read. Day is 0 for Monday … 6 for Sunday.
type DayTextError struct {
	Day    int
	Text   string
	Reason string
}

// Error names the day in French, quotes the text and says what is wrong.
func (e *DayTextError) Error() string {
	return fmt.Sprintf("horaires du %s illisibles (« %s ») : %s", frenchWeekdays[e.Day], e.Text, e.Reason)
}

// FromWeekdayText turns the France Services free-text hours (index 0 =
// Monday … 6 = Sunday, each like "09:00 - 12:00 / 13:30 - 17:00", "" or
// "Fermé" for closed) into an OSM opening_hours value such as
// "Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00". Days with identical hours
// are grouped into ranges. It returns a *DayTextError naming the day in
// French when a text cannot be read, and "" when no day has hours.
func FromWeekdayText(days [7]string) (string, error) {
	var hours [7]string
	for i, text := range days {
		h, err := readDayText(text)
		if err != nil {
			return "", &DayTextError{Day: i, Text: text, Reason: err.Error()}
		}
		hours[i] = h
	}
	return groupDays(hours), nil
}

// maxRangesPerDay bounds the ranges of one day, far above real data (three at
// most), so that the value written always stays short enough for Parse.
const maxRangesPerDay = 12

// closedWords are the texts that mean a closed day.
var closedWords = []string{"", "-", "fermé", "fermée", "ferme", "closed", "off"}

// readDayText reads one day of free text into "09:00-12:00,13:30-17:00", or
// "" for a closed day.
func readDayText(text string) (string, error) {
	t := strings.ToLower(strings.TrimSpace(text))
	if slices.Contains(closedWords, t) {
		return "", nil
	}
	times, err := scanDayText(t)
	if err != nil {
		return "", err
	}
	var spans []timeSpan
	for _, chain := range times {
		if len(chain)%2 != 0 {
			return "", errors.New("une heure n'a pas de fin")
		}
		for i := 0; i < len(chain); i += 2 {
			if chain[i+1] == chain[i] {
				// "00:00 - 00:00" is how some data says "no hours here".
				continue
			}
			if chain[i+1] < chain[i] {
				return "", fmt.Errorf("%s arrive avant %s", clock(chain[i+1]), clock(chain[i]))
			}
			spans = append(spans, timeSpan{start: chain[i], end: chain[i+1]})
		}
	}
	if len(times) == 0 {
		return "", errors.New("aucune heure trouvée")
	}
	if len(spans) > maxRangesPerDay {
		return "", fmt.Errorf("plus de %d plages horaires dans la journée", maxRangesPerDay)
	}
	slices.SortFunc(spans, func(a, b timeSpan) int { return a.start - b.start })
	parts := make([]string, len(spans))
	for i, s := range spans {
		parts[i] = clock(s.start) + "-" + clock(s.end)
	}
	return strings.Join(parts, ","), nil
}

// scanDayText cuts a day's text into chains of times joined by dashes:
// "09:00 - 12:00 / 13:30 - 17:00" gives [[540 720] [810 1020]]. A chain of
// four times ("09:00-12:30-13:30-17:00") is two ranges written carelessly.
func scanDayText(t string) ([][]int, error) {
	var chains [][]int
	var chain []int
	dash := false // a dash waits for the time that ends its range
	for i := 0; i < len(t); {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			m, next, err := scanClock(t, i)
			if err != nil {
				return nil, err
			}
			if len(chain) > 0 && !dash {
				chains = append(chains, chain)
				chain = nil
			}
			chain, dash, i = append(chain, m), false, next
		case c == '-' || strings.HasPrefix(t[i:], "–") || strings.HasPrefix(t[i:], "à"):
			if len(chain) == 0 || dash {
				return nil, errors.New("un tiret est mal placé")
			}
			dash = true
			i += len(string([]rune(t[i:])[0]))
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
			i++
		case c == '/' || c == ',' || c == ';' || c == '&' || strings.HasPrefix(t[i:], "et "):
			if dash {
				return nil, errors.New("une heure de fin manque")
			}
			if len(chain) > 0 {
				chains = append(chains, chain)
				chain = nil
			}
			i++
			if c == 'e' {
				i++
			}
		default:
			return nil, fmt.Errorf("le caractère « %c » est inattendu", []rune(t[i:])[0])
		}
	}
	if dash {
		return nil, errors.New("une heure de fin manque")
	}
	if len(chain) > 0 {
		chains = append(chains, chain)
	}
	return chains, nil
}

// scanClock reads "9", "09:00", "9h", "9h30", "12h00" or "13 :30" at t[i:],
// returning minutes and the offset after the time.
func scanClock(t string, i int) (int, int, error) {
	j := i
	for j < len(t) && j-i < 3 && t[j] >= '0' && t[j] <= '9' {
		j++
	}
	if j-i > 2 {
		return 0, 0, fmt.Errorf("« %s » n'est pas une heure", t[i:j])
	}
	hour := atoi(t[i:j])
	k := j
	for k < len(t) && t[k] == ' ' {
		k++
	}
	minute := 0
	switch {
	case k < len(t) && (t[k] == ':' || t[k] == 'h'):
		sep := t[k]
		k++
		if k+2 <= len(t) && isDigits(t[k:k+2]) && (k+2 == len(t) || !isDigit(t[k+2])) {
			minute = atoi(t[k : k+2])
			k += 2
		} else if sep == ':' {
			return 0, 0, fmt.Errorf("les minutes manquent après « %s »", t[i:k])
		}
		j = k
		if j < len(t) && (t[j] == ':' || t[j] == 'h') {
			return 0, 0, fmt.Errorf("« %s » n'est pas une heure", t[i:min(j+3, len(t))])
		}
	}
	if hour > 24 || minute > 59 || hour*60+minute > minutesPerDay {
		return 0, 0, fmt.Errorf("« %s » n'est pas une heure", t[i:j])
	}
	return hour*60 + minute, j, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigits(s string) bool {
	for i := range len(s) {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// atoi reads at most a few digits, already checked.
func atoi(s string) int {
	n := 0
	for i := range len(s) {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// groupDays writes the rules for the week, one per set of days sharing the
// same hours, in the order of their first day.
func groupDays(hours [7]string) string {
	var rules []string
	done := [7]bool{}
	for i, h := range hours {
		if h == "" || done[i] {
			continue
		}
		var mask uint8
		for j := i; j < 7; j++ {
			if hours[j] == h {
				mask |= 1 << j
				done[j] = true
			}
		}
		rules = append(rules, weekdayList(mask)+" "+h)
	}
	return strings.Join(rules, "; ")
}

// weekdayList writes a set of days the OSM way: "Mo-Fr", "Mo,We", "Mo-We,Sa".
// Three days or more in a row make a range.
func weekdayList(mask uint8) string {
	var parts []string
	for d := 0; d < 7; {
		if mask&(1<<d) == 0 {
			d++
			continue
		}
		end := d
		for end+1 < 7 && mask&(1<<(end+1)) != 0 {
			end++
		}
		switch {
		case end-d >= 2:
			parts = append(parts, osmWeekdays[d]+"-"+osmWeekdays[end])
		case end == d+1:
			parts = append(parts, osmWeekdays[d], osmWeekdays[end])
		default:
			parts = append(parts, osmWeekdays[d])
		}
		d = end + 1
	}
	return strings.Join(parts, ",")
}
