package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// publicPages are the routes whose answer to a visitor who sends no cookie
// depends only on the address and on public data (the catalogue, the
// places): the most visited pages. Their answers are kept for publicTTL
// (see publicCache).
var publicPages = map[string]bool{
	"GET /{$}":                       true,
	"GET /demarches":                 true,
	"GET /demarches/categorie/{cat}": true,
	"GET /demarches/{slug}":          true,
	"GET /lieux":                     true,
}

// publicTTL is how long a kept answer is served: as long as a node takes
// to see a change of the catalogue made on another node
// (catalogue.DefaultCheckEvery). A change made through this node's pages
// or API is seen at once: every request that may write empties the cache.
const publicTTL = time.Second

// Bounds of the cache: an address is chosen by whoever types it, so the
// entries are few and small enough never to weigh on the memory.
const (
	publicMaxEntries = 512
	publicMaxBytes   = 8 << 20
	publicMaxBody    = 256 << 10
)

// publicCache keeps, for a short time, the answers of public pages to
// visitors without a cookie, ready compressed: rendering a page and
// compressing it cost more than all the rest of a request. It never keeps
// nor serves anything for a request that carries a cookie or credentials,
// nor an answer that sets a cookie or is not a 200: what is kept is the
// same for everyone, never a personal page.
type publicCache struct {
	now func() time.Time
	// gen moves when something may have been written; entries of an
	// older generation are never served.
	gen     atomic.Uint64
	mu      sync.RWMutex
	entries map[publicKey]*publicEntry
	bytes   int
	// rendering holds the addresses being rendered with no entry to serve
	// meanwhile; the channel closes when the render ends.
	rendering map[publicKey]chan struct{}
}

// publicEntry is one kept answer.
type publicEntry struct {
	pattern   string // the route, for the metrics
	gen       uint64
	stored    time.Time
	header    http.Header
	plain, gz []byte
	// The Content-Length of each, written once.
	plainLen, gzLen []string
	refreshing      atomic.Bool // one request renders it again while the others get this one
}

func newPublicCache(now func() time.Time) *publicCache {
	return &publicCache{now: now, entries: map[publicKey]*publicEntry{}, rendering: map[publicKey]chan struct{}{}}
}

// anonymous tells whether r can be answered from the cache: a GET without
// cookie nor credentials, so nothing in it can make the page personal.
func anonymous(r *http.Request) bool {
	return r.Method == http.MethodGet && r.Header.Get("Cookie") == "" && r.Header.Get("Authorization") == ""
}

// mayWrite tells whether r may change data: every method but the safe ones.
func mayWrite(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// invalidate forgets every kept answer.
func (c *publicCache) invalidate() { c.gen.Add(1) }

// servePublic answers from the cache before the session is looked up and
// the route found, so that the most common request costs a map lookup: a
// fresh entry, or a stale one that another request is already rendering
// again. Everything else goes on to next, where keep decides.
func (s *Server) servePublic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if anonymous(r) {
			start := s.public.now()
			e := s.public.get(publicKeyOf(r), start)
			if e != nil && (start.Sub(e.stored) < publicTTL || e.refreshing.Load()) {
				addVary(w.Header())
				e.serve(w, r)
				s.metrics.observe(e.pattern, http.StatusOK, time.Since(start))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// publicKey is what an answer is kept under: the host, the path and the
// query, exactly as asked. Strings side by side, not joined: finding an
// entry allocates nothing.
type publicKey struct{ host, path, query string }

func publicKeyOf(r *http.Request) publicKey { return publicKey{r.Host, r.URL.Path, r.URL.RawQuery} }

// size is what the key weighs in the cache's bounds.
func (k publicKey) size() int { return len(k.host) + len(k.path) + len(k.query) }

// keep serves anonymous requests to the route pattern from the cache, and
// keeps what next answers them when it may.
func (c *publicCache) keep(pattern string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !anonymous(r) {
			next.ServeHTTP(w, r)
			return
		}
		key := publicKeyOf(r)
		now := c.now()
		e := c.get(key, now)
		// A stale entry is still served while one request renders the page
		// again, so that an expiry never makes every visitor wait at once.
		if e != nil && (now.Sub(e.stored) < publicTTL || !e.refreshing.CompareAndSwap(false, true)) {
			e.serve(w, r)
			return
		}
		if e == nil {
			// Nothing to serve yet: the first request renders, the others
			// wait for it rather than all render the same page at once.
			done, first := c.startRendering(key)
			if !first {
				select {
				case <-done:
				case <-r.Context().Done():
					return
				}
				if e := c.get(key, c.now()); e != nil {
					e.serve(w, r)
					return
				}
			} else {
				defer c.endRendering(key, done)
			}
		}
		// The answer is held, not sent, while it is rendered: once kept, it
		// goes out from the entry, compressed once for both.
		gen := c.gen.Load()
		cw := &captureWriter{ResponseWriter: w}
		next.ServeHTTP(cw, r)
		if kept := c.put(key, pattern, gen, now, cw); kept != nil {
			kept.serve(w, r)
			return
		}
		if e != nil {
			e.refreshing.Store(false)
		}
		cw.release()
	})
}

// startRendering returns the channel of the render of key under way and
// false, or a new one and true when the caller is the one to render.
func (c *publicCache) startRendering(key publicKey) (chan struct{}, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if done, ok := c.rendering[key]; ok {
		return done, false
	}
	done := make(chan struct{})
	c.rendering[key] = done
	return done, true
}

// endRendering tells those waiting for key that its render is over.
func (c *publicCache) endRendering(key publicKey, done chan struct{}) {
	c.mu.Lock()
	delete(c.rendering, key)
	c.mu.Unlock()
	close(done)
}

// get returns the entry of key if it is of the current generation and at
// most twice publicTTL old.
func (c *publicCache) get(key publicKey, now time.Time) *publicEntry {
	c.mu.RLock()
	e := c.entries[key]
	c.mu.RUnlock()
	if e == nil || e.gen != c.gen.Load() || now.Sub(e.stored) >= 2*publicTTL {
		return nil
	}
	return e
}

// keptGzipPool holds the writers that compress kept answers, harder than
// the compression middleware does since it is done once per second at most:
// a new writer at this level allocates about 1 MB, more than the rest of a
// page's rendering, and the places search misses the cache for each town.
var keptGzipPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, gzip.DefaultCompression); return w }}

