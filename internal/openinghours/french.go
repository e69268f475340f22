package openinghours

import "fmt"

// clock writes minutes as "09:30", the way opening_hours does; 24:00 and
// later stay as they are ("26:00").
func clock(m int) string {
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// frenchClock writes minutes of a day as French people say them: "9 h",
// "18 h 30", "8 h 05". Times past midnight wrap ("26:00" is "2 h").
func frenchClock(m int) string {
	if m > minutesPerDay {
		m -= minutesPerDay
	}
	if m%60 == 0 {
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%d h %02d", m/60, m%60)
}

// frenchRange writes a span as "9 h – 12 h".
func frenchRange(start, end int) string {
	return frenchClock(start) + " – " + frenchClock(end)
}
