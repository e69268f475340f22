package web

import (
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"guichet/internal/secretbox"
	"guichet/internal/testkit"
)

func postForm(path, body string) *http.Request {
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req
}

type httpRecorder = httptest.ResponseRecorder

func serve(ts *testServer, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	ts.ServeHTTP(rec, req)
	return rec
}

// openPayload returns a job's payload as JSON, opening it when sealed.
func (ts *testServer) openPayload(t *testing.T, payload string) string {
	t.Helper()
	if !secretbox.IsSealed(payload) {
		return payload
	}
	plain, err := testkit.Box(t).Open(payload)
	if err != nil {
		t.Fatal(err)
	}
	return string(plain)
}

// allPages parses every page's template set (they are parsed lazily when
// serving) and returns them by name.
func allPages(t testing.TB, v *views) map[string]*template.Template {
	t.Helper()
	for name := range v.files {
		pageTemplate(t, v, name)
	}
	return v.pages
}

// pageTemplate returns the named page's template set.
func pageTemplate(t testing.TB, v *views, name string) *template.Template {
	t.Helper()
	tpl, err := v.page(name)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}
