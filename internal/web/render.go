package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"guichet/internal/identity"
)

//go:embed templates
var templateFS embed.FS

// Page is what the layout needs; every page's view model embeds it.
type Page struct {
	Title string
	User  *identity.User
	// SignedIn is true once every factor the account needs is given.
	SignedIn bool
	Path     string
	// HasErrors prefixes the title with "Erreur" (RGAA 11.10) when a form failed.
	HasErrors bool
	Notice    string
	// Accessibility is the compliance state of the accessibility statement, for the footer.
	Accessibility string
	// Acting is set while a mediator acts for a person: the banner says so.
	Acting *actingBanner
}

// views holds one template set per page: the layout, the shared partials
// and that page. A page's set is parsed the first time it is shown: each
// one copies the layout and the partials, and a node at rest should not
// hold the copies of pages nobody asked for.
type views struct {
	base  *template.Template // the layout and the partials
	files map[string]string  // page name → its template file
	mu    sync.RWMutex
	pages map[string]*template.Template // the pages parsed so far
}

func parseViews(sf *staticFiles) (*views, error) {
	funcs := template.FuncMap{
		"asset":     sf.url,
		"field":     field,
		"roleLabel": func(r identity.Role) string { return identity.RoleLabel(r) },
		"date":      func(t time.Time) string { return frenchDate(t) },
		"datetime":  func(t time.Time) string { return frenchDateTime(t) },
		"join":      strings.Join,
		"add":       func(a, b int) int { return a + b },
		"crumbs":    crumbs,
		"plural":    plural,
		"org":       orgWords,
		"normal":    normalCase,
		"duration":  humanDuration,
		"statTable": statTable,
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, err
	}
	// Partials shared by a few pages of one module live in their own files.
	if shared, _ := fs.Glob(templateFS, "templates/partials/*.html"); len(shared) > 0 {
		if base, err = base.ParseFS(templateFS, shared...); err != nil {
			return nil, err
		}
	}
	// Pages live in templates/pages, named by their file, or in a module's own folder
	// (templates/rights/result.html), named "rights/result".
	names, err := fs.Glob(templateFS, "templates/*/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{base: base, files: map[string]string{}, pages: map[string]*template.Template{}}
	for _, n := range names {
		dir := path.Base(path.Dir(n))
		if dir == "partials" {
			continue
		}
		name := strings.TrimSuffix(path.Base(n), ".html")
		if dir != "pages" {
			name = dir + "/" + name
		}
		v.files[name] = n
	}
	return v, nil
}

// page returns the template set of the named page, parsing it the first time.
func (v *views) page(name string) (*template.Template, error) {
	v.mu.RLock()
	t, ok := v.pages[name]
	v.mu.RUnlock()
	if ok {
		return t, nil
	}
	file, ok := v.files[name]
	if !ok {
		return nil, fmt.Errorf("no template %q", name)
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if t, ok := v.pages[name]; ok {
		return t, nil
	}
	base, err := v.base.Clone()
	if err != nil {
		return nil, err
	}
	if t, err = base.ParseFS(templateFS, file); err != nil {
		return nil, err
	}
	v.pages[name] = t
	return t, nil
}

// page returns the common part of a view model for r.
func (s *Server) page(r *http.Request, title string) Page {
	return Page{Title: title, User: currentUser(r), SignedIn: fullySignedIn(r), Path: r.URL.Path,
		Accessibility: s.Statement.Status, Acting: bannerOf(r)}
}

// render writes the named page with its view model. The page is rendered
// to a buffer first so that a template error never sends half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, view any) error {
	t, err := s.views.page(name)
	if err != nil {
		return err
	}
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer putRenderBuffer(buf)
	if err := t.ExecuteTemplate(buf, "layout", view); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err = buf.WriteTo(w)
	return err
}

// renderBuffers spare each render growing a buffer to a page's size.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putRenderBuffer gives buf back, unless an unusual page made it too big
// to keep for every render.
func putRenderBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 1<<20 {
		return
	}
	buf.Reset()
	renderBuffers.Put(buf)
}

var paris = mustParis()

func mustParis() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}

var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

func frenchDate(t time.Time) string {
	t = t.In(paris)
	day := fmt.Sprint(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, frenchMonths[t.Month()-1], t.Year())
}

func frenchDateTime(t time.Time) string {
	t = t.In(paris)
	return fmt.Sprintf("%s à %d h %02d", frenchDate(t), t.Hour(), t.Minute())
}
