package csvsafe

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"- Accueil libre", "'- Accueil libre"},
		{"-", "'-"},
		{"+", "'+"},
		// Plain numbers are read as numbers by a spreadsheet, never run.
		{"-1.5", "-1.5"},
		{"-20.8821", "-20.8821"},
		{"+33180059880", "+33180059880"},
		{"-2.5e3", "-2.5e3"},
		{"-.5", "-.5"},
		// Text that does not start with a trigger is left alone.
		{"Mairie annexe", "Mairie annexe"},
		{"Mo-Fr 09:00-12:00", "Mo-Fr 09:00-12:00"},
		{"a=b", "a=b"},
		{"", ""},
		{"'=déjà protégé", "'=déjà protégé"},
	}
	for _, tt := range tests {
		if got := Cell(tt.in); got != tt.want {
			t.Errorf("Cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Unquote(Cell(tt.in)); got != tt.in && tt.in != "'=déjà protégé" {
			t.Errorf("Unquote(Cell(%q)) = %q, want it back", tt.in, got)
		}
	}
}

func TestWriter(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	record := []string{"nom", `=HYPERLINK("http://x","y")`, "-1.5", "@x"}
	if err := w.Write(record); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	if record[1] != `=HYPERLINK("http://x","y")` {
		t.Errorf("Write changed its argument: %q", record[1])
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"nom", `'=HYPERLINK("http://x","y")`, "-1.5", "'@x"}}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}
