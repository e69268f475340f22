package dossiers

import (
	"fmt"
	"time"
)

var paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// frenchDate writes a date as e-mails say it: "1er mars 2026".
func frenchDate(t time.Time) string {
	t = t.In(paris)
	day := fmt.Sprint(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, frenchMonths[t.Month()-1], t.Year())
}

func frenchDateTime(t time.Time) string {
	t = t.In(paris)
	return fmt.Sprintf("%s à %d h %02d", frenchDate(t), t.Hour(), t.Minute())
}
