package pdf

import (
	"bytes"
	"io"
	"time"
)

// Document is a PDF document to write: its metadata and its content, a list
// of blocks laid out one under the other on A4 pages.
type Document struct {
	// Title is shown by PDF readers in place of the file name, and read
	// first by screen readers; the content repeats it as a Heading if it
	// should be printed.
	Title string
	// Author is the organisation that issues the document.
	Author string
	// Blocks are the content, in reading order.
	Blocks []Block
	// Created is the creation date written in the document's information;
	// the zero time means the moment WriteTo runs.
	Created time.Time
}

// Block is one piece of content: a Heading or a Paragraph holds Text, a Pair
// holds Label and Value, a Rule or a Spacer holds nothing.
type Block struct {
	Kind  Kind
	Text  string
	Label string
	Value string
}

// Kind says how a Block is laid out. The zero Kind is Paragraph, and an
// unknown Kind is laid out as a Paragraph too.
type Kind int

const (
	// Paragraph is body text, wrapped to the width of the page; a line
	// feed in its Text starts a new line.
	Paragraph Kind = iota
	// Heading is a title in bold, never left alone at the foot of a page.
	Heading
	// Pair is a label in bold and its value beside it, each wrapped in its
	// own column: one answer of a form, say.
	Pair
	// Rule is a thin horizontal line across the page.
	Rule
	// Spacer is an empty space of about one line.
	Spacer
)

// WriteTo writes the document as a PDF file to w and returns the number of
// bytes written. The whole file is built in memory first, so a failing w
// never receives half a file silently: the error is returned.
func (d Document) WriteTo(w io.Writer) (int64, error) {
	created := d.Created
	if created.IsZero() {
		created = time.Now()
	}
	var buf bytes.Buffer
	if err := writeFile(&buf, d, created, layout(d.Blocks)); err != nil {
		return 0, err
	}
	return buf.WriteTo(w)
}
