package web

// crumb is one step of the breadcrumb; the current page has no URL.
type crumb struct{ Label, URL string }

// crumbs builds a breadcrumb for the "breadcrumb" template from label and address pairs,
// the last label alone being the current page: crumbs "Trouver une démarche" "/demarches"
// "Carte Vitale". "Accueil" comes first by itself.
func crumbs(parts ...string) []crumb {
	var out []crumb
	for i := 0; i < len(parts); i += 2 {
		c := crumb{Label: parts[i]}
		if i+1 < len(parts) {
			c.URL = parts[i+1]
		}
		out = append(out, c)
	}
	if n := len(out); n > 0 {
		out[n-1].URL = ""
	}
	return out
}
