package main

import (
	"context"
	"encoding/json"
	"flag"
	"net"
	"net/http"
	"time"

	"guichet/internal/sms/smstest"
)

// sim runs the SMS provider simulator (internal/sms/smstest, answering as
// Brevo does) on --addr until stopped, and lists what it received as JSON
// on --list-addr (GET /received), for the checks of `chaos run`. It
// keeps every message it accepted, twice if it got one twice: it does not
// deduplicate, as no real provider documents doing so.
func sim(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("sim", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8490", "address of the provider's API")
	listAddr := fs.String("list-addr", "127.0.0.1:8491", "address of GET /received")
	token := fs.String("token", "jeton-du-simulateur", "API key the nodes must send")
	if err := fs.Parse(args); err != nil {
		return err
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	s := smstest.NewOn(*token, l)
	defer s.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /received", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(s.Messages())
	})
	srv := &http.Server{Addr: *listAddr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case <-ctx.Done():
		srv.Close()
		return nil
	case err := <-errc:
		return err
	}
}

// received fetches what the simulator of listURL received.
func received(ctx context.Context, listURL string) ([]smstest.Received, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", listURL+"/received", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out []smstest.Received
	return out, json.NewDecoder(resp.Body).Decode(&out)
}
