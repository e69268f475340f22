package app

import (
	"context"
	"testing"
	"time"
)

// TestServingAppProbesItself: a node that runs background work schedules
// the minute's probe at start and its queue runs it against the node's own
// address, so that disponibilité has its first probe within seconds.
func TestServingAppProbesItself(t *testing.T) {
	a := startApp(t, "--workers", "1")
	ctx := context.Background()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var n, ok int
		var detail string
		err := a.DB.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN ok THEN 1 ELSE 0 END), 0), COALESCE(MAX(detail), '') FROM observatory_probes`).Scan(&n, &ok, &detail)
		if err != nil {
			t.Fatal(err)
		}
		if n == 1 && ok == 1 {
			return
		}
		if n > 1 || time.Now().After(deadline) {
			t.Fatalf("%d probes, %d successful (%s); want one successful probe", n, ok, detail)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
