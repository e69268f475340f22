package observatory

import (
	"context"
	"time"

	"guichet/internal/listening"
)

// feedback is what the answers say, procedure by procedure, over each
// window that an edition's values and the alerts read. All its windows are
// read in one pass over the answers (listening.Service.SummariesByWindows):
// a refresh read them in six.
type feedback struct {
	// quarter is the edition's quarter, up to its end or now; year the
	// twelve months before that.
	quarter, year map[string]listening.Summary
	// The alerts' windows, read for the current edition only: the week
	// before last and last week (Monday to Monday, in UTC), then the year
	// before the last SilentDays days and those days.
	weekBefore, lastWeek, had, recent map[string]listening.Summary
}

// readFeedback reads the windows of edition ed's values at now, and those
// of the alerts too when alerts is set.
func (s *Service) readFeedback(ctx context.Context, ed Edition, now time.Time, alerts bool) (feedback, error) {
	end := ed.endAt(now)
	windows := []listening.Window{{From: ed.Start(), To: end}, {From: end.AddDate(-1, 0, 0), To: end}}
	if alerts {
		day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		monday := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
		cut := now.AddDate(0, 0, -SilentDays)
		windows = append(windows,
			listening.Window{From: monday.AddDate(0, 0, -14), To: monday.AddDate(0, 0, -7)},
			listening.Window{From: monday.AddDate(0, 0, -7), To: monday},
			listening.Window{From: now.AddDate(-1, 0, 0), To: cut},
			listening.Window{From: cut, To: now.Add(time.Minute)})
	}
	sums, err := s.opts.Listening.SummariesByWindows(ctx, windows)
	if err != nil {
		return feedback{}, err
	}
	fb := feedback{quarter: sums[0], year: sums[1]}
	if alerts {
		fb.weekBefore, fb.lastWeek, fb.had, fb.recent = sums[2], sums[3], sums[4], sums[5]
	}
	return fb, nil
}
