package sms

import "unicode/utf8"

// Encodings of a message, as CountText names them.
const (
	EncodingGSM  = "GSM"
	EncodingUCS2 = "UCS-2"
)

// Part sizes. A message that fits one part has the whole payload (140
// octets: 160 septets or 70 UTF-16 code units); a longer one is sent as
// concatenated parts, each losing 6 octets to the user data header that
// numbers it (3GPP TS 23.040 §9.2.3.24.1), leaving 153 septets or 67 code
// units.
const (
	gsmSingle  = 160
	gsmMulti   = 153
	ucs2Single = 70
	ucs2Multi  = 67
)

// Count is what an SMS costs: its encoding, how many parts it is sent as,
// and its length in the units of that encoding (septets for GSM, UTF-16 code
// units for UCS-2).
type Count struct {
	Encoding string `json:"encoding"`
	Parts    int    `json:"parts"`
	Length   int    `json:"length"`
}

// CountText counts text as a sending phone or provider would.
//
// The message is GSM when every character is in the default alphabet or its
// extension table (each extension character counts two septets: an escape and
// its code); any other character makes the whole message UCS-2, where a
// character outside the Basic Multilingual Plane (most emoji) counts two code
// units, a surrogate pair.
//
// Parts are filled the way encoders fill them (Android's GsmAlphabet stops a
// part before an extension character that does not fit whole, and its UCS-2
// split keeps a character whole): an escape and its character are never
// split between two parts, nor are the two halves of a surrogate pair, so
// when such a pair would straddle the boundary the part ends one unit short
// and the pair opens the next part. Hence 152 plain characters, "€" and 152
// more (306 septets) take three parts, where 306 plain characters take two.
//
// An empty text has no part to send: Parts is 0.
func CountText(text string) Count {
	c, _ := count(text)
	return c
}

// RoomLeft is how many more one-unit characters (a plain letter, in the
// text's current encoding) text can take before it needs one more part:
// what an editor shows as "caractères restants". An empty text has room
// for 160. A character outside GSM added to a GSM text changes the
// encoding, and with it the room: count again.
func RoomLeft(text string) int {
	c, lastPart := count(text)
	single, multi := gsmSingle, gsmMulti
	if c.Encoding == EncodingUCS2 {
		single, multi = ucs2Single, ucs2Multi
	}
	if c.Length <= single {
		return single - c.Length
	}
	return multi - lastPart
}

// count counts text and also returns how many units its last part holds.
func count(text string) (Count, int) {
	if IsGSM(text) {
		return countUnits(text, EncodingGSM, gsmWidth, gsmSingle, gsmMulti)
	}
	return countUnits(text, EncodingUCS2, utf16Width, ucs2Single, ucs2Multi)
}

// utf16Width is how many UTF-16 code units r takes: two outside the BMP. An
// invalid byte in the text (utf8.RuneError) is sent as U+FFFD, one unit.
func utf16Width(r rune) int {
	if r > 0xFFFF && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// countUnits adds up the widths of text's characters and fills parts of
// multi units without splitting a character, after checking whether the
// whole text fits a single part of single units.
func countUnits(text, encoding string, width func(rune) int, single, multi int) (Count, int) {
	length := 0
	for _, r := range text {
		length += width(r)
	}
	c := Count{Encoding: encoding, Length: length}
	switch {
	case length == 0:
		return c, 0
	case length <= single:
		c.Parts = 1
		return c, length
	}
	parts, used := 1, 0
	for _, r := range text {
		w := width(r)
		if used+w > multi {
			parts++
			used = 0
		}
		used += w
	}
	c.Parts = parts
	return c, used
}
