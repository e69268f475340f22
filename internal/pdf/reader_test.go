package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests open the files in a real PDF reader, poppler's pdftotext and
// pdfinfo, as the check does. Without poppler they are skipped: the
// structural tests still run with Go alone.

func requirePoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install poppler-utils): the check in a real PDF reader is skipped", tool)
		}
	}
}

// popplerRun writes d to a file and returns what tool prints for it.
func popplerRun(t *testing.T, d Document, tool string, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "document.pdf")
	if err := os.WriteFile(path, write(t, d), 0o600); err != nil {
		t.Fatal(err)
	}
	args = append(args, path)
	if tool == "pdftotext" {
		args = append(args, "-")
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
	if strings.Contains(string(out), "Syntax Error") || strings.Contains(string(out), "Syntax Warning") {
		t.Errorf("%s complains about the file:\n%s", tool, out)
	}
	// pdftotext gives the non-breaking space as U+00A0.
	return strings.ReplaceAll(string(out), "\u00a0", " ")
}

func TestPdftotext(t *testing.T) {
	requirePoppler(t)
	d := receipt(10)
	d.Blocks = append(d.Blocks, Block{Kind: Paragraph, Text: longText})
	text := popplerRun(t, d, "pdftotext", "-enc", "UTF-8")
	for _, want := range []string{
		"ABCD-EFGH",
		strings.ReplaceAll(accents, "\u00a0", " "),
		"Récépissé de votre demande d’acte de naissance",
		"samedi 1er mars 2025 à 14 h 30",
		"Page 1 sur 2",
		"Page 2 sur 2",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext output lacks %q:\n%s", want, text)
		}
	}
	// The long paragraph is wrapped into many lines and goes on to page 2.
	if n := strings.Count(text, "Les pièces justificatives"); n < 50 {
		t.Errorf("the long paragraph shows %d times, want 60", n)
	}
	for _, line := range strings.Split(text, "\n") {
		if len([]rune(line)) > 120 {
			t.Errorf("a line of %d characters was not wrapped: %q", len([]rune(line)), line)
		}
	}
	page2 := popplerRun(t, d, "pdftotext", "-enc", "UTF-8", "-f", "2", "-l", "2")
	if !strings.Contains(page2, "FIN-DU-TEXTE") || strings.Contains(page2, "ABCD-EFGH") {
		t.Errorf("page 2 should hold the end of the paragraph and not the reference:\n%s", page2)
	}
}

func TestPdfinfo(t *testing.T) {
	requirePoppler(t)
	info := popplerRun(t, receipt(45), "pdfinfo")
	for _, want := range []string{
		"Title:           Récépissé ABCD-EFGH",
		"Author:          Mairie de Lyon",
		"Pages:           2",
		"Page size:       595.28 x 841.89 pts (A4)",
		"PDF version:     1.4",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo output lacks %q:\n%s", want, info)
		}
	}
}
