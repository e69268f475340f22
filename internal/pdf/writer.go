package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// The fixed objects of every file; each page then takes two objects, the
// page and its content stream, from firstPageObject on.
const (
	catalogObject   = 1
	pagesObject     = 2
	regularObject   = 3
	boldObject      = 4
	infoObject      = 5
	firstPageObject = 6
)

// file accumulates the bytes of a PDF file and the offset of each object,
// for the cross-reference table.
type file struct {
	buf     *bytes.Buffer
	offsets []int // offsets[n] is where object n starts
	// z compresses the content streams. A compressor holds about 600 kB of
	// tables, so one serves every page of a file.
	z    *zlib.Writer
	zbuf bytes.Buffer
}

func (f *file) object(n int, body string) {
	f.offsets[n] = f.buf.Len()
	fmt.Fprintf(f.buf, "%d 0 obj\n%s\nendobj\n", n, body)
}

func (f *file) stream(n int, data []byte) error {
	z := &f.zbuf
	z.Reset()
	if f.z == nil {
		f.z = zlib.NewWriter(z)
	} else {
		f.z.Reset(z)
	}
	if _, err := f.z.Write(data); err != nil {
		return err
	}
	if err := f.z.Close(); err != nil {
		return err
	}
	f.offsets[n] = f.buf.Len()
	fmt.Fprintf(f.buf, "%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", n, z.Len())
	f.buf.Write(z.Bytes())
	f.buf.WriteString("\nendstream\nendobj\n")
	return nil
}

// writeFile writes the whole PDF 1.4 file: header, objects, cross-reference
// table and trailer.
func writeFile(buf *bytes.Buffer, d Document, created time.Time, pages []*page) error {
	size := firstPageObject + 2*len(pages)
	f := &file{buf: buf, offsets: make([]int, size)}
	// The comment of four bytes above 127 tells transfer tools the file is
	// binary (ISO 32000-1, 7.5.2).
	buf.WriteString("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")

	f.object(catalogObject, "<< /Type /Catalog /Pages 2 0 R /Lang (fr-FR)"+
		" /ViewerPreferences << /DisplayDocTitle true >> >>")
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = strconv.Itoa(firstPageObject+2*i) + " 0 R"
	}
	f.object(pagesObject, fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s]"+
		" /MediaBox [0 0 %s %s] /Resources << /Font << /%s %d 0 R /%s %d 0 R >> /ProcSet [/PDF /Text] >> >>",
		len(pages), strings.Join(kids, " "), num(pageWidth), num(pageHeight),
		regular.resource, regularObject, bold.resource, boldObject))
	f.object(regularObject, fontDict(regular))
	f.object(boldObject, fontDict(bold))
	date := pdfDate(created)
	f.object(infoObject, fmt.Sprintf("<< /Title %s /Author %s /Creator (Guichet) /Producer (Guichet)"+
		" /CreationDate (%s) /ModDate (%s) >>", textString(d.Title), textString(d.Author), date, date))

	for i, p := range pages {
		n := firstPageObject + 2*i
		f.object(n, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /Contents %d 0 R >>", n+1))
		if err := f.stream(n+1, content(p)); err != nil {
			return err
		}
	}

	xref := buf.Len()
	fmt.Fprintf(buf, "xref\n0 %d\n0000000000 65535 f \n", size)
	for _, off := range f.offsets[1:] {
		fmt.Fprintf(buf, "%010d 00000 n \n", off)
	}
	// The identifier is a digest of the content, so the same document
	// always gets the same one.
	id := md5.Sum(buf.Bytes())
	fmt.Fprintf(buf, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%x> <%x>] >>\nstartxref\n%d\n%%%%EOF\n",
		size, catalogObject, infoObject, id, id, xref)
	return nil
}

func fontDict(f *font) string {
	return "<< /Type /Font /Subtype /Type1 /BaseFont /" + f.base + " /Encoding /WinAnsiEncoding >>"
}

// content returns the content stream that draws a page.
func content(p *page) []byte {
	var b bytes.Buffer
	for _, r := range p.rules {
		fmt.Fprintf(&b, "q 0.6 G 0.5 w %s %s m %s %s l S Q\n", num(r.x1), num(r.y), num(r.x2), num(r.y))
	}
	for _, l := range p.lines {
		fmt.Fprintf(&b, "BT /%s %s Tf 1 0 0 1 %s %s Tm ", l.font.resource, num(l.size), num(l.x), num(l.y))
		b.WriteString(literal(l.text))
		b.WriteString(" Tj ET\n")
	}
	return b.Bytes()
}

// num writes a coordinate with at most two decimals, as PDF numbers have no
// exponent.
func num(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "" || s == "-" {
		return "0"
	}
	return s
}

// literal writes bytes as a PDF literal string: parentheses and backslashes
// are escaped, and every byte outside printable ASCII is written in octal so
// that no line end inside the string is changed by a tool on the way.
func literal(s []byte) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('(')
	for _, c := range s {
		switch {
		case c == '(' || c == ')' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c > 0x7E:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}

// textString writes a text string of the document's information: plain
// ASCII as a literal, anything else in UTF-16BE with its byte order mark, as
// the specification asks for text outside PDFDocEncoding.
func textString(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			ascii = false
			break
		}
	}
	if ascii {
		return literal([]byte(s))
	}
	units := utf16.Encode([]rune(s))
	var b strings.Builder
	b.Grow(6 + 4*utf8.RuneCountInString(s))
	b.WriteString("<FEFF")
	for _, u := range units {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

// pdfDate formats t as a PDF date, "D:20250301143000+01'00'".
func pdfDate(t time.Time) string {
	_, offset := t.Zone()
	zone := "Z"
	if offset != 0 {
		sign := '+'
		if offset < 0 {
			sign, offset = '-', -offset
		}
		zone = fmt.Sprintf("%c%02d'%02d'", sign, offset/3600, offset/60%60)
	}
	return "D:" + t.Format("20060102150405") + zone
}
