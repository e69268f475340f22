package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"regexp"
	"time"
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
	// Goal is the share of the ceiling's requests per second the target
	// must reach (0: none); P99Goal the latency its p99 must stay under.
	Goal    float64
	P99Goal time.Duration
}

// pageP99 is the p99 every measured page must stay under at 50 connections (issue 16).
const pageP99 = 20 * time.Millisecond

// targets lists what `make bench` loads, in order, with the goals of
// issue 16. Add a line to measure a new page (Optional while its route is
// being built); -target name=path adds one for a single run.
func targets() []target {
	return []target{
		{Name: "home", Path: "/", Goal: 0.4, P99Goal: pageP99},
		{Name: "procedure", Discover: firstResult("/demarches?q=carte%20vitale"), Goal: 0.4, P99Goal: pageP99},
		{Name: "catalogue search", Path: "/demarches?q=carte%20vitale", Goal: 0.4, P99Goal: pageP99},
		{Name: "api search", Path: "/api/v1/procedures?q=carte%20vitale", Goal: 0.5, P99Goal: pageP99},
		{Name: "places search", Path: "/lieux?q=Villeurbanne", Goal: 0.2, P99Goal: pageP99},
		{Name: "static css", Discover: stylesheetFromHome},
		{Name: "healthz", Path: "/healthz"},
	}
}

var stylesheetLink = regexp.MustCompile(`<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"`)

// stylesheetFromHome reads the home page and returns the address of its
// stylesheet, with the version that makes it cacheable (/static/guichet.css?v=…).
func stylesheetFromHome(ctx context.Context, c *http.Client, base string) (string, error) {
	body, err := readPage(ctx, c, base+"/")
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

var resultLink = regexp.MustCompile(`<h3><a href="(/demarches/[a-z0-9-]+)"`)

// firstResult returns a Discover that reads the results page at search
// and gives the address of its first procedure, so the procedure measured
// is one the demo really has.
func firstResult(search string) func(ctx context.Context, c *http.Client, base string) (string, error) {
	return func(ctx context.Context, c *http.Client, base string) (string, error) {
		body, err := readPage(ctx, c, base+search)
		if err != nil {
			return "", err
		}
		m := resultLink.FindSubmatch(body)
		if m == nil {
			return "", fmt.Errorf("no procedure among the results of %s", search)
		}
		return string(m[1]), nil
	}
}

// readPage returns the body of GET url, up to 1 MiB.
func readPage(ctx context.Context, c *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	return io.ReadAll(io.LimitReader(res.Body, 1<<20))
}
