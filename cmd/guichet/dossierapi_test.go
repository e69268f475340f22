package main

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
)

// TestDossiersAPIWithATokenFromTheCommandLine is the administrations'
// API from end to end on the real binary: a person sends prime-naissance
// to the CAF through the pages; with a token from `guichet token create`,
// the API lists it, takes it and accepts it with a motive; the person's
// « Mes démarches » shows the decision and its motive; the CPAM's token
// gets 404; a read-only token of the CAF cannot write.
func TestDossiersAPIWithATokenFromTheCommandLine(t *testing.T) {
	data, dbURL := t.TempDir(), dbtest.URL(t)
	s := startServer(t, data, dbURL, nil, "--demo")
	person := newClient()
	resp, _ := post(t, person, s.baseURL+"/connexion", url.Values{"email": {"usager@demo.guichet.test"}, "password": {"usager-demo-2026"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", resp.StatusCode)
	}
	id, ref := sendPrimeNaissance(t, person, s.baseURL)

	token := func(org string, extra ...string) string {
		t.Helper()
		args := append([]string{"token", "create", "--data", data, "--org", org, "--name", "Logiciel de " + org}, extra...)
		cmd := exec.Command(guichetBinary(t), args...)
		cmd.Env = append(os.Environ(), "GUICHET_DATABASE_URL="+dbURL)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("token create %v: %v", args, err)
		}
		return strings.TrimSpace(string(out))
	}
	caf, cafRead, cpam := token("caf"), token("caf", "--read-only"), token("cpam")
	api := func(method, path, tok, body string) (int, string) {
		t.Helper()
		var rd io.Reader
		if body != "" {
			rd = strings.NewReader(body)
		}
		req, _ := http.NewRequest(method, s.baseURL+path, rd)
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	// The CAF's token finds the dossier in its list, page after page.
	found, cursor := false, ""
	for page := 0; page < 50 && !found; page++ {
		code, body := api("GET", "/api/v1/dossiers?procedure=prime-naissance&limit=20&cursor="+cursor, caf, "")
		var list struct {
			Dossiers   []struct{ Reference, State string }
			NextCursor string `json:"next_cursor"`
			HasMore    bool   `json:"has_more"`
		}
		if err := json.Unmarshal([]byte(body), &list); code != 200 || err != nil {
			t.Fatalf("list: %d %s", code, body)
		}
		for _, d := range list.Dossiers {
			found = found || (d.Reference == ref && d.State == "en_construction")
		}
		if !list.HasMore {
			break
		}
		cursor = list.NextCursor
	}
	if !found {
		t.Fatalf("the CAF's list lacks %s", ref)
	}
	path := "/api/v1/dossiers/" + ref
	if code, body := api("GET", path, cpam, ""); code != 404 || !strings.Contains(body, `"code":"not_found"`) {
		t.Fatalf("the CPAM's token reads it: %d %s", code, body)
	}
	if code, _ := api("POST", path+"/state", cpam, `{"state":"en_instruction"}`); code != 404 {
		t.Fatalf("the CPAM's token takes it: %d", code)
	}
	if code, body := api("POST", path+"/state", cafRead, `{"state":"en_instruction"}`); code != 403 || !strings.Contains(body, "read_only_token") {
		t.Fatalf("a read-only token takes it: %d %s", code, body)
	}
	if code, body := api("GET", path, cafRead, ""); code != 200 || !strings.Contains(body, `"allocataire"`) {
		t.Fatalf("the read-only token reads it: %d %s", code, body)
	}
	if code, body := api("POST", path+"/state", caf, `{"state":"en_instruction"}`); code != 200 || !strings.Contains(body, `"state":"en_instruction"`) {
		t.Fatalf("take: %d %s", code, body)
	}
	const motive = "Vous remplissez les conditions : la prime sera versée sous quinze jours."
	if code, body := api("POST", path+"/state", caf, `{"state":"accepte","motive":"`+motive+`"}`); code != 200 || !strings.Contains(body, `"state":"accepte"`) {
		t.Fatalf("accept: %d %s", code, body)
	}

	// The person sees the decision in « Mes démarches », and its motive on the dossier's page.
	_, list := get(t, person, s.baseURL+"/mes-demarches")
	if !strings.Contains(list, ref) || !strings.Contains(list, "Accepté") {
		t.Fatalf("« Mes démarches » does not show the decision of %s", ref)
	}
	resp, page := get(t, person, s.baseURL+"/mes-demarches/"+strconv.FormatInt(id, 10))
	if resp.StatusCode != 200 || !strings.Contains(html.UnescapeString(page), motive) {
		t.Fatalf("the dossier's page (%d) does not show the motive", resp.StatusCode)
	}
}

// primeNaissance are the answers of each page of the demo form of
// prime-naissance (page 4, the SIRET, is skipped for an employee).
func primeNaissance() map[string]url.Values {
	year := strconv.Itoa(time.Now().Year() + 1)
	return map[string]url.Values{
		"1": {"allocataire": {"1234567"}},
		"2": {"naissance_prevue.day": {"15"}, "naissance_prevue.month": {"6"}, "naissance_prevue.year": {year}},
		"3": {"activite": {"salarie"}},
		"5": {"revenus": {"25000"}},
		"6": {"iban": {"FR7630006000011234567890189"}},
		"7": {"email": {"usager@demo.guichet.test"}},
	}
}

var stepPath = regexp.MustCompile(`^/mes-demarches/(\d+)/etape/(\d+)$`)

// sendPrimeNaissance fills and sends prime-naissance through the pages,
// as the signed-in person c, and returns the dossier's id and reference.
func sendPrimeNaissance(t *testing.T, c *http.Client, base string) (int64, string) {
	t.Helper()
	resp, _ := get(t, c, base+"/demarches/prime-naissance/commencer")
	loc := resp.Header.Get("Location")
	answers := primeNaissance()
	for range 10 {
		m := stepPath.FindStringSubmatch(loc)
		if m == nil {
			break
		}
		form, ok := answers[m[2]]
		if !ok {
			t.Fatalf("no answers for page %s", m[2])
		}
		form.Set("action", "continuer")
		resp, body := post(t, c, base+loc, form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("page %s: %d\n%s", m[2], resp.StatusCode, body)
		}
		loc = resp.Header.Get("Location")
	}
	review := regexp.MustCompile(`^/mes-demarches/(\d+)/verifier$`).FindStringSubmatch(loc)
	if review == nil {
		t.Fatalf("after the pages: %q, want the review", loc)
	}
	id, _ := strconv.ParseInt(review[1], 10, 64)
	resp, _ = post(t, c, fmt.Sprintf("%s/mes-demarches/%d/envoyer", base, id), url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("send: %d", resp.StatusCode)
	}
	_, receipt := get(t, c, base+resp.Header.Get("Location"))
	m := regexp.MustCompile(`class="reference big">([0-9A-Z]{4}-[0-9A-Z]{4})<`).FindStringSubmatch(receipt)
	if m == nil {
		t.Fatal("the receipt shows no reference")
	}
	return id, m[1]
}
