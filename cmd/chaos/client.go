package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"time"
)

// call is one request of the load as its client saw it: when it left and
// came back, what came back, and which node HAProxy says answered.
type call struct {
	Who    string    `json:"who"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Status int       `json:"status"`
	Node   string    `json:"node"`
	Err    string    `json:"error,omitempty"`
}

// failed tells whether the client saw an error: no answer, or a 5xx.
func (c call) failed() bool { return c.Err != "" || c.Status >= 500 }

// recorder keeps every call, for the report and the check that errors
// were only the requests in flight on the killed node.
type recorder struct {
	mu    sync.Mutex
	calls []call
}

func (r *recorder) add(c call) {
	r.mu.Lock()
	r.calls = append(r.calls, c)
	r.mu.Unlock()
}

func (r *recorder) all() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]call(nil), r.calls...)
}

// client is one person's browser: cookies, no redirect followed (an
// answer's 303 is the acknowledgement), and a bound on every request.
type client struct {
	who  string
	base string
	http *http.Client
	rec  *recorder
}

func newClient(who, base string, rec *recorder) *client {
	jar, _ := cookiejar.New(nil)
	return &client{who: who, base: base, rec: rec, http: &http.Client{Jar: jar, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// do sends one request and records it; body is a form or nil.
func (c *client) do(ctx context.Context, method, path string, form url.Values) (int, http.Header, string, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return 0, nil, "", err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	cl := call{Who: c.who, Method: method, Path: path, Start: time.Now()}
	resp, err := c.http.Do(req)
	var text string
	if err == nil {
		var b []byte
		b, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		text = string(b)
		cl.Status, cl.Node = resp.StatusCode, resp.Header.Get("X-Guichet-Node")
	}
	cl.End = time.Now()
	if err != nil {
		cl.Err = err.Error()
	}
	if ctx.Err() == nil {
		c.rec.add(cl)
	}
	if err != nil {
		return 0, nil, "", err
	}
	if resp.StatusCode >= 500 {
		return resp.StatusCode, resp.Header, text, errServer
	}
	return resp.StatusCode, resp.Header, text, nil
}

var errServer = errors.New("server error")

// retry sends a request again after an error, as a person presses the
// button again, up to four times; it returns the last answer.
func (c *client) retry(ctx context.Context, method, path string, form url.Values) (int, http.Header, string, error) {
	var (
		status int
		h      http.Header
		text   string
		err    error
	)
	for attempt := range 4 {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return 0, nil, "", ctx.Err()
			case <-time.After(time.Duration(attempt) * 400 * time.Millisecond):
			}
		}
		if status, h, text, err = c.do(ctx, method, path, form); err == nil {
			return status, h, text, nil
		}
	}
	return status, h, text, err
}
