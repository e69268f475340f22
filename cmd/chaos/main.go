// Command chaos is `make chaos`: a load of realistic journeys through the
// cluster's HAProxy while one node, then the worker, is killed with
// SIGKILL and restarted, followed by the checks that nothing acknowledged
// was lost or done twice (issue 16). `chaos sim` is the SMS provider
// simulator the cluster's nodes send to (scripts/cluster.sh starts it).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: chaos sim|run [options]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "sim":
		err = sim(ctx, os.Args[2:])
	case "run":
		err = run(ctx, os.Args[2:])
	default:
		err = fmt.Errorf("unknown sub-command %q: sim or run", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "chaos:", err)
		os.Exit(1)
	}
}
