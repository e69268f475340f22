package mail

import (
	"context"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// stepClock returns a clock that moves one second at each reading, so that
// each send of a test gets a time of its own.
func stepClock() func() time.Time {
	t := time.Date(2026, 3, 29, 8, 30, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

func newTestOutbox(t *testing.T) (*outbox, string) {
	dir := filepath.Join(t.TempDir(), "outbox")
	o := NewOutbox(dir).(*outbox)
	o.now = stepClock()
	return o, dir
}

func TestOutboxRoundTrip(t *testing.T) {
	t.Parallel()
	o, dir := newTestOutbox(t)
	want := []Message{
		{
			To:      "zoe.lefevre@exemple.fr",
			Subject: "Votre passeport est prêt à être retiré à la mairie de Saint-Étienne — rendez-vous avant le 12 avril",
			Body:    "Bonjour Zoé,\n\nVotre passeport est prêt. Présentez-vous à l'accueil « État civil » avec votre reçu.\n\nÀ bientôt,\nLa mairie\n",
		},
		{
			To:      "Élodie Nguyễn <elodie@exemple.fr>",
			Subject: "Dossier n° 2026-0042 : pièce manquante",
			Body:    strings.Repeat("Il manque un justificatif de domicile de moins de trois mois. ", 5) + "\r\nMerci.",
		},
		{To: "Jean Dupont <jean@exemple.fr>", Subject: "Plain ASCII", Body: "No accent, trailing spaces   \nand a final line without newline"},
	}
	for i, m := range want {
		if err := o.Send(context.Background(), m, "key-"+string(rune('a'+i))); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
	got, err := ReadOutbox(dir)
	if err != nil {
		t.Fatal(err)
	}
	want[1].Body = strings.ReplaceAll(want[1].Body, "\r\n", "\n") // line ends read back as \n
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
}

func TestOutboxFilesAreWellFormed(t *testing.T) {
	t.Parallel()
	o, dir := newTestOutbox(t)
	m := Message{To: "zoe@exemple.fr", Subject: "Reçu de votre demande", Body: strings.Repeat("é", 300)}
	if err := o.Send(context.Background(), m, "dossier-1-recu"); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != 1 {
		t.Fatalf("got %d files, want 1", len(files))
	}
	if name := filepath.Base(files[0]); !strings.HasPrefix(name, "20260329T083001.000000000Z-") {
		t.Errorf("file name %q does not start with the time of writing", name)
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	head, body, ok := strings.Cut(string(raw), "\r\n\r\n")
	if !ok {
		t.Fatal("no blank line between headers and body")
	}
	for _, line := range strings.Split(head+"\r\n"+body, "\r\n") {
		if len(line) > 78 || strings.ContainsAny(line, "\r\n") {
			t.Errorf("line of %d bytes or with a bare line break: %q", len(line), line)
		}
		for _, b := range []byte(line) {
			if b > 126 {
				t.Fatalf("non-ASCII byte in %q", line)
			}
		}
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	wantHeaders := map[string]string{
		"To":                        "zoe@exemple.fr",
		"Date":                      "Sun, 29 Mar 2026 08:30:01 +0000",
		"From":                      `"Guichet" <ne-pas-repondre@guichet.invalid>`,
		"Message-Id":                "<" + keyHash("dossier-1-recu") + "@guichet.invalid>",
		"Mime-Version":              "1.0",
		"Content-Type":              "text/plain; charset=utf-8",
		"Content-Transfer-Encoding": "quoted-printable",
	}
	for name, want := range wantHeaders {
		if got := msg.Header.Get(name); got != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
}

func TestOutboxWritesAKeyOnce(t *testing.T) {
	t.Parallel()
	o, dir := newTestOutbox(t)
	ctx := context.Background()
	first := Message{To: "a@exemple.fr", Subject: "Premier envoi", Body: "1"}
	retry := Message{To: "a@exemple.fr", Subject: "Nouvel essai", Body: "2"}
	sends := []struct {
		m   Message
		key string
	}{
		{first, "mail.send:dossier-9"},
		{retry, "mail.send:dossier-9"}, // the job ran again: nothing new
		{first, "mail.send:dossier-10"},
		{first, ""}, // no key: always written
		{first, ""},
	}
	for _, s := range sends {
		if err := o.Send(ctx, s.m, s.key); err != nil {
			t.Fatal(err)
		}
	}
	got, err := ReadOutbox(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Message{first, first, first, first}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outbox (-want +got):\n%s", diff)
	}
}

func TestReadOutboxSkipsOtherFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(dir string) error
	}{
		{"folder missing", func(dir string) error { return nil }},
		{"temporary and other files", func(dir string) error {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, ".tmp-123"), []byte("half"), 0o640); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, "LISEZMOI.txt"), []byte("notes"), 0o640)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "outbox")
			if err := tt.setup(dir); err != nil {
				t.Fatal(err)
			}
			got, err := ReadOutbox(dir)
			if err != nil || len(got) != 0 {
				t.Errorf("got %v, %v; want no message and no error", got, err)
			}
		})
	}
}
