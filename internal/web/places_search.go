package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"guichet/internal/errs"
	"guichet/internal/places"
)

// placesPerPage is how many places a page of results lists: enough to
// choose, few enough for a small phone and a screen reader.
const placesPerPage = 10

// placesSearch is a search for help places as the form and the links of
// /lieux write it in the address.
type placesSearch struct {
	Text                              string
	Lat, Lon                          *float64
	Services, Support, Public, Access []string
	Free, FranceServices, OpenNow     bool
	Page                              int
	// asked is set when the person searched (a town typed or a position
	// given), not on the first visit.
	asked bool
}

// The names of the search's parameters in the address of /lieux.
const (
	paramText           = "q"
	paramLat            = "lat"
	paramLon            = "lon"
	paramService        = "service"
	paramSupport        = "accompagnement"
	paramPublic         = "public"
	paramAccess         = "acces"
	paramFree           = "gratuit"
	paramFranceServices = "france_services"
	paramOpenNow        = "ouvert"
	paramPage           = "page"
)

// readPlacesSearch reads a search from the address; problems go into the
// returned form, beside the town field.
func readPlacesSearch(v url.Values) (placesSearch, *Form) {
	f := &Form{Values: url.Values{paramText: {v.Get(paramText)}}}
	ps := placesSearch{
		Text:     strings.TrimSpace(v.Get(paramText)),
		Services: v[paramService], Support: v[paramSupport], Public: v[paramPublic], Access: v[paramAccess],
		Free: v.Get(paramFree) != "", FranceServices: v.Get(paramFranceServices) != "", OpenNow: v.Get(paramOpenNow) != "",
		Page: 1,
	}
	if n, err := strconv.Atoi(v.Get(paramPage)); err == nil && n > 1 {
		ps.Page = n
	}
	// A town typed wins over a position given before: the person changed
	// their mind.
	if ps.Text == "" && (v.Get(paramLat) != "" || v.Get(paramLon) != "") {
		lat, err1 := strconv.ParseFloat(v.Get(paramLat), 64)
		lon, err2 := strconv.ParseFloat(v.Get(paramLon), 64)
		if err1 != nil || err2 != nil {
			f.Fail(paramText, "Votre position n'a pas pu être lue. Indiquez votre commune ou votre code postal.")
			return ps, f
		}
		ps.Lat, ps.Lon, ps.asked = &lat, &lon, true
		return ps, f
	}
	if v.Has(paramText) {
		ps.asked = true
		if ps.Text == "" {
			f.Fail(paramText, "Indiquez votre commune ou votre code postal, par exemple Villeurbanne ou 69100.")
		}
	}
	return ps, f
}

// query is the search for the places package, at page ps.Page.
func (ps placesSearch) query() places.Query {
	return places.Query{
		Text: ps.Text, Lat: ps.Lat, Lon: ps.Lon,
		Services: ps.Services, Support: ps.Support, Public: ps.Public, Access: ps.Access,
		Free: ps.Free, FranceServices: ps.FranceServices, OpenNow: ps.OpenNow,
		Limit: placesPerPage, Offset: (ps.Page - 1) * placesPerPage,
	}
}

// hiddenField is a form value carried along without being shown.
type hiddenField struct{ Name, Value string }

// where returns the town or the position searched, as hidden fields.
func (ps placesSearch) where() []hiddenField {
	if ps.Lat != nil {
		return []hiddenField{{paramLat, formatCoord(*ps.Lat)}, {paramLon, formatCoord(*ps.Lon)}}
	}
	if ps.Text != "" {
		return []hiddenField{{paramText, ps.Text}}
	}
	return nil
}

// filters returns the filters chosen, as hidden fields.
func (ps placesSearch) filters() []hiddenField {
	var out []hiddenField
	for _, l := range []struct {
		name   string
		values []string
	}{{paramService, ps.Services}, {paramSupport, ps.Support}, {paramPublic, ps.Public}, {paramAccess, ps.Access}} {
		for _, v := range l.values {
			out = append(out, hiddenField{l.name, v})
		}
	}
	for _, b := range []struct {
		name string
		on   bool
	}{{paramFree, ps.Free}, {paramFranceServices, ps.FranceServices}, {paramOpenNow, ps.OpenNow}} {
		if b.on {
			out = append(out, hiddenField{b.name, "1"})
		}
	}
	return out
}

// pageURL is the address of page n of the same search.
func (ps placesSearch) pageURL(n int) string {
	v := url.Values{}
	for _, h := range append(ps.where(), ps.filters()...) {
		v.Add(h.Name, h.Value)
	}
	if n > 1 {
		v.Set(paramPage, strconv.Itoa(n))
	}
	return "/lieux?" + v.Encode()
}

