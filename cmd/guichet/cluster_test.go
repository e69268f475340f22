package main

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
)

// TestTwoNodesServeOnePerson is issue 16's check that a node keeps nothing
// of its own: two `guichet serve` on one PostgreSQL database, sharing only
// the secret key and the folder of attachments, as the nodes of `make
// cluster` do. A person signs in on node A and is signed in on B; they
// fill half of a form on A and go on with it on B, alternating, and send
// it from B; a file they attach on A downloads from B; the wrong passwords
// typed on both nodes add up to one lock. With GUICHET_TEST_S3_URL
// (scripts/test-s3.sh), the files are in the S3-compatible store instead.
func TestTwoNodesServeOnePerson(t *testing.T) {
	dbURL := dbtest.URL(t)
	if dbURL == "" {
		t.Skip("several nodes share a PostgreSQL database: set GUICHET_TEST_DATABASE_URL (make test-postgres)")
	}
	dataA, dataB := t.TempDir(), t.TempDir()
	files := []string{"GUICHET_FILES=" + filepath.Join(dataA, "files")}
	if raw := os.Getenv("GUICHET_TEST_S3_URL"); raw != "" {
		// scripts/test-s3.sh: the files go to the S3-compatible server.
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		secret, _ := u.User.Password()
		files = []string{"GUICHET_FILES=s3:/" + u.Path + "/two-nodes-" + filepath.Base(dataA),
			"GUICHET_S3_ENDPOINT=" + u.Scheme + "://" + u.Host, "GUICHET_S3_ACCESS_KEY=" + u.User.Username(),
			"GUICHET_S3_SECRET_KEY=" + secret}
	}
	a := startServer(t, dataA, dbURL, files, "--demo", "--workers", "0")
	b := startServer(t, dataB, dbURL, append([]string{"GUICHET_SECRET_KEY_FILE=" + filepath.Join(dataA, "secret.key")}, files...),
		"--demo", "--workers", "0")
	nodes := []*server{a, b}

	c := newClient()
	mustPost(t, c, a.baseURL+"/connexion", url.Values{"email": {"usager@demo.guichet.test"}, "password": {"usager-demo-2026"}})
	if resp, body := get(t, c, b.baseURL+"/mes-demarches"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Camille") {
		t.Fatalf("signed in on A, /mes-demarches on B: %d", resp.StatusCode)
	}
	resp, _ := get(t, c, a.baseURL+"/demarches/prime-naissance/commencer")
	dossier := strings.TrimSuffix(resp.Header.Get("Location"), "/etape/1")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(dossier, "/mes-demarches/") {
		t.Fatalf("start on A: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Page 1 on A; B shows what A kept.
	mustPost(t, c, a.baseURL+dossier+"/etape/1", url.Values{"allocataire": {"7654321"}, "action": {"continuer"}})
	if _, page := get(t, c, b.baseURL+dossier+"/etape/1"); !strings.Contains(page, `value="7654321"`) {
		t.Fatal("the page saved on A is not shown filled on B")
	}
	for i, step := range []struct {
		page string
		form url.Values
	}{
		{"2", url.Values{"naissance_prevue.day": {"10"}, "naissance_prevue.month": {"3"},
			"naissance_prevue.year": {time.Now().AddDate(1, 0, 0).Format("2006")}}},
		{"3", url.Values{"activite": {"salarie"}}},
		{"5", url.Values{"revenus": {"30000"}}},
		{"6", url.Values{"iban": {"FR76 3000 6000 0112 3456 7890 189"}}},
		{"7", url.Values{"email": {"usager@demo.guichet.test"}}},
	} {
		step.form.Set("action", "continuer")
		mustPost(t, c, nodes[(i+1)%2].baseURL+dossier+"/etape/"+step.page, step.form)
	}
	mustPost(t, c, b.baseURL+dossier+"/envoyer", url.Values{})
	if _, receipt := get(t, c, a.baseURL+dossier+"/recu"); !regexp.MustCompile(`class="reference[^"]*">[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}<`).MatchString(receipt) {
		t.Fatal("sent on B, no reference on A's receipt")
	}

	// A file sent with a message on A downloads from B.
	pdf := []byte("%PDF-1.4\n% justificatif de domicile\n" + strings.Repeat("x", 2000) + "\n%%EOF\n")
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("message", "Voici mon justificatif.")
	fw, _ := mw.CreateFormFile("piece_jointe", "justificatif.pdf")
	fw.Write(pdf)
	mw.Close()
	req, _ := http.NewRequest("POST", a.baseURL+dossier+"/messages", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if resp, err := c.Do(req); err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("message with a file on A: %v %v", err, resp)
	}
	_, page := get(t, c, b.baseURL+dossier)
	link := regexp.MustCompile(`href="(` + dossier + `/fichiers/[0-9]+)"`).FindStringSubmatch(page)
	if link == nil {
		t.Fatal("B's dossier page does not link the file sent on A")
	}
	if resp, body := get(t, c, b.baseURL+link[1]); resp.StatusCode != http.StatusOK || body != string(pdf) {
		t.Errorf("the file sent on A, from B: %d, %d bytes (want %d)", resp.StatusCode, len(body), len(pdf))
	}

	// Five wrong passwords, typed on A and B in turn, lock the account on
	// both: the throttle's counts are in the database.
	other := newClient()
	for i := range 5 {
		post(t, other, nodes[i%2].baseURL+"/connexion", url.Values{"email": {"agent@demo.guichet.test"}, "password": {"pas-le-bon-mot-de-passe"}})
	}
	for _, n := range nodes {
		if resp, _ := post(t, other, n.baseURL+"/connexion", url.Values{"email": {"agent@demo.guichet.test"}, "password": {"agent-demo-2026"}}); resp.StatusCode == http.StatusSeeOther {
			t.Errorf("after five wrong passwords on A and B, the right one is let in on %s", n.baseURL)
		}
	}
}
