package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/webhooks"
)

// webhookView is the page of one endpoint: what it receives, its state,
// its latest deliveries with their tries, and what the administrator can
// do (stop, restart, delete, send a delivery again).
type webhookView struct {
	Page
	Org        *identity.Organisation
	Endpoint   *webhooks.Endpoint
	Events     []webhooks.EventType
	Deliveries []webhookDeliveryRow
	Done       string // what the last action did, said in a status
}

// webhookDeliveryRow is a delivery as the page says it.
type webhookDeliveryRow struct {
	webhooks.Delivery
	Event string // the event's French label
	State string
	Tries []string
}

var webhookDone = map[string]string{
	"desactive": "Le point de réception est désactivé : il ne reçoit plus rien.",
	"active":    "Le point de réception est réactivé : il reçoit les nouveaux évènements.",
	"renvoye":   "L'envoi repart maintenant : son résultat s'affiche ci-dessous dans quelques secondes (rechargez la page).",
}

func (s *Server) webhookPage(w http.ResponseWriter, r *http.Request) error {
	org, ep, err := s.webhookOf(r)
	if err != nil {
		return err
	}
	list, err := s.Webhooks.Deliveries(r.Context(), org.ID, ep.ID, 20)
	if err != nil {
		return err
	}
	v := webhookView{Page: s.page(r, "Point de réception "+ep.URL), Org: org, Endpoint: ep,
		Done: webhookDone[r.URL.Query().Get("fait")]}
	for _, e := range webhooks.EventTypes() {
		if ep.Wants(e.Name) {
			v.Events = append(v.Events, e)
		}
	}
	for _, d := range list {
		v.Deliveries = append(v.Deliveries, describeDelivery(d))
	}
	return s.render(w, http.StatusOK, "webhooks-endpoint", v)
}

// describeDelivery words a delivery and its tries in French.
func describeDelivery(d webhooks.Delivery) webhookDeliveryRow {
	row := webhookDeliveryRow{Delivery: d, Event: d.EventType}
	for _, e := range webhooks.EventTypes() {
		if e.Name == d.EventType {
			row.Event = e.Label
		}
	}
	switch d.Status {
	case webhooks.Delivered:
		row.State = "Reçu le " + frenchDateTime(d.FinishedAt)
	case webhooks.Failed:
		row.State = "Abandonné le " + frenchDateTime(d.FinishedAt)
	default:
		row.State = "En attente : prochain essai le " + frenchDateTime(d.NextAttemptAt)
	}
	for _, t := range d.Tries {
		what := "pas de réponse"
		if t.StatusCode != 0 {
			what = "réponse " + strconv.Itoa(t.StatusCode)
		}
		line := fmt.Sprintf("%s : %s en %s", frenchDateTime(t.At), what, duration(t.Duration))
		if t.Error != "" {
			line += " (" + t.Error + ")"
		}
		row.Tries = append(row.Tries, line)
	}
	return row
}

// duration says how long a try took: "85 ms", "2,5 s".
func duration(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return strings.Replace(fmt.Sprintf("%.1f s", d.Seconds()), ".", ",", 1)
}

// webhookOf returns the organisation of the address and its endpoint {id}.
func (s *Server) webhookOf(r *http.Request) (*identity.Organisation, *webhooks.Endpoint, error) {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return nil, nil, err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, nil, errs.E(errs.NotFound, "Ce point de réception n'existe pas.")
	}
	ep, err := s.Webhooks.Endpoint(r.Context(), org.ID, id)
	if err != nil {
		return nil, nil, err
	}
	return org, ep, nil
}

func (s *Server) webhookAction(w http.ResponseWriter, r *http.Request) error {
	org, ep, err := s.webhookOf(r)
	if err != nil {
		return err
	}
	actor := currentUser(r).ID
	back := fmt.Sprintf("/espace/%s/webhooks/%d", org.Slug, ep.ID)
	switch r.PathValue("action") {
	case "desactiver":
		err, back = s.Webhooks.SetDisabled(r.Context(), actor, org.ID, ep.ID, true), back+"?fait=desactive"
	case "activer":
		err, back = s.Webhooks.SetDisabled(r.Context(), actor, org.ID, ep.ID, false), back+"?fait=active"
	case "supprimer":
		err, back = s.Webhooks.Delete(r.Context(), actor, org.ID, ep.ID), "/espace/"+org.Slug+"/webhooks?supprime=ok"
	default:
		return errs.E(errs.NotFound, "Cette action n'existe pas.")
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}

func (s *Server) webhookReplay(w http.ResponseWriter, r *http.Request) error {
	org, ep, err := s.webhookOf(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("delivery"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "Cet envoi n'existe pas.")
	}
	if err := s.Webhooks.Replay(r.Context(), currentUser(r).ID, org.ID, ep.ID, id); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/espace/%s/webhooks/%d?fait=renvoye", org.Slug, ep.ID), http.StatusSeeOther)
	return nil
}
