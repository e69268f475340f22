package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"guichet/internal/catalogue"
	"guichet/internal/errs"
)

// resultsPerPage keeps a page of results short enough to read on a phone.
const resultsPerPage = 10

// searchView is the model of the catalogue page: the search form, and either the results or
// the ways to browse (categories, life events, most requested procedures). A search without
// result shows the categories too.
type searchView struct {
	Page
	Query    string
	Searched bool
	Total    int
	Results  []procedureItem
	// PageNum counts from 1; PrevURL and NextURL are "" at the ends.
	PageNum, Pages   int
	PrevURL, NextURL string
	Categories       []categoryCard
	Events           []eventCard
	Popular          []procedureItem
	Nearby           placesNearby
}

func (s *Server) catalogueSearchPage(w http.ResponseWriter, r *http.Request) error {
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return err
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	v := searchView{Page: s.page(r, "Trouver une démarche"), Query: q, Searched: q != ""}
	if !v.Searched {
		v.Categories = categoryCards(sn)
		v.Events = eventCards(sn.LifeEvents())
		v.Popular = itemsOf(sn.Procedures()[:min(8, len(sn.Procedures()))])
		return s.render(w, http.StatusOK, "catalogue-search", v)
	}
	v.PageNum = pageNumber(r)
	res := sn.Search(q, (v.PageNum-1)*resultsPerPage, resultsPerPage)
	v.Total = res.Total
	v.Pages = (res.Total + resultsPerPage - 1) / resultsPerPage
	if v.PageNum > max(v.Pages, 1) {
		return errs.E(errs.NotFound, "Cette page de résultats n'existe pas. Revenez à la première page.")
	}
	for _, h := range res.Hits {
		v.Results = append(v.Results, itemOf(h.PublishedProcedure))
	}
	v.Title = plural(res.Total, "résultat", "résultats") + " pour « " + q + " »"
	if res.Total == 0 {
		v.Title = "Aucun résultat pour « " + q + " »"
	}
	if v.PageNum > 1 {
		v.Title += ", page " + strconv.Itoa(v.PageNum)
		v.PrevURL = searchURL(q, v.PageNum-1)
	}
	if v.PageNum < v.Pages {
		v.NextURL = searchURL(q, v.PageNum+1)
	}
	if res.Total == 0 {
		// Nothing found: the categories are another way in.
		v.Categories = categoryCards(sn)
		if v.Nearby, err = s.placesNearbyFor(r, 3); err != nil {
			return err
		}
		v.Nearby.Intro = "Une personne peut vous aider à trouver la bonne démarche et à la faire, souvent gratuitement."
	}
	return s.render(w, http.StatusOK, "catalogue-search", v)
}

// pageNumber reads the "page" parameter, 1 when missing or wrong.
func pageNumber(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// searchURL is the address of one page of results.
func searchURL(q string, page int) string {
	v := url.Values{"q": {q}}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return "/demarches?" + v.Encode()
}

// categoryView is the model of a category's page.
type categoryView struct {
	Page
	Category   catalogue.Category
	Items      []procedureItem
	Categories []categoryCard
}

func (s *Server) catalogueCategoryPage(w http.ResponseWriter, r *http.Request) error {
	c, ok := catalogue.CategoryBySlug(r.PathValue("cat"))
	if !ok {
		return errs.E(errs.NotFound, "Cette catégorie n'existe pas. Choisissez-en une dans la liste des démarches.")
	}
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return err
	}
	v := categoryView{Page: s.page(r, c.Label), Category: c, Items: itemsOf(sn.InCategory(c.Slug)),
		Categories: categoryCards(sn)}
	return s.render(w, http.StatusOK, "catalogue-category", v)
}

// eventsView is the model of the list of life events.
type eventsView struct {
	Page
	Events []eventCard
}

func (s *Server) lifeEventsPage(w http.ResponseWriter, r *http.Request) error {
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return err
	}
	v := eventsView{Page: s.page(r, "Les moments de la vie"), Events: eventCards(sn.LifeEvents())}
	return s.render(w, http.StatusOK, "catalogue-events", v)
}

// lifeEventView is the model of a life event's page.
type lifeEventView struct {
	Page
	Event catalogue.LifeEvent
	Steps []procedureItem
}

func (s *Server) lifeEventPage(w http.ResponseWriter, r *http.Request) error {
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return err
	}
	e, procs, ok := sn.LifeEvent(r.PathValue("slug"))
	if !ok {
		return errs.E(errs.NotFound, "Cette page n'existe pas. Retrouvez les moments de la vie dans la liste des démarches.")
	}
	v := lifeEventView{Page: s.page(r, e.Title), Event: e, Steps: itemsOf(procs)}
	return s.render(w, http.StatusOK, "catalogue-event", v)
}