// put keeps what cw captured, if it may be kept, and returns the entry
// (nil when it was not kept).
func (c *publicCache) put(key publicKey, pattern string, gen uint64, now time.Time, cw *captureWriter) *publicEntry {
	if cw.status == 0 {
		cw.status = http.StatusOK // nothing written: an empty page
		cw.header = cw.ResponseWriter.Header().Clone()
	}
	if cw.status != http.StatusOK || cw.released || cw.header.Get("Set-Cookie") != "" || cw.header.Get("Content-Encoding") != "" {
		return nil
	}
	var gz bytes.Buffer
	zw := keptGzipPool.Get().(*gzip.Writer)
	zw.Reset(&gz)
	zw.Write(cw.body.Bytes())
	zw.Close()
	zw.Reset(io.Discard) // The pool keeps no page.
	keptGzipPool.Put(zw)
	// Every header the page set is kept (its type, Cache-Control, the
	// API's Access-Control-Allow-Origin…) but those of the body sent.
	h := http.Header{}
	for k, v := range cw.header {
		switch k {
		case "Content-Length", "Content-Encoding", "Date":
			continue
		}
		h[k] = slices.Clip(v) // Shared by every answer: Add must copy it.
	}
	e := &publicEntry{pattern: pattern, gen: gen, stored: now, header: h, plain: bytes.Clone(cw.body.Bytes()), gz: gz.Bytes()}
	e.plainLen, e.gzLen = one(strconv.Itoa(len(e.plain))), one(strconv.Itoa(len(e.gz)))
	size := key.size() + len(e.plain) + len(e.gz)
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen.Load() {
		return nil // Something was written while the page was rendered.
	}
	if old := c.entries[key]; old != nil {
		c.bytes -= key.size() + len(old.plain) + len(old.gz)
		delete(c.entries, key)
	}
	// Any entry makes room: map order is random, and the entries live a second.
	for k, old := range c.entries {
		if len(c.entries) < publicMaxEntries && c.bytes+size <= publicMaxBytes {
			break
		}
		c.bytes -= k.size() + len(old.plain) + len(old.gz)
		delete(c.entries, k)
	}
	c.entries[key] = e
	c.bytes += size
	return e
}

// serve writes the kept answer, compressed when the client accepts it.
// The compression middleware leaves an answer that says its encoding.
func (e *publicEntry) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	body, length := e.plain, e.plainLen
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		body, length = e.gz, e.gzLen
		h["Content-Encoding"] = gzipEncoding
	}
	h["Content-Length"] = length
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

var gzipEncoding = one("gzip")

// captureWriter holds an answer back while it is rendered, so that it can
// be kept and sent compressed once (publicCache.keep). An answer that
// cannot be kept (a status other than 200, larger than publicMaxBody…)
// is released to the client: at once when it grows too large, at the end
// otherwise.
type captureWriter struct {
	http.ResponseWriter
	status   int
	header   http.Header
	body     bytes.Buffer
	released bool // sent on as it comes: not kept
}

func (c *captureWriter) WriteHeader(code int) {
	if c.status != 0 {
		return
	}
	c.status = code
	c.header = c.ResponseWriter.Header().Clone()
	if code != http.StatusOK {
		c.release() // never kept: no need to hold it
	}
}

func (c *captureWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.WriteHeader(http.StatusOK)
	}
	if c.released {
		return c.ResponseWriter.Write(b)
	}
	if c.body.Len()+len(b) > publicMaxBody {
		if err := c.release(); err != nil {
			return 0, err
		}
		return c.ResponseWriter.Write(b)
	}
	return c.body.Write(b)
}

// release sends what is held and passes the rest of the answer on.
func (c *captureWriter) release() error {
	if c.released {
		return nil
	}
	c.released = true
	if c.status == 0 {
		c.status = http.StatusOK
	}
	c.ResponseWriter.WriteHeader(c.status)
	if c.body.Len() == 0 {
		return nil
	}
	_, err := c.ResponseWriter.Write(c.body.Bytes())
	c.body = bytes.Buffer{}
	return err
}

// FlushError sends what is held, then flushes: an answer flushed as it is
// written is not kept.
func (c *captureWriter) FlushError() error {
	if err := c.release(); err != nil {
		return err
	}
	return http.NewResponseController(c.ResponseWriter).Flush()
}

func (c *captureWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }
