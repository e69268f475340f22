package mail

import (
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"
)

// A message with an HTML version is multipart/alternative: the plain text
// first, then the HTML, each quoted-printable UTF-8, read back intact by a
// standard MIME parser; without one it stays a single text/plain body.
func TestComposeMultipartAlternative(t *testing.T) {
	t.Parallel()
	from := &mail.Address{Name: "Guichet", Address: "ne-pas-repondre@guichet.test"}
	m := Message{To: "zoe@exemple.fr", Subject: "Votre passeport est prêt",
		Body: "Bonjour,\n\nVotre demande AB12-CD34 « passeport » est prête.",
		HTML: "<p>Bonjour,</p>\n<p>Votre demande AB12-CD34 « passeport » est prête.</p>\n"}
	raw := compose(from, m, "cle-1", time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	if again := compose(from, m, "cle-1", time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)); string(again) != string(raw) {
		t.Error("the same message and key compose differently")
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" || params["boundary"] == "" {
		t.Fatalf("Content-Type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	var types, texts []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(p)
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, p.Header.Get("Content-Type"))
		texts = append(texts, strings.ReplaceAll(string(b), "\r\n", "\n"))
	}
	if len(types) != 2 || types[0] != "text/plain; charset=utf-8" || types[1] != "text/html; charset=utf-8" {
		t.Fatalf("parts %q", types)
	}
	if !strings.Contains(texts[0], "Votre demande AB12-CD34 « passeport » est prête.") || strings.Contains(texts[0], "<p>") {
		t.Errorf("plain part %q", texts[0])
	}
	for _, want := range []string{`<html lang="fr">`, "<title>Votre passeport est prêt</title>", "<p>Votre demande AB12-CD34 « passeport » est prête.</p>"} {
		if !strings.Contains(texts[1], want) {
			t.Errorf("HTML part lacks %q: %q", want, texts[1])
		}
	}
	got, err := parseMessage(strings.NewReader(string(raw)))
	if err != nil || got.Body != m.Body || !strings.Contains(got.HTML, m.HTML) {
		t.Errorf("read back %+v, %v", got, err)
	}

	m.HTML = ""
	plain, _ := mail.ReadMessage(strings.NewReader(string(compose(from, m, "cle-2", time.Now()))))
	if ct := plain.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("without HTML: Content-Type %q", ct)
	}
}

// The subject is escaped in the HTML title.
func TestHTMLDocumentEscapesTheSubject(t *testing.T) {
	t.Parallel()
	doc := htmlDocument(`<script>alert("x")</script> & co`, "<p>ok</p>")
	if strings.Contains(doc, "<script>") || !strings.Contains(doc, "&lt;script&gt;") || !strings.Contains(doc, "&amp; co") {
		t.Errorf("title not escaped: %s", doc)
	}
}
