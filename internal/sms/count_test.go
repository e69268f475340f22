package sms

import (
	"strings"
	"testing"
	"unicode/utf16"
)

func TestCountText(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	cases := []struct {
		name, text string
		want       Count
	}{
		{"empty", "", Count{"GSM", 0, 0}},
		{"hello", "hello", Count{"GSM", 1, 5}},
		{"French accents GSM has", "à é è ù É Ç", Count{"GSM", 1, 11}},
		{"ê is not GSM", "fête", Count{"UCS-2", 1, 4}},
		{"â", "âge", Count{"UCS-2", 1, 3}},
		{"î", "île", Count{"UCS-2", 1, 3}},
		{"ô", "hôtel", Count{"UCS-2", 1, 5}},
		{"û", "sûr", Count{"UCS-2", 1, 3}},
		{"small ç is not GSM", "reçu", Count{"UCS-2", 1, 4}},
		{"capital Ç is GSM", "ÇA", Count{"GSM", 1, 2}},
		{"œ", "œuvre", Count{"UCS-2", 1, 5}},
		{"guillemets", "« oui »", Count{"UCS-2", 1, 7}},
		{"curly apostrophe", "l’été", Count{"UCS-2", 1, 5}},
		{"straight apostrophe", "l'été", Count{"GSM", 1, 5}},
		{"euro counts two", "5 €", Count{"GSM", 1, 4}},
		{"every extension char", "€[]{}~^\\|\f", Count{"GSM", 1, 20}},
		{"newline counts one", "a\nb", Count{"GSM", 1, 3}},
		{"Greek capitals of GSM", "ΔΦΓΛΩΠΨΣΘΞ", Count{"GSM", 1, 10}},
		{"small greek is not", "α", Count{"UCS-2", 1, 1}},
		{"emoji counts two", "👍", Count{"UCS-2", 1, 2}},
		{"emoji in text", "Prêt 👍", Count{"UCS-2", 1, 7}},
		{"tab is not GSM", "a\tb", Count{"UCS-2", 1, 3}},
		{"backtick is not GSM", "`", Count{"UCS-2", 1, 1}},
		{"160 GSM", a(160), Count{"GSM", 1, 160}},
		{"161 GSM", a(161), Count{"GSM", 2, 161}},
		{"306 GSM", a(306), Count{"GSM", 2, 306}},
		{"307 GSM", a(307), Count{"GSM", 3, 307}},
		{"459 GSM", a(459), Count{"GSM", 3, 459}},
		{"460 GSM", a(460), Count{"GSM", 4, 460}},
		{"159 + euro = 161", a(159) + "€", Count{"GSM", 2, 161}},
		{"158 + euro = 160", a(158) + "€", Count{"GSM", 1, 160}},
		{"escape not split: 152 + euro + 7", a(152) + "€" + a(7), Count{"GSM", 2, 161}},
		{"escape not split: 306 in three", a(152) + "€" + a(152), Count{"GSM", 3, 306}},
		{"no escape: 306 in two", a(306), Count{"GSM", 2, 306}},
		{"euro fits at 151", a(151) + "€" + a(152), Count{"GSM", 2, 305}},
		{"70 UCS-2", "ê" + a(69), Count{"UCS-2", 1, 70}},
		{"71 UCS-2", "ê" + a(70), Count{"UCS-2", 2, 71}},
		{"134 UCS-2", "ê" + a(133), Count{"UCS-2", 2, 134}},
		{"135 UCS-2", "ê" + a(134), Count{"UCS-2", 3, 135}},
		{"201 UCS-2", "ê" + a(200), Count{"UCS-2", 3, 201}},
		{"202 UCS-2", "ê" + a(201), Count{"UCS-2", 4, 202}},
		{"69 + emoji = 71", "ê" + a(68) + "👍", Count{"UCS-2", 2, 71}},
		{"68 + emoji = 70", "ê" + a(67) + "👍", Count{"UCS-2", 1, 70}},
		{"surrogate pair not split", "ê" + a(65) + "👍" + a(66), Count{"UCS-2", 3, 134}},
		{"surrogate pair fits at 65", "ê" + a(64) + "👍" + a(67), Count{"UCS-2", 2, 134}},
		{"one emoji too many for 160 GSM", a(159) + "👍", Count{"UCS-2", 3, 161}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CountText(c.text); got != c.want {
				t.Errorf("CountText(%q) = %+v, want %+v", c.text, got, c.want)
			}
		})
	}
}

