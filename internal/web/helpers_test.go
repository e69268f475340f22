package web

import (
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
