package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"guichet/internal/demo"
	"guichet/internal/identity"
)

func TestActivityReportThenStatistics(t *testing.T) {
	t.Parallel()
	cs := newMediationServer(t)
	mediator := string(identity.RoleMediator)
	org := "/espace/" + demo.ClaimedPlaceOrg
	before, _ := cs.Activity.Stats(context.Background(), cs.Activity.LastMonths(0, 12))
	form := cs.get(org+"/activite", mediator)
	if form.Code != 200 || !strings.Contains(form.Body.String(), `value="30" checked`) {
		t.Fatalf("report form: %d\n%.2000s", form.Code, form.Body.String())
	}
	today := cs.Now().In(paris)
	rec := cs.post(org+"/activite", mediator, url.Values{"kind": {"individuel"},
		"held_on": {fmt.Sprintf("%d/%d/%d", today.Day(), today.Month(), today.Year())}, "minutes": {"45"}, "place_id": {"0"},
		"themes": {"courriel", "demarche-famille"}, "autonomy": {"autonome"}, "orientation": {"caf"}})
	if rec.Code != 303 {
		t.Fatalf("save: %d\n%.2000s", rec.Code, rec.Body.String())
	}
	stats := cs.get(org+"/activite/statistiques", mediator)
	body := stats.Body.String()
	if stats.Code != 200 || !strings.Contains(body, `<svg role="img"`) || !strings.Contains(body, "Karim Benali") ||
		!strings.Contains(body, plural(before.Total.Reports+1, "compte rendu", "comptes rendus")) {
		t.Fatalf("stats: %d\n%.3000s", stats.Code, body)
	}
	csv := cs.get(org+"/activite/statistiques.csv?mois=3", mediator)
	if csv.Code != 200 || !strings.HasPrefix(csv.Body.String(), "regroupement,valeur,") ||
		!strings.Contains(csv.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("CSV: %d\n%s", csv.Code, csv.Body.String())
	}
	all := cs.get("/espace/observatoire/activite/toutes-structures", string(identity.RoleObservatory))
	if all.Code != 200 || !strings.Contains(all.Body.String(), "France Services") || !strings.Contains(all.Body.String(), "Dossiers aidés par un médiateur") {
		t.Fatalf("observatory: %d", all.Code)
	}
	// A mediator cannot read every structure's figures, nor the observatory a structure's form.
	if got := cs.get("/espace/observatoire/activite/toutes-structures", mediator); got.Code != 403 {
		t.Errorf("mediator on the observatory's page: %d", got.Code)
	}
}
