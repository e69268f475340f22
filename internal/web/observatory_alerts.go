package web

import (
	"net/http"
	"time"
)

// AlertsShownDays is how long a cleared alert stays on the alerts page.
const AlertsShownDays = 90

// observatoryAlertsView is the model of the alerts page.
type observatoryAlertsView struct {
	Page
	Open, Cleared []obsAlert
	Days          int
}

// obsAlert is an alert in words.
type obsAlert struct {
	Title, URL, Detail, Raised, Cleared string
}

// observatoryAlertsPage lists the open alerts and those cleared lately.
func (s *Server) observatoryAlertsPage(w http.ResponseWriter, r *http.Request) error {
	alerts, err := s.Observatory.Alerts(r.Context(), s.Now().Add(-AlertsShownDays*24*time.Hour))
	if err != nil {
		return err
	}
	v := &observatoryAlertsView{Page: s.page(r, "Alertes de l'observatoire"), Days: AlertsShownDays}
	for _, a := range alerts {
		oa := obsAlert{Title: a.Title, URL: "/observatoire/" + a.Procedure, Detail: a.Detail, Raised: frenchDateTime(a.RaisedAt)}
		if a.ClearedAt != nil {
			oa.Cleared = frenchDateTime(*a.ClearedAt)
			v.Cleared = append(v.Cleared, oa)
		} else {
			v.Open = append(v.Open, oa)
		}
	}
	return s.render(w, http.StatusOK, "observatory-alerts", v)
}
