package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"regexp"
)

// target is one address to load. Path is relative to the server; when
// Discover is set it finds the path at run time instead. An optional target
// that does not answer 200 is reported as skipped rather than failing the
// run, so routes still being built can be listed ahead of time.
type target struct {
	Name     string
	Path     string
	Discover func(ctx context.Context, c *http.Client, base string) (string, error)
	Optional bool
}

// targets lists what `make bench` loads, in order. Add a line to measure a
// new page (Optional while its route is being built); -target name=path
// adds one for a single run.
func targets() []target {
	return []target{
		{Name: "home", Path: "/"},
		{Name: "static css", Discover: stylesheetFromHome},
		{Name: "healthz", Path: "/healthz"},
		{Name: "catalogue search", Path: "/demarches?q=carte%20vitale"},
		{Name: "api search", Path: "/api/v1/procedures?q=carte%20vitale"},
		{Name: "places search", Path: "/lieux?q=Villeurbanne"},
	}
}

var stylesheetLink = regexp.MustCompile(`<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"`)

// stylesheetFromHome reads the home page and returns the address of its
// stylesheet, with the version that makes it cacheable (/static/guichet.css?v=…).
func stylesheetFromHome(ctx context.Context, c *http.Client, base string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/", nil)
	if err != nil {
		return "", err
	}
	res, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return "", err
	}
	return findStylesheet(body)
}

// findStylesheet returns the href of the first stylesheet link of a page.
func findStylesheet(page []byte) (string, error) {
	m := stylesheetLink.FindSubmatch(page)
	if m == nil {
		return "", fmt.Errorf("no stylesheet link on the home page")
	}
	href := string(m[1]) + string(m[2])
	return html.UnescapeString(href), nil
}
