package pdf

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// FuzzWriteTo writes documents whose every text is random and checks that
// the file is always well formed and that no character is lost: each one
// is either drawn or, outside WinAnsi, replaced.
func FuzzWriteTo(f *testing.F) {
	f.Add("Récépissé", "texte (avec) des \\ parenthèses", "ABCD-EFGH", uint8(3))
	f.Add("", "", "", uint8(0))
	f.Add("日本語 ☃ \x00\xff", strings.Repeat("mot ", 800), "\u202f\u00a0\n\r\t", uint8(200))
	f.Add(strings.Repeat("x", 5000), "((((", "))))", uint8(1))
	f.Fuzz(func(t *testing.T, a, b, c string, kind uint8) {
		d := Document{Title: a, Author: c, Blocks: []Block{
			{Kind: Heading, Text: a},
			{Kind: Paragraph, Text: b},
			{Kind: Pair, Label: a, Value: b},
			{Kind: Kind(kind), Text: c, Label: c, Value: a},
			{Kind: Rule},
			{Kind: Spacer},
		}}
		var buf bytes.Buffer
		if _, err := d.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		p, err := checkStructure(buf.Bytes())
		if err != nil {
			t.Fatalf("structure: %v", err)
		}
		var drawn []byte
		for _, lines := range p.pages {
			drawn = append(drawn, strings.Join(lines[:len(lines)-1], "")...)
		}
		var want []byte
		for _, b := range d.Blocks {
			switch b.Kind {
			case Rule, Spacer:
			case Pair:
				want = append(want, encode(b.Label+b.Value)...)
			default:
				want = append(want, encode(b.Text)...)
			}
		}
		got, exp := withoutSpaces(drawn), withoutSpaces(want)
		slices.Sort(got)
		slices.Sort(exp)
		if !bytes.Equal(got, exp) {
			t.Errorf("the pages hold %d characters, the blocks %d", len(got), len(exp))
		}
	})
}
