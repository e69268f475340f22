package pdf

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

const accents = "Élève né à Noël : ça dépasse où « l’œuvre » coûte 10\u00a0€ (à régler) — Ève"

// longText is a paragraph long enough to need more than one page.
var longText = strings.Repeat("Les pièces justificatives sont vérifiées par le service instructeur, qui peut vous demander un complément. ", 60) + "FIN-DU-TEXTE"

// receipt builds the receipt of a dossier with n answers.
func receipt(n int) Document {
	blocks := []Block{
		{Kind: Heading, Text: "Récépissé de votre demande d’acte de naissance"},
		{Kind: Pair, Label: "Référence", Value: "ABCD-EFGH"},
		{Kind: Pair, Label: "Envoyée le", Value: "samedi 1er mars 2025 à 14\u00a0h\u00a030"},
		{Kind: Paragraph, Text: accents},
		{Kind: Rule},
		{Kind: Heading, Text: "Vos réponses"},
	}
	for i := range n {
		blocks = append(blocks, Block{Kind: Pair, Label: "Question " + strings.Repeat("longue ", i%4) + "n° " + string(rune('A'+i%26)),
			Value: strings.Repeat("Réponse détaillée ", 1+i%5)})
	}
	blocks = append(blocks, Block{Kind: Spacer}, Block{Kind: Paragraph, Text: "La mairie vous répond sous 10 jours."})
	return Document{
		Title:   "Récépissé ABCD-EFGH",
		Author:  "Mairie de Lyon",
		Created: time.Date(2025, 3, 1, 14, 30, 0, 0, time.FixedZone("CET", 3600)),
		Blocks:  blocks,
	}
}

func write(t testing.TB, d Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := d.WriteTo(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) {
		t.Fatalf("WriteTo returned %d, wrote %d bytes", n, buf.Len())
	}
	return buf.Bytes()
}

func parse(t testing.TB, data []byte) *parsed {
	t.Helper()
	p, err := checkStructure(data)
	if err != nil {
		t.Fatalf("structure: %v", err)
	}
	return p
}

func TestStructure(t *testing.T) {
	for name, d := range map[string]Document{
		"receipt":   receipt(40),
		"empty":     {},
		"long text": {Title: "Long", Blocks: []Block{{Text: longText}}},
	} {
		t.Run(name, func(t *testing.T) {
			p := parse(t, write(t, d))
			for _, want := range []string{"/Lang (fr-FR)", "/ViewerPreferences << /DisplayDocTitle true >>"} {
				if !bytes.Contains(p.catalog, []byte(want)) {
					t.Errorf("catalog %q lacks %s", p.catalog, want)
				}
			}
			for i, lines := range p.pages {
				want := "Page " + strconv.Itoa(i+1) + " sur " + strconv.Itoa(len(p.pages))
				if got := lines[len(lines)-1]; got != want {
					t.Errorf("page %d ends with %q, want %q", i+1, got, want)
				}
			}
		})
	}
}

func TestInfo(t *testing.T) {
	p := parse(t, write(t, receipt(1)))
	info := string(p.objects[infoObject])
	for _, want := range []string{
		// "Récépissé ABCD-EFGH" in UTF-16BE with its byte order mark.
		"/Title <FEFF005200E9006300E9007000690073007300E900200041004200430044002D0045004600470048>",
		"/Author (Mairie de Lyon)",
		"/CreationDate (D:20250301143000+01'00')",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("info %s lacks %s", info, want)
		}
	}
}

