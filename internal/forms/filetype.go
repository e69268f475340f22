package forms

import (
	"bytes"
	"fmt"
	"strings"
)

// The file types a File field may accept, as DetectFileType names them.
const (
	FileTypePDF  = "pdf"
	FileTypeJPEG = "jpeg"
	FileTypePNG  = "png"
	FileTypeHEIC = "heic" // the photos of recent phones, accepted as they are
)

// AllFileTypes lists every accepted file type.
var AllFileTypes = []string{FileTypePDF, FileTypeJPEG, FileTypePNG, FileTypeHEIC}

var fileTypeNames = map[string]string{FileTypePDF: "PDF", FileTypeJPEG: "JPEG", FileTypePNG: "PNG", FileTypeHEIC: "HEIC"}

// FileTypeName is the type as people know it ("PDF").
func FileTypeName(t string) string { return fileTypeNames[t] }

// FileTypeMIME is the media type to serve a stored file with.
func FileTypeMIME(t string) string {
	switch t {
	case FileTypePDF:
		return "application/pdf"
	case FileTypeJPEG:
		return "image/jpeg"
	case FileTypePNG:
		return "image/png"
	case FileTypeHEIC:
		return "image/heic"
	}
	return "application/octet-stream"
}

// heicBrands are the ISO base media brands of HEIF and HEIC images.
var heicBrands = []string{"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"}

// DetectFileType names the type of a file from its first bytes (never its name), and
// whether it is one of the accepted types. 16 bytes are enough.
func DetectFileType(head []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return FileTypePDF, true
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return FileTypeJPEG, true
	case bytes.HasPrefix(head, []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}):
		return FileTypePNG, true
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		brand := string(head[8:12])
		for _, b := range heicBrands {
			if brand == b {
				return FileTypeHEIC, true
			}
		}
	}
	return "", false
}

// CheckFile checks a file sent for the File field fd: its size against the field's limit
// and its type, read from its content, against the accepted types. It returns the type,
// or a plain-French message saying what to do.
func (fd *Field) CheckFile(size int64, head []byte) (string, string) {
	if size == 0 {
		return "", "Le fichier est vide : choisissez un autre fichier."
	}
	if size > fd.MaxFileSize() {
		return "", fmt.Sprintf("Le fichier pèse %s : il doit peser %s au plus. Réduisez-le ou choisissez-en un autre.",
			HumanSize(size), HumanSize(fd.MaxFileSize()))
	}
	t, ok := DetectFileType(head)
	accepted := fd.AcceptedFileTypes()
	if ok {
		for _, a := range accepted {
			if a == t {
				return t, ""
			}
		}
	}
	return "", "Le fichier doit être au format " + FileTypesList(accepted) + "."
}

// FileTypesList writes accepted types as "PDF, JPEG, PNG ou HEIC".
func FileTypesList(types []string) string {
	names := make([]string, 0, len(types))
	for _, t := range types {
		names = append(names, FileTypeName(t))
	}
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " ou " + names[len(names)-1]
}

// HumanSize writes a size in bytes as people say it: "850 ko", "10 Mo", "12,5 Mo".
func HumanSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d octets", n)
	case n < 1<<20:
		return fmt.Sprintf("%d ko", (n+1<<9)>>10)
	}
	s := fmt.Sprintf("%.1f", float64(n)/(1<<20))
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1) + " Mo"
}
