package dossiers

import "bytes"

// The file types a dossier accepts, told from their first bytes, never
// from their name: a renamed program stays refused.
const (
	TypePDF  = "application/pdf"
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
	TypeHEIC = "image/heic"
)

// DetectType returns the content type of a file from its first bytes, ""
// when it is none of PDF, JPEG, PNG or HEIC (the photos of iPhones, kept
// as they are).
func DetectType(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return TypePDF
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return TypeJPEG
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		switch string(head[8:12]) {
		case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1":
			return TypeHEIC
		}
	}
	return ""
}

// typeExtension is the extension a downloaded file gets, whatever its
// name said.
func typeExtension(contentType string) string {
	switch contentType {
	case TypePDF:
		return ".pdf"
	case TypeJPEG:
		return ".jpg"
	case TypePNG:
		return ".png"
	case TypeHEIC:
		return ".heic"
	}
	return ""
}
