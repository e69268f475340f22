package forms

import (
	"strings"
	"testing"
)

func TestNormalizeIBAN(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189", true},
		{"fr7630006000011234567890189", "FR7630006000011234567890189", true},
		{"DE89 3704 0044 0532 0130 00", "DE89370400440532013000", true},
		{"GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432", true},
		{"BE68539007547034", "BE68539007547034", true},
		{"FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606", true}, // not FR76, a letter inside
		{"FR76 3000 6000 0112 3456 7890 188", "", false},                           // one digit wrong: mod 97 fails
		{"FR76 3000 6000 0112 3456 7890 18", "", false},                            // too short for France
		{"DE89 3704 0044 0532 0130 000", "", false},                                // too long for Germany
		{"XX82WEST12345698765432", "", false},                                      // unknown country
		{"FR7A30006000011234567890189", "", false},                                 // check digits not digits
		{"FR76_3000", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeIBAN(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("NormalizeIBAN(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if got := FormatIBAN("FR7630006000011234567890189"); got != "FR76 3000 6000 0112 3456 7890 189" {
		t.Errorf("FormatIBAN = %q", got)
	}
}

func TestNormalizeSIRET(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"732 829 320 00074", true},
		{"55210055400013", true},
		{"73282932000075", false},  // Luhn fails
		{"7328293200007", false},   // 13 digits
		{"732829320000744", false}, // 15 digits
		{"7328293200007A", false},  // a letter
		{"35600000049837", true},   // La Poste: digit sum 45, a multiple of 5, though Luhn fails
		{"35600000000048", true},   // La Poste's head office passes Luhn
		{"35600000012345", false},  // La Poste prefix, neither rule
		{"12345678901234", false},  // digit sum multiple of 5 but not La Poste, Luhn fails
		{"", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeSIRET(tt.in)
		if ok != tt.ok || (ok && (len(got) != 14 || strings.Trim(got, "0123456789") != "")) {
			t.Errorf("NormalizeSIRET(%q) = %q, %v; want ok %v", tt.in, got, ok, tt.ok)
		}
	}
	if got := FormatSIRET("73282932000074"); got != "732 829 320 00074" {
		t.Errorf("FormatSIRET = %q", got)
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"06 12 34 56 78", "+33612345678"},
		{"01.23.45.67.89", "+33123456789"},
		{"+33 6 12 34 56 78", "+33612345678"},
		{"+33 (0)6 12 34 56 78", "+33612345678"},
		{"0033612345678", "+33612345678"},
		{"0690 12 34 56", "+590690123456"}, // Guadeloupe mobile
		{"0590 12 34 56", "+590590123456"}, // Guadeloupe landline
		{"0694 12 34 56", "+594694123456"}, // Guyane
		{"0696 12 34 56", "+596696123456"}, // Martinique
		{"0692 12 34 56", "+262692123456"}, // La Réunion
		{"0639 12 34 56", "+262639123456"}, // Mayotte
		{"+262 692 12 34 56", "+262692123456"},
		{"+33 692 12 34 56", "+262692123456"}, // an overseas number written with +33
		{"0508 41 23 45", "+508412345"},       // Saint-Pierre-et-Miquelon
		{"+687 12 34 56", "+687123456"},       // Nouvelle-Calédonie
		{"+689 87 12 34 56", "+68987123456"},  // Polynésie française
		{"+681 72 12 34", "+681721234"},       // Wallis-et-Futuna
		{"06 12 34 56", ""},                   // too short
		{"00 12 34 56 78", ""},                // 00 then too short
		{"6 12 34 56 78", ""},                 // no leading 0
		{"+44 20 7946 0958", ""},              // not French
		{"+33 06 12 34 56 78", ""},            // 0 after the code
		{"06 12 34 56 7a", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := NormalizePhone(tt.in)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for in, want := range map[string]string{"+33612345678": "06 12 34 56 78",
		"+262692123456": "+262 692 12 34 56", "+687123456": "+687 12 34 56"} {
		if got := FormatPhone(in); got != want {
			t.Errorf("FormatPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Marie.Dupont@Exemple.FR", "Marie.Dupont@exemple.fr"},
		{" a@b.fr ", "a@b.fr"},
		{"a@b", ""},
		{"a@.fr", ""},
		{"a@b.fr.", ""},
		{"a@b..fr", ""},
		{"Marie <a@b.fr>", ""},
		{"a b@c.fr", ""},
		{"@b.fr", ""},
		{"ab.fr", ""},
	}
	for _, tt := range tests {
		got, ok := NormalizeEmail(tt.in)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestDetectFileType(t *testing.T) {
	tests := []struct {
		head []byte
		want string
	}{
		{[]byte("%PDF-1.7\n"), FileTypePDF},
		{[]byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}, FileTypeJPEG},
		{[]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0}, FileTypePNG},
		{[]byte{0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0}, FileTypeHEIC},
		{[]byte{0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'i', 'f', '1'}, FileTypeHEIC},
		{[]byte{0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, ""}, // an MP4 video
		{[]byte("<html><script>"), ""},
		{[]byte("PK\x03\x04"), ""}, // a zip, a .docx
		{nil, ""},
	}
	for _, tt := range tests {
		got, ok := DetectFileType(tt.head)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("DetectFileType(%q) = %q, %v; want %q", tt.head, got, ok, tt.want)
		}
	}
}

func TestCheckFile(t *testing.T) {
	pdf := []byte("%PDF-1.4")
	png := []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}
	any := &Field{Key: "piece", Type: File}
	onlyPDF := &Field{Key: "piece", Type: File, Limits: Limits{FileTypes: []string{FileTypePDF}, MaxFileSize: 1 << 20}}
	tests := []struct {
		name string
		fd   *Field
		size int64
		head []byte
		want string // the type, or a piece of the message
	}{
		{"a PDF", any, 1000, pdf, FileTypePDF},
		{"a PNG", any, 1000, png, FileTypePNG},
		{"just at the default limit", any, DefaultMaxFileSize, pdf, FileTypePDF},
		{"over the default limit", any, DefaultMaxFileSize + 1, pdf, "il doit peser 10 Mo au plus"},
		{"over the field's limit", onlyPDF, 2 << 20, pdf, "il doit peser 1 Mo au plus"},
		{"a type the field refuses", onlyPDF, 1000, png, "au format PDF."},
		{"a text file named .pdf", any, 1000, []byte("hello"), "au format PDF, JPEG, PNG ou HEIC."},
		{"empty", any, 0, nil, "vide"},
	}
	for _, tt := range tests {
		typ, msg := tt.fd.CheckFile(tt.size, tt.head)
		if typ != tt.want && !strings.Contains(msg, tt.want) {
			t.Errorf("%s: CheckFile = %q, %q; want %q", tt.name, typ, msg, tt.want)
		}
	}
}

func TestHumanSize(t *testing.T) {
	for n, want := range map[int64]string{500: "500 octets", 2048: "2 ko", 10 << 20: "10 Mo", 13107200: "12,5 Mo"} {
		if got := HumanSize(n); got != want {
			t.Errorf("HumanSize(%d) = %q, want %q", n, got, want)
		}
	}
}