func formatCoord(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// placesSearchView is the model of the search page.
type placesSearchView struct {
	Page
	Form *Form
	// Filters are kept when the town changes; Where is kept when the
	// filters change.
	Filters, Where []hiddenField
	Groups         []checkGroup
	Searched       bool
	// Heading counts the places found ("23 lieux trouvés près de
	// Villeurbanne"), Detail says how they are sorted.
	Heading, Detail string
	Approximate     bool
	// NotFound explains that the town typed is unknown.
	NotFound string
	Cards    []placeCard
	Total    int
	Pages    []pageLink
	// Prev and Next are the neighbouring pages, "" at the ends.
	Prev, Next string
	// Start is the number of the first place of the page; FirstPage the
	// first page of the same search, ClearFilters the same without filters.
	Start                   int
	FirstPage, ClearFilters string
}

func (s *Server) placesSearchPage(w http.ResponseWriter, r *http.Request) error {
	ps, f := readPlacesSearch(r.URL.Query())
	v := placesSearchView{Page: s.page(r, "Trouver de l'aide près de chez vous"), Form: f,
		Filters: ps.filters(), Where: ps.where(), Groups: filterGroups(ps),
		Start: (ps.Page-1)*placesPerPage + 1, FirstPage: ps.pageURL(1)}
	noFilter := placesSearch{Text: ps.Text, Lat: ps.Lat, Lon: ps.Lon}
	v.ClearFilters = noFilter.pageURL(1)
	if f.Valid() && ps.asked {
		err := s.searchPlaces(r, ps, &v)
		switch {
		case errs.Is(err, errs.NotFound):
			v.NotFound = errs.MessageOf(err)
			v.Title = "Aucun lieu trouvé pour « " + ps.Text + " »"
		case errs.Is(err, errs.Invalid):
			f.Fail(paramText, errs.MessageOf(err))
		case err != nil:
			return err
		}
	}
	status := http.StatusOK
	if !f.Valid() {
		status, v.HasErrors = http.StatusBadRequest, true
	}
	return s.render(w, status, "places-search", v)
}

// searchPlaces runs the search and fills the results part of v.
func (s *Server) searchPlaces(r *http.Request, ps placesSearch, v *placesSearchView) error {
	q := ps.query()
	q.At = s.Now()
	results, total, origin, err := s.Places.Search(r.Context(), q)
	if err != nil {
		return err
	}
	v.Searched, v.Total = true, total
	for _, res := range results {
		v.Cards = append(v.Cards, cardOf(res))
	}
	where := originText(origin, ps)
	if total == 0 {
		v.Heading = strings.TrimSpace("Aucun lieu ne correspond à vos critères " + where)
	} else {
		v.Heading = strings.TrimSpace(plural(total, "lieu trouvé ", "lieux trouvés ") + where)
	}
	v.Title = v.Heading
	pages := (total + placesPerPage - 1) / placesPerPage
	if pages > 1 {
		v.Title += " (page " + strconv.Itoa(ps.Page) + " sur " + strconv.Itoa(pages) + ")"
	}
	switch {
	case origin == nil:
		v.Detail = "Par commune, puis par nom."
	case origin.RadiusKm > 0:
		v.Detail = "À moins de " + strconv.FormatFloat(origin.RadiusKm, 'f', -1, 64) + " km, du plus proche au plus lointain."
	default:
		v.Detail = "Du plus proche au plus lointain."
	}
	v.Approximate = origin != nil && origin.Approximate
	v.Pages, v.Prev, v.Next = pagination(ps.Page, pages, ps.pageURL)
	return nil
}

// originText says where the search looked from: "près de Villeurbanne",
// "autour de vous", "dans le département 69".
func originText(o *places.Origin, ps placesSearch) string {
	switch {
	case ps.Lat != nil:
		return "autour de vous"
	case o == nil:
		return ""
	case strings.HasPrefix(o.Name, "Département "):
		return "dans le département " + strings.TrimPrefix(o.Name, "Département ")
	case o.Name != "":
		return "près de " + o.Name
	case o.Postcode != "":
		return "près du code postal " + o.Postcode
	}
	return "près de « " + ps.Text + " »"
}

// pageLink is one link of the pagination; Gap stands for skipped pages.
type pageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// pagination lists the first, last, current and neighbouring pages, with
// gaps between, and the previous and next pages' addresses.
func pagination(current, pages int, urlFor func(int) string) (links []pageLink, prev, next string) {
	if pages <= 1 {
		return nil, "", ""
	}
	for n := 1; n <= pages; n++ {
		if n != 1 && n != pages && (n < current-1 || n > current+1) {
			if len(links) > 0 && !links[len(links)-1].Gap {
				links = append(links, pageLink{Gap: true})
			}
			continue
		}
		links = append(links, pageLink{Number: n, URL: urlFor(n), Current: n == current})
	}
	if current > 1 && current <= pages {
		prev = urlFor(current - 1)
	}
	if current < pages {
		next = urlFor(current + 1)
	}
	return links, prev, next
}
