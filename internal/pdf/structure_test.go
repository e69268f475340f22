package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// This file holds a small reader of the files this package writes, strict
// enough to catch a wrong offset, length or escape: the tests and the fuzz
// target check every file with it, with or without poppler installed.

var (
	startxrefRE = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)
	trailerRE   = regexp.MustCompile(`^trailer\n<< /Size (\d+) /Root (\d+) 0 R /Info (\d+) 0 R /ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\] >>\n`)
	entryRE     = regexp.MustCompile(`^\d{10} 00000 n \n$`)
	objectRE    = regexp.MustCompile(`^(\d+) 0 obj\n`)
	lengthRE    = regexp.MustCompile(`^<< /Length (\d+) /Filter /FlateDecode >>\nstream\n`)
	countRE     = regexp.MustCompile(`/Count (\d+) `)
	textOpRE    = regexp.MustCompile(`^BT /F[12] \d+(\.\d+)? Tf 1 0 0 1 -?\d+(\.\d+)? -?\d+(\.\d+)? Tm $`)
	ruleOpRE    = regexp.MustCompile(`^q 0\.6 G 0\.5 w [\d.]+ [\d.]+ m [\d.]+ [\d.]+ l S Q$`)
)

// parsed is what checkStructure learned from a file.
type parsed struct {
	objects map[int][]byte // the body of each object, between "obj\n" and "endobj"
	pages   [][]string     // the decoded text lines of each page, in WinAnsi
	catalog []byte
}

// checkStructure reads a whole file the way a PDF reader does, from the end:
// startxref, the cross-reference table, the trailer, then every object at
// its recorded offset, and every content stream, inflated and tokenised.
func checkStructure(data []byte) (*parsed, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")) {
		return nil, fmt.Errorf("no PDF 1.4 header with a binary comment")
	}
	m := startxrefRE.FindSubmatch(data)
	if m == nil {
		return nil, fmt.Errorf("no startxref and %%%%EOF at the end")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref >= len(data) || !bytes.HasPrefix(data[xref:], []byte("xref\n0 ")) {
		return nil, fmt.Errorf("startxref %d does not point at the xref table", xref)
	}
	rest := data[xref+len("xref\n0 "):]
	nl := bytes.IndexByte(rest, '\n')
	n, err := strconv.Atoi(string(rest[:max(nl, 0)]))
	if nl < 0 || err != nil || n < 1 {
		return nil, fmt.Errorf("bad xref subsection header")
	}
	rest = rest[nl+1:]
	if len(rest) < 20*n {
		return nil, fmt.Errorf("xref table shorter than %d entries", n)
	}
	if string(rest[:20]) != "0000000000 65535 f \n" {
		return nil, fmt.Errorf("bad free entry %q", rest[:20])
	}
	p := &parsed{objects: map[int][]byte{}}
	for i := 1; i < n; i++ {
		entry := rest[20*i : 20*i+20]
		if !entryRE.Match(entry) {
			return nil, fmt.Errorf("bad xref entry %d: %q", i, entry)
		}
		off, _ := strconv.Atoi(string(entry[:10]))
		if off >= xref {
			return nil, fmt.Errorf("object %d offset %d beyond the xref table", i, off)
		}
		om := objectRE.FindSubmatch(data[off:])
		if om == nil || string(om[1]) != strconv.Itoa(i) {
			return nil, fmt.Errorf("xref entry %d points at %q, not \"%d 0 obj\"", i, data[off:min(off+12, len(data))], i)
		}
		body, err := objectBody(data[off+len(om[0]) : xref])
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", i, err)
		}
		p.objects[i] = body
	}
	tm := trailerRE.FindSubmatch(rest[20*n:])
	if tm == nil {
		return nil, fmt.Errorf("bad trailer %q", rest[20*n:])
	}
	if size, _ := strconv.Atoi(string(tm[1])); size != n {
		return nil, fmt.Errorf("trailer /Size %d, xref has %d entries", size, n)
	}
	root, _ := strconv.Atoi(string(tm[2]))
	p.catalog = p.objects[root]
	if !bytes.HasPrefix(p.catalog, []byte("<< /Type /Catalog /Pages 2 0 R ")) {
		return nil, fmt.Errorf("/Root %d is not the catalog: %q", root, p.catalog)
	}
	return p, p.readPages()
}

