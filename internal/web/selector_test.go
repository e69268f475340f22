package web

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The tests check pages with a few CSS selectors, enough for landmarks,
// headings and labels: a selector is one or more compound parts separated by
// spaces (descendant), each a tag name or "*" followed by any number of
// [attr] or [attr=value] conditions, for example `main h1` or `label[for=age]`.

// parseHTML parses a whole page.
func parseHTML(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse page: %v", err)
	}
	return doc
}

// compound is one part of a selector: a tag and attribute conditions.
type compound struct {
	tag   string
	attrs [][2]string // name, value; value "\x00" when any value matches
}

func parseSelector(sel string) []compound {
	var out []compound
	for _, part := range strings.Fields(sel) {
		c := compound{}
		tag, rest, _ := strings.Cut(part, "[")
		c.tag = tag
		if rest != "" {
			for _, cond := range strings.Split(strings.TrimSuffix(rest, "]"), "][") {
				name, value, ok := strings.Cut(cond, "=")
				if !ok {
					value = "\x00"
				}
				c.attrs = append(c.attrs, [2]string{name, strings.Trim(value, `"'`)})
			}
		}
		out = append(out, c)
	}
	return out
}

func (c compound) matches(n *html.Node) bool {
	if n.Type != html.ElementNode || (c.tag != "*" && c.tag != "" && n.Data != c.tag) {
		return false
	}
	for _, a := range c.attrs {
		v, ok := attr(n, a[0])
		if !ok || (a[1] != "\x00" && v != a[1]) {
			return false
		}
	}
	return true
}

// queryAll returns the elements under root that match sel, in document order.
func queryAll(root *html.Node, sel string) []*html.Node {
	parts := parseSelector(sel)
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if len(parts) > 0 && parts[len(parts)-1].matches(n) && ancestorsMatch(n.Parent, parts[:len(parts)-1]) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

// ancestorsMatch tells whether, walking up from n, the parts are found in
// order from the last to the first.
func ancestorsMatch(n *html.Node, parts []compound) bool {
	for i := len(parts) - 1; i >= 0; i-- {
		for n != nil && !parts[i].matches(n) {
			n = n.Parent
		}
		if n == nil {
			return false
		}
		n = n.Parent
	}
	return true
}

// attr returns the value of the attribute name of n.
func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// text returns the text content of n, spaces collapsed.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func TestSelectors(t *testing.T) {
	t.Parallel()
	doc := parseHTML(t, `<html lang="fr"><body><header><nav aria-label="Menu"></nav></header>
		<main><h1>Titre</h1><form><label for="a">A</label><input id="a" name="a"></form></main>
		<footer><h1>Pas ici</h1></footer></body></html>`)
	for sel, want := range map[string]int{
		"html[lang=fr]":          1,
		"html[lang=en]":          0,
		"h1":                     2,
		"main h1":                1,
		"body main form input":   1,
		"nav[aria-label]":        1,
		`label[for="a"]`:         1,
		"footer main h1":         0,
		"*[id]":                  1,
		"header nav[aria-label]": 1,
	} {
		if got := len(queryAll(doc, sel)); got != want {
			t.Errorf("%s: %d elements, want %d", sel, got, want)
		}
	}
	if got := text(queryAll(doc, "main h1")[0]); got != "Titre" {
		t.Errorf("text of main h1: %q", got)
	}
}
