package sms

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// maxAnswer bounds what is read of a provider's answer or callback: both are
// a few hundred bytes of JSON.
const maxAnswer = 1 << 20

// postJSON sends body as JSON to url with the given headers and returns the
// HTTP status and the answer's body. A failure to reach the provider or to
// read its answer (a refused connection, a timeout) is a temporary Error:
// retrying later is the only remedy, and the provider deduplicates on our
// key where it can. The caller's own cancellation is returned as is.
func postJSON(ctx context.Context, client *http.Client, provider, url string, headers map[string]string, body any) (int, []byte, error) {
	data, err := json.Marshal(body)
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(data))
	if err != nil {
		return 0, nil, &Error{Provider: provider, Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return 0, nil, ctx.Err()
		}
		// A failure to connect means the request never left; any later one
		// (a timeout, a connection cut) leaves us unsure.
		return 0, nil, &Error{Provider: provider, Temporary: true, Unsure: !notConnected(err), Message: "provider unreachable", Err: err}
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return resp.StatusCode, nil, &Error{Provider: provider, Temporary: true, HTTPStatus: resp.StatusCode, Unsure: true, Message: "answer cut short", Err: err}
	}
	return resp.StatusCode, answer, nil
}

// notConnected tells whether err says the connection to the provider was
// never made (a refused connection, an unknown host), so that the request
// cannot have reached it.
func notConnected(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// getJSON reads url with the given headers and returns the HTTP status and
// the answer's body; a failure to reach the provider is a temporary Error.
func getJSON(ctx context.Context, client *http.Client, provider, url string, headers map[string]string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, nil, &Error{Provider: provider, Err: err}
	}
	req.Header.Set("Accept", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, &Error{Provider: provider, Temporary: true, Message: "provider unreachable", Err: err}
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return resp.StatusCode, nil, &Error{Provider: provider, Temporary: true, HTTPStatus: resp.StatusCode, Message: "answer cut short", Err: err}
	}
	return resp.StatusCode, answer, nil
}

// httpFailure classifies an HTTP status that is not a success, the same way
// for every provider: 408, 425, 429 and 5xx are worth retrying; 401 and 403
// are a configuration fault (a wrong key) that retrying cannot fix but that
// is not the recipient's either, so a technical failure; any other 4xx is
// the request refused, permanent.
func httpFailure(provider string, status int, code, message string) *Error {
	e := &Error{Provider: provider, HTTPStatus: status, Code: code, Message: message}
	switch {
	case status == http.StatusRequestTimeout, status == http.StatusTooEarly,
		status == http.StatusTooManyRequests, status >= 500:
		e.Temporary = true
	case status == http.StatusUnauthorized, status == http.StatusForbidden:
	case status >= 400:
		e.Permanent = true
	default:
		e.Message = strings.TrimSpace(e.Message + " (unexpected HTTP status)")
	}
	return e
}

// internationalDigits turns +33612345678 into 33612345678, the form both
// providers take.
func internationalDigits(to string) (string, error) {
	d, ok := strings.CutPrefix(to, "+")
	if !ok || len(d) < 6 || len(d) > 15 || strings.Trim(d, "0123456789") != "" {
		return "", fmt.Errorf("recipient %q is not in international form +33…", to)
	}
	return d, nil
}

// equalSecret compares a presented secret with the configured one in
// constant time (hashing both first, so that not even the length leaks). An
// empty configured secret matches nothing.
func equalSecret(presented, configured string) bool {
	if configured == "" || presented == "" {
		return false
	}
	a := sha256.Sum256([]byte(presented))
	b := sha256.Sum256([]byte(configured))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// callbackAuthenticated reports whether r carries the callback secret in
// one of the ways providers can be told to send it: the "secret" parameter
// of the callback URL, a bearer token, or the password of HTTP basic
// authentication (a URL like https://guichet:SECRET@…).
func callbackAuthenticated(r *http.Request, secret string) bool {
	if equalSecret(r.URL.Query().Get("secret"), secret) {
		return true
	}
	if token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && equalSecret(strings.TrimSpace(token), secret) {
		return true
	}
	if _, password, ok := r.BasicAuth(); ok && equalSecret(password, secret) {
		return true
	}
	return false
}

// withSecret adds the callback secret to the callback URL.
func withSecret(callbackURL, secret string) (string, error) {
	u, err := url.Parse(callbackURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("sms: the callback address %q is not an http(s) URL", callbackURL)
	}
	q := u.Query()
	q.Set("secret", secret)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// readCallback reads a receipt callback's body, bounded.
func readCallback(r *http.Request) ([]byte, error) {
	if r.Method != http.MethodPost {
		return nil, fmt.Errorf("sms: a delivery receipt is a POST, not a %s", r.Method)
	}
	return io.ReadAll(io.LimitReader(r.Body, maxAnswer))
}