// objectBody returns what lies between "N 0 obj\n" and "\nendobj\n",
// checking the length of a stream rather than searching for its end.
func objectBody(data []byte) ([]byte, error) {
	if lm := lengthRE.FindSubmatch(data); lm != nil {
		length, _ := strconv.Atoi(string(lm[1]))
		end := len(lm[0]) + length
		if end > len(data) || !bytes.HasPrefix(data[end:], []byte("\nendstream\nendobj\n")) {
			return nil, fmt.Errorf("stream /Length %d does not end at endstream", length)
		}
		return data[:end], nil
	}
	end := bytes.Index(data, []byte("\nendobj\n"))
	if end < 0 {
		return nil, fmt.Errorf("no endobj")
	}
	return data[:end], nil
}

// readPages follows /Kids to every page and decodes its content stream.
func (p *parsed) readPages() error {
	pages := p.objects[2]
	cm := countRE.FindSubmatch(pages)
	if cm == nil {
		return fmt.Errorf("no /Count in the pages tree")
	}
	count, _ := strconv.Atoi(string(cm[1]))
	for i := range count {
		page := p.objects[firstPageObject+2*i]
		want := fmt.Sprintf("<< /Type /Page /Parent 2 0 R /Contents %d 0 R >>", firstPageObject+2*i+1)
		if string(page) != want {
			return fmt.Errorf("page %d is %q", i+1, page)
		}
		stream := p.objects[firstPageObject+2*i+1]
		lm := lengthRE.FindSubmatch(stream)
		zr, err := zlib.NewReader(bytes.NewReader(stream[len(lm[0]):]))
		if err != nil {
			return fmt.Errorf("page %d content: %w", i+1, err)
		}
		content, err := io.ReadAll(zr)
		if err != nil {
			return fmt.Errorf("page %d content: %w", i+1, err)
		}
		lines, err := readContent(content)
		if err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
		p.pages = append(p.pages, lines)
	}
	if len(p.objects) != firstPageObject-1+2*count {
		return fmt.Errorf("%d objects for %d pages", len(p.objects), count)
	}
	return nil
}

// readContent checks every operator line of a content stream and returns
// the text of its strings, unescaped.
func readContent(content []byte) ([]string, error) {
	var texts []string
	for _, line := range bytes.Split(bytes.TrimSuffix(content, []byte("\n")), []byte("\n")) {
		if ruleOpRE.Match(line) {
			continue
		}
		open := bytes.IndexByte(line, '(')
		if open < 0 || !textOpRE.Match(line[:open]) {
			return nil, fmt.Errorf("unexpected operators %q", line)
		}
		text, end, err := unescape(line[open:])
		if err != nil {
			return nil, fmt.Errorf("%w in %q", err, line)
		}
		if string(line[open+end:]) != " Tj ET" {
			return nil, fmt.Errorf("string not followed by Tj ET in %q", line)
		}
		texts = append(texts, text)
	}
	return texts, nil
}

// unescape reads a literal string as a PDF reader does, requiring every
// byte outside printable ASCII to be escaped; it returns the bytes and the
// length of the literal.
func unescape(s []byte) (string, int, error) {
	var out []byte
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20 || c > 0x7E:
			return "", 0, fmt.Errorf("raw byte %#x in a string", c)
		case c == '(':
			if depth > 0 {
				return "", 0, fmt.Errorf("unescaped parenthesis")
			}
			depth++
		case c == ')':
			return string(out), i + 1, nil
		case c == '\\':
			if i+1 < len(s) && (s[i+1] == '(' || s[i+1] == ')' || s[i+1] == '\\') {
				out = append(out, s[i+1])
				i++
				continue
			}
			if i+3 < len(s) {
				v, err := strconv.ParseUint(string(s[i+1:i+4]), 8, 8)
				if err == nil {
					out = append(out, byte(v))
					i += 3
					continue
				}
			}
			return "", 0, fmt.Errorf("bad escape")
		default:
			out = append(out, c)
		}
	}
	return "", 0, fmt.Errorf("unterminated string")
}
