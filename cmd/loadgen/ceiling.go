package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// ceilingPage is the fixed small page of the bare server: about the size of
// a short Guichet page before compression, so the ceiling measures the cost
// of HTTP on this machine, not of rendering.
var ceilingPage = []byte("<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Plafond</title></head>\n<body><main><h1>Plafond</h1><p>" +
	strings.Repeat("Une page fixe, servie telle quelle. ", 30) + "</p></main></body></html>\n")

// ceilingHandler answers every request with ceilingPage.
func ceilingHandler() http.Handler {
	size := strconv.Itoa(len(ceilingPage))
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", size)
		w.Write(ceilingPage)
	})
}

// serveCeiling is the child process: it listens on a free loopback port,
// prints the address on its first line of output, and serves until killed.
func serveCeiling(out io.Writer) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "listening on http://%s\n", ln.Addr())
	return (&http.Server{Handler: ceilingHandler(), ReadHeaderTimeout: 10 * time.Second}).Serve(ln)
}

// startCeiling runs this program again as the bare server, in its own
// process like the real server, and returns its address, its process and
// a stop function.
func startCeiling(ctx context.Context) (string, int, func(), error) {
	self, err := os.Executable()
	if err != nil {
		return "", 0, nil, err
	}
	cmd := exec.CommandContext(ctx, self, "-serve-ceiling")
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", 0, nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", 0, nil, err
	}
	stop := func() {
		cmd.Process.Kill()
		cmd.Wait()
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if err != nil || !ok {
		stop()
		return "", 0, nil, fmt.Errorf("the ceiling server did not start: %q %v", line, err)
	}
	return addr, cmd.Process.Pid, stop, nil
}