func TestRoomLeft(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	cases := []struct {
		text string
		want int
	}{
		{"", 160},
		{"hello", 155},
		{"5 €", 156},
		{a(160), 0},
		{a(161), 145},
		{a(306), 0},
		{a(152) + "€", 6},
		{a(152) + "€" + a(10), 141}, // the € could not straddle: it opened the second part
		{"fête", 66},
		{"ê" + a(69), 0},
		{"ê" + a(70), 63},
		{"ê" + a(65) + "👍" + a(5), 60}, // the emoji could not straddle: second part
	}
	for _, c := range cases {
		if got := RoomLeft(c.text); got != c.want {
			t.Errorf("RoomLeft(%d chars %q…) = %d, want %d", len(c.text), c.text[:min(len(c.text), 8)], got, c.want)
		}
		// Filling the room keeps the part count; one more unit adds a part.
		before := CountText(c.text)
		full := CountText(c.text + a(c.want))
		over := CountText(c.text + a(c.want+1))
		if full.Parts != max(before.Parts, 1) || over.Parts != full.Parts+1 {
			t.Errorf("%q: parts %d, filled %d, over %d", c.text[:min(len(c.text), 8)], before.Parts, full.Parts, over.Parts)
		}
	}
}

// TestExtensionCharactersAtPartBoundaries puts each extension character
// where it would straddle two parts, and where it just fits.
func TestExtensionCharactersAtPartBoundaries(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	for _, e := range "€[]{}~^\\|\f" {
		ch := string(e)
		for _, c := range []struct {
			text string
			want Count
		}{
			{a(158) + ch, Count{"GSM", 1, 160}},
			{a(159) + ch, Count{"GSM", 2, 161}},
			{a(152) + ch + a(152), Count{"GSM", 3, 306}}, // straddles: moves to part 2
			{a(151) + ch + a(153), Count{"GSM", 2, 306}}, // ends part 1 exactly
			{a(153) + a(152) + ch + a(152), Count{"GSM", 4, 459}},
			{a(153) + a(151) + ch + a(153), Count{"GSM", 3, 459}},
		} {
			if got := CountText(c.text); got != c.want {
				t.Errorf("%q at %d: %+v, want %+v", ch, strings.IndexRune(c.text, e), got, c.want)
			}
		}
	}
}

// TestGSMTable checks the alphabet against the 3GPP TS 23.038 table: 127
// characters plus the escape, ten in the extension table, and the French
// letters issue 11 names on the right side.
func TestGSMTable(t *testing.T) {
	if len(gsmSeptets) != 127 {
		t.Errorf("basic table has %d characters, want 127", len(gsmSeptets))
	}
	if len(gsmExtension) != 10 {
		t.Errorf("extension table has %d characters, want 10", len(gsmExtension))
	}
	for _, r := range "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà" {
		if gsmWidth(r) != 1 {
			t.Errorf("%q should be one septet", r)
		}
	}
	for _, r := range "€[]{}~^\\|\f" {
		if gsmWidth(r) != 2 {
			t.Errorf("%q should be two septets", r)
		}
	}
	for _, r := range "âêîôûçœŒ«»’‘“”ÀÂÈÊËÎÏÔÙÛÜëïÿ`\t…–—\u00a0" {
		if r == 'Ü' {
			continue // Ü is in GSM; listed to keep the French set complete
		}
		if gsmWidth(r) != 0 {
			t.Errorf("%q should not be in GSM", r)
		}
	}
	if gsmBasic[0x09] != 'Ç' || gsmBasic[0x1F] != 'É' || gsmBasic[0x7F] != 'à' || gsmBasic[0x24] != '¤' {
		t.Error("table positions drifted from TS 23.038")
	}
}

