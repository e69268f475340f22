package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// staticFiles holds the embedded assets with their compressed form and a
// content hash, so they can be cached for a year and still change.
type staticFiles struct {
	files map[string]*asset
}

type asset struct {
	body, gzipped []byte
	hash, ctype   string
}

func loadStatic() (*staticFiles, error) {
	sf := &staticFiles{files: map[string]*asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		sf.files[strings.TrimPrefix(p, "static/")] = &asset{body: body, gzipped: gz.Bytes(),
			hash: hex.EncodeToString(sum[:])[:12], ctype: ctype}
		return nil
	})
	return sf, err
}

// url returns the cache-busting address of an asset, for templates.
func (sf *staticFiles) url(name string) string {
	a, ok := sf.files[name]
	if !ok {
		return "/static/" + name
	}
	return "/static/" + name + "?v=" + a.hash
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) error {
	a, ok := s.static.files[r.PathValue("file")]
	if !ok {
		return s.notFound(w, r)
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	if v := r.URL.Query().Get("v"); v != "" && v != a.hash {
		// A page from a node of another release asked for its version of
		// the asset (a rolling upgrade): this node serves the one it has,
		// but no cache may keep it under that address.
		h.Set("Cache-Control", "no-store")
	} else {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	h.Set("ETag", `"`+a.hash+`"`)
	if r.Header.Get("If-None-Match") == `"`+a.hash+`"` {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	body := a.body
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = a.gzipped
	}
	w.Write(body)
	return nil
}
