package main

import (
	"context"
	"fmt"
	"io"

	"guichet/internal/places"
)

// placesCmd runs `guichet places import|export` on the configured database.
func placesCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	common, mine := splitFlags(args, "format", "output")
	a, err := openApp(ctx, "places", common, stderr, getenv)
	if err != nil {
		fmt.Fprintln(stderr, "guichet:", err)
		return 1
	}
	defer a.Close()
	return places.RunImportCommand(ctx, a.DB, mine, stdout, stderr)
}