// TestCountMatchesParts checks the counting against an explicit split into
// parts, for many lengths around every boundary.
func TestCountMatchesParts(t *testing.T) {
	for _, unit := range []string{"a", "€", "ê", "👍"} {
		for n := 0; n < 480; n++ {
			text := strings.Repeat("a", n) + unit + strings.Repeat("b", n%7)
			got := CountText(text)
			want := referenceCount(text)
			if got != want {
				t.Fatalf("%d×a+%q: CountText = %+v, reference = %+v", n, unit, got, want)
			}
		}
	}
}

// referenceCount splits text into actual parts, as an encoder does: it
// encodes to units first, then cuts without splitting an escape pair or a
// surrogate pair.
func referenceCount(text string) Count {
	type unit struct{ width int }
	var units []unit
	enc, single, multi := "GSM", 160, 153
	if IsGSM(text) {
		for _, r := range text {
			units = append(units, unit{gsmWidth(r)})
		}
	} else {
		enc, single, multi = "UCS-2", 70, 67
		for _, r := range text {
			units = append(units, unit{len(utf16.Encode([]rune{r}))})
		}
	}
	total := 0
	for _, u := range units {
		total += u.width
	}
	c := Count{Encoding: enc, Length: total}
	if total == 0 {
		return c
	}
	if total <= single {
		c.Parts = 1
		return c
	}
	var parts [][]unit
	var cur []unit
	size := 0
	for _, u := range units {
		if size+u.width > multi {
			parts = append(parts, cur)
			cur, size = nil, 0
		}
		cur = append(cur, u)
		size += u.width
	}
	parts = append(parts, cur)
	c.Parts = len(parts)
	return c
}

func FuzzCountText(f *testing.F) {
	for _, s := range []string{"", "hello", "€", "fête", "👍", strings.Repeat("a", 153) + "€", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := CountText(s)
		if c.Encoding != EncodingGSM && c.Encoding != EncodingUCS2 {
			t.Fatalf("encoding %q", c.Encoding)
		}
		if (c.Length == 0) != (c.Parts == 0) {
			t.Fatalf("%+v: parts and length disagree on emptiness", c)
		}
		single, multi := 160, 153
		if c.Encoding == EncodingUCS2 {
			single, multi = 70, 67
		}
		if c.Length <= single && c.Parts > 1 || c.Length > single && c.Length > c.Parts*multi {
			t.Fatalf("%+v: parts cannot hold the length", c)
		}
		// Every part but the last holds at least multi-1 units (one is
		// left empty only when a pair would straddle).
		if c.Length > single && c.Parts > (c.Length+multi-2)/(multi-1) {
			t.Fatalf("%+v: too many parts", c)
		}
		room := RoomLeft(s)
		if full := CountText(s + strings.Repeat("a", room)); full.Parts != max(c.Parts, 1) || full.Encoding != c.Encoding {
			t.Fatalf("%q: room %d, but filled it counts %+v, was %+v", s, room, full, c)
		}
		if over := CountText(s + strings.Repeat("a", room+1)); over.Parts != max(c.Parts, 1)+1 {
			t.Fatalf("%q: room %d, but one more counts %+v", s, room, over)
		}
		tr := Transliterate(s)
		if IsGSM(s) && tr != s {
			t.Fatalf("Transliterate changed a GSM text: %q → %q", s, tr)
		}
		if ct := CountText(tr); ct.Encoding == EncodingUCS2 && c.Encoding == EncodingGSM {
			t.Fatalf("Transliterate made %q UCS-2", s)
		}
	})
}

func BenchmarkCountText(b *testing.B) {
	texts := map[string]string{
		"GSM":   strings.Repeat("Votre passeport est prêt à la mairie. ", 4),
		"UCS-2": strings.Repeat("Votre passeport est prêt, « à retirer » 👍 ", 4),
	}
	for name, text := range texts {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				CountText(text)
			}
		})
	}
}