func TestEncode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"é è ê à ç ù œ « » ’ €", "\xe9 \xe8 \xea \xe0 \xe7 \xf9 \x9c \xab \xbb \x92 \x80"},
		{"Œuvre Ÿ", "\x8cuvre \x9f"},
		{"10\u202f%\u00a0!", "10\xa0%\xa0!"},
		{"Łukasz Ștefan Čapek", "Lukasz Stefan Capek"},
		{"a\u2011b\u00adc\u200bd", "a-bcd"},
		{"日本 ☃", "?? ?"},
		{"bad \xff utf8", "bad ? utf8"},
		{"tab\there\r\nline\x00\x1b", "tab here\nline"},
	}
	for _, tt := range tests {
		if got := string(encode(tt.in)); got != tt.want {
			t.Errorf("encode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestWidths checks a few widths against Adobe's AFM files, in particular
// where the two fonts differ.
func TestWidths(t *testing.T) {
	tests := []struct {
		f    *font
		text string
		want float64 // in thousandths at size 1000
	}{
		{regular, "W@i", 944 + 1015 + 222},
		{bold, "W@i", 944 + 975 + 278},
		{regular, "çéœ€", 500 + 556 + 944 + 556},
		{bold, "çéœ€", 556 + 556 + 944 + 556},
		{regular, "« »\u00a0", 556 + 278 + 556 + 278},
	}
	for _, tt := range tests {
		if got := tt.f.width(encode(tt.text), 1000); got != tt.want {
			t.Errorf("%s width of %q = %v, want %v", tt.f.base, tt.text, got, tt.want)
		}
	}
}

func TestWrap(t *testing.T) {
	text := encode(longText + " " + strings.Repeat("x", 300) + "\nnouvelle\u00a0ligne")
	lines := wrap(paragraphStyle, text, textWidth)
	for i, l := range lines {
		if w := paragraphStyle.font.width(l, paragraphStyle.size); w > textWidth {
			t.Errorf("line %d is %.1f points wide, more than %.1f", i, w, textWidth)
		}
		// Greedy wrapping: the next line's first word did not fit here
		// (the last line follows a line feed).
		if i < len(lines)-2 {
			next, _, _ := bytes.Cut(lines[i+1], []byte(" "))
			if w := paragraphStyle.font.width(append(append(slices.Clone(l), ' '), next...), paragraphStyle.size); w <= textWidth {
				t.Errorf("line %d (%q) had room for %q", i, l, next)
			}
		}
	}
	if got := string(lines[len(lines)-1]); got != "nouvelle\xa0ligne" {
		t.Errorf("last line %q: a line feed starts a line, a non-breaking space does not break", got)
	}
	joined := bytes.Join(lines, []byte(" "))
	if !bytes.Equal(withoutSpaces(joined), withoutSpaces(text)) {
		t.Error("wrapping lost or changed text")
	}
}

func withoutSpaces(b []byte) []byte {
	return bytes.Map(func(r rune) rune {
		if r == ' ' || r == '\n' {
			return -1
		}
		return r
	}, b)
}

func TestPageBreaks(t *testing.T) {
	pages := layout([]Block{{Kind: Heading, Text: "Titre"}, {Text: longText}})
	if len(pages) < 2 {
		t.Fatalf("%d page for a long text", len(pages))
	}
	for i, p := range pages {
		for _, l := range p.lines[:len(p.lines)-1] {
			if l.y < marginBottom || l.y > pageHeight-marginTop {
				t.Errorf("page %d: line %q at y=%.1f, in a margin", i+1, l.text, l.y)
			}
		}
	}
	p := parse(t, write(t, Document{Blocks: []Block{{Text: longText}}}))
	var body []string
	for _, lines := range p.pages {
		body = append(body, lines[:len(lines)-1]...)
	}
	if got, want := withoutSpaces([]byte(strings.Join(body, ""))), withoutSpaces(encode(longText)); !bytes.Equal(got, want) {
		t.Errorf("the text read back from the pages differs from the text written")
	}
}

// TestHeadingNotAlone fills a page to its last line, then checks that a
// heading goes to the next page with the text that follows it.
func TestHeadingNotAlone(t *testing.T) {
	var blocks []Block
	for range 200 {
		blocks = append(blocks, Block{Text: "ligne"})
		pages := layout(append(slices.Clone(blocks), Block{Kind: Heading, Text: "Titre"}, Block{Text: "suite"}))
		first := pages[0]
		last := first.lines[len(first.lines)-2] // before the page number
		if string(last.text) == "Titre" {
			t.Fatalf("with %d lines before it, the heading ends page 1", len(blocks))
		}
		if len(pages) > 1 {
			return
		}
	}
	t.Fatal("never reached a second page")
}

// TestPairKeptWhole checks that a short Pair never starts at the foot of a
// page and ends on the next, while a very long one does.
func TestPairKeptWhole(t *testing.T) {
	value := strings.Repeat("Réponse détaillée ", 14) // three lines
	var blocks []Block
	for range 60 {
		blocks = append(blocks, Block{Kind: Pair, Label: "Question", Value: value})
	}
	pages := layout(blocks)
	if len(pages) < 2 {
		t.Fatalf("%d page for 60 answers", len(pages))
	}
	for i, p := range pages {
		if string(p.lines[0].text) != "Question" {
			t.Errorf("page %d starts with %q, the end of a short answer", i+1, p.lines[0].text)
		}
	}
	if pages := layout([]Block{{Kind: Pair, Label: "Long", Value: longText}}); len(pages) < 2 {
		t.Errorf("%d page: a very long answer runs over several pages", len(pages))
	}
}

func TestEscaping(t *testing.T) {
	text := `a (b) c\d ((e)) \) é`
	p := parse(t, write(t, Document{Blocks: []Block{{Text: text}}}))
	if got := p.pages[0][0]; got != string(encode(text)) {
		t.Errorf("read back %q, want %q", got, encode(text))
	}
}

func TestWriteToError(t *testing.T) {
	want := errors.New("disk full")
	if _, err := receipt(3).WriteTo(failingWriter{want}); !errors.Is(err, want) {
		t.Errorf("WriteTo returned %v, want %v", err, want)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

func BenchmarkWriteReceipt(b *testing.B) {
	d := receipt(45)
	if p := parse(b, write(b, d)); len(p.pages) != 2 {
		b.Fatalf("the benchmark receipt has %d pages, want 2", len(p.pages))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.WriteTo(&bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}
