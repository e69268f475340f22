package web

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"guichet/internal/identity"
)

// countingBody is a request body of n bytes made on demand, which counts
// what the server read of it.
type countingBody struct {
	left, read int64
	fill       byte
}

func (b *countingBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), b.left)
	for i := range p[:n] {
		p[i] = b.fill
	}
	b.left -= n
	b.read += n
	return int(n), nil
}

func (b *countingBody) Close() error { return nil }

// bigPost is a POST of n bytes of contentType to path; declared says
// whether it announces its length (else it is sent in chunks).
func bigPost(path, contentType string, n int64, declared bool) (*http.Request, *countingBody) {
	body := &countingBody{left: n, fill: 'a'}
	req := httptest.NewRequest("POST", path, body)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.ContentLength = -1
	if declared {
		req.ContentLength = n
	}
	return req, body
}

func TestBodyLimits(t *testing.T) {
	ts := newTestServer(t)
	const mb = 1 << 20
	tests := []struct {
		name        string
		path, ctype string
		size        int64
		declared    bool
		status      int
		maxRead     int64
		say         string
	}{
		{"60 MB multipart to the sign-in page", "/connexion", "multipart/form-data; boundary=x", 60 * mb, true,
			http.StatusRequestEntityTooLarge, 0, "au plus 1 Mo"},
		{"60 MB multipart in chunks to the sign-in page", "/connexion", "multipart/form-data; boundary=x", 60 * mb, false,
			http.StatusUnsupportedMediaType, 0, "n'accepte pas de fichier"},
		{"small multipart to the sign-in page", "/connexion", "multipart/form-data; boundary=x", 100, true,
			http.StatusUnsupportedMediaType, 0, "n'accepte pas de fichier"},
		{"3 MB form in chunks to the sign-in page", "/connexion", "application/x-www-form-urlencoded", 3 * mb, false,
			http.StatusRequestEntityTooLarge, mb + 64<<10, "trop lourd"},
		{"3 MB form to the sign-up page", "/inscription", "application/x-www-form-urlencoded", 3 * mb, true,
			http.StatusRequestEntityTooLarge, 0, "au plus 1 Mo"},
		{"60 MB to the places import", "/admin/lieux/import", "multipart/form-data; boundary=x", 60 * mb, true,
			http.StatusRequestEntityTooLarge, 0, "au plus 20 Mo"},
		{"60 MB to the API", "/api/v1/places", "application/json", 60 * mb, true,
			http.StatusRequestEntityTooLarge, 0, "trop lourd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, body := bigPost(tt.path, tt.ctype, tt.size, tt.declared)
			rec := serve(ts, req)
			if rec.Code != tt.status {
				t.Errorf("status %d, want %d", rec.Code, tt.status)
			}
			if body.read > tt.maxRead {
				t.Errorf("the server read %d bytes, want at most %d", body.read, tt.maxRead)
			}
			if page := html.UnescapeString(rec.Body.String()); !strings.Contains(page, tt.say) {
				t.Errorf("answer does not say %q:\n%s", tt.say, page)
			}
		})
	}
}

// TestImportTakesFilesPastTheFormLimit checks that the places import, the
// one page that takes a file, accepts one heavier than an ordinary form.
func TestImportTakesFilesPastTheFormLimit(t *testing.T) {
	ps := newPlacesServer(t)
	var csv strings.Builder
	csv.WriteString("id,pivot,nom,commune,code_postal,adresse,presentation_detail,date_maj,source\n")
	for i := 0; csv.Len() < 2*maxFormBody; i++ {
		csv.WriteString("grand-" + strconv.Itoa(i) + ",12345678901234,Espace numérique,Testville,69100,1 rue des Essais," +
			strings.Repeat("Bla ", 700) + ",2024-04-01,test\n")
	}
	rec := serveWith(ps.testServer, importRequest(t, "lieux.csv", csv.String(), ""), ps.tokens[identity.RoleAdmin])
	if body := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(body, " lieux ajoutés, 0 mis à jour, 0 refusé") {
		t.Fatalf("status %d, want 200 and every place added", rec.Code)
	}
}
