package sms

// The GSM 03.38 default alphabet (3GPP TS 23.038 §6.2.1), as Unicode runes.
// Index 0x1B is the escape to the extension table and has no character of
// its own. Position 0x09 is the capital "Ç": the standard's table shows the
// capital, and a small "ç" is not in the alphabet at all, so a French "ç"
// makes a message UCS-2 unless transliterated.
var gsmBasic = [128]rune{
	'@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
	'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', 0x1B, 'Æ', 'æ', 'ß', 'É',
	' ', '!', '"', '#', '¤', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/',
	'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
	'¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
	'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
	'¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
	'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à',
}

// gsmExtension lists the characters of the default extension table (TS
// 23.038 §6.2.1.1) with their code after the escape. Each is sent as two
// septets: the escape, then this code.
var gsmExtension = map[rune]byte{
	'\f': 0x0A, // form feed, a page break
	'^':  0x14,
	'{':  0x28,
	'}':  0x29,
	'\\': 0x2F,
	'[':  0x3C,
	'~':  0x3D,
	']':  0x3E,
	'|':  0x40,
	'€':  0x65,
}

// gsmSeptets maps every rune of the basic table to its code; built once.
var gsmSeptets = func() map[rune]byte {
	m := make(map[rune]byte, 128)
	for i, r := range gsmBasic {
		if r != 0x1B {
			m[r] = byte(i)
		}
	}
	return m
}()

// asciiWidth is gsmWidth for the ASCII range, the bulk of any French text,
// looked up without hashing.
var asciiWidth = func() (w [128]int8) {
	for r := range rune(128) {
		w[r] = int8(gsmWidthSlow(r))
	}
	return w
}()

// gsmWidth is how many septets r takes in the GSM alphabet: 1 for the basic
// table, 2 for the extension table, 0 when r is not in GSM at all.
func gsmWidth(r rune) int {
	if r >= 0 && r < 128 {
		return int(asciiWidth[r])
	}
	return gsmWidthSlow(r)
}

func gsmWidthSlow(r rune) int {
	if _, ok := gsmSeptets[r]; ok {
		return 1
	}
	if _, ok := gsmExtension[r]; ok {
		return 2
	}
	return 0
}

// IsGSM reports whether every character of text is in the GSM 03.38 default
// alphabet or its extension table.
func IsGSM(text string) bool {
	for _, r := range text {
		if gsmWidth(r) == 0 {
			return false
		}
	}
	return true
}
