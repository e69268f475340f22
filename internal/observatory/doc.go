// Package observatory holds the Observatoire: the national indicators of
// every procedure (satisfaction, clarté, aide joignable, aide efficace,
// autonomie, recours au numérique, accessibilité, authentification…) per
// edition, a calendar quarter named "2026-T4", with the thresholds and
// colours of DESIGN.md §3.7. Guichet computes what its own data allows
// (the feedback of internal/listening, the processing figures of
// internal/backoffice, the channels of the catalogue) and stores what the
// procedure's owner declares (the RGAA compliance rate with its audit
// date, the volume through other channels). Every value says how it was
// obtained and how many answers it rests on.
//
// The indicators are read from a table, never computed per page view:
// Refresh rewrites the current edition's rows (internal/app runs it every
// minute) and, once a quarter has ended, computes it one last time and
// freezes it.
package observatory
