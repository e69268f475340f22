package pdf

import (
	"bytes"
	"strconv"
)

// The page is A4 portrait, in points (1/72 inch), with margins of 20 mm and
// room under the text for the page number.
const (
	pageWidth    = 595.28
	pageHeight   = 841.89
	marginX      = 56.69
	marginTop    = 56.69
	marginBottom = 70.87
	footerY      = 34
	textWidth    = pageWidth - 2*marginX
)

// style is how one kind of text is set.
type style struct {
	font    *font
	size    float64
	leading float64 // the distance from one baseline to the next
	before  float64 // space above the block, except at the top of a page
	after   float64 // space below the block
}

var (
	headingStyle   = style{font: bold, size: 15, leading: 19, before: 10, after: 5}
	paragraphStyle = style{font: regular, size: 10.5, leading: 14, after: 7}
	labelStyle     = style{font: bold, size: 10.5, leading: 14, after: 4}
	valueStyle     = style{font: regular, size: 10.5, leading: 14, after: 4}
	footerStyle    = style{font: regular, size: 9}
)

// The columns of a Pair: the label takes a third of the width.
const (
	labelWidth = textWidth/3 - 6
	valueX     = marginX + textWidth/3 + 6
	valueWidth = marginX + textWidth - valueX
)

// maxKeptRows is the number of lines up to which a Pair is never split
// between two pages.
const maxKeptRows = 5

// textLine is one line of text placed on a page, its baseline at (x, y).
type textLine struct {
	font *font
	size float64
	x, y float64
	text []byte // WinAnsi
}

// rule is a horizontal line at height y.
type rule struct{ x1, x2, y float64 }

type page struct {
	lines []textLine
	rules []rule
}

// layouter places blocks from the top of the page down, starting a new page
// whenever the next line would go into the bottom margin.
type layouter struct {
	pages []*page
	y     float64 // the top of the free space on the current page
	atTop bool    // nothing is on the current page yet
}

// layout places the blocks on as many pages as they need (at least one) and
// numbers the pages "Page 1 sur 2".
func layout(blocks []Block) []*page {
	l := &layouter{}
	l.newPage()
	for _, b := range blocks {
		switch b.Kind {
		case Heading:
			l.heading(b.Text)
		case Pair:
			l.pair(b.Label, b.Value)
		case Rule:
			l.rule()
		case Spacer:
			l.space(paragraphStyle.leading)
		default:
			l.lines(paragraphStyle, marginX, wrap(paragraphStyle, encode(b.Text), textWidth))
			l.space(paragraphStyle.after)
		}
	}
	total := strconv.Itoa(len(l.pages))
	for i, p := range l.pages {
		text := encode("Page " + strconv.Itoa(i+1) + " sur " + total)
		x := (pageWidth - footerStyle.font.width(text, footerStyle.size)) / 2
		p.lines = append(p.lines, textLine{footerStyle.font, footerStyle.size, x, footerY, text})
	}
	return l.pages
}

func (l *layouter) newPage() {
	l.pages = append(l.pages, &page{})
	l.y = pageHeight - marginTop
	l.atTop = true
}

// need starts a new page unless h points fit above the bottom margin.
func (l *layouter) need(h float64) {
	if !l.atTop && l.y-h < marginBottom {
		l.newPage()
	}
}

// space leaves h points empty, unless at the top of a page, where a gap
// would only push the text down.
func (l *layouter) space(h float64) {
	if !l.atTop {
		l.y -= h
	}
}

func (l *layouter) current() *page { return l.pages[len(l.pages)-1] }

// line places one line of text at x on the next baseline.
func (l *layouter) line(s style, x float64, text []byte) {
	l.need(s.leading)
	l.y -= s.leading
	if len(text) > 0 {
		// The baseline sits a fifth of the leading above the bottom of
		// the line, leaving the room below for descenders.
		p := l.current()
		p.lines = append(p.lines, textLine{s.font, s.size, x, l.y + s.leading/5, text})
	}
	l.atTop = false
}

func (l *layouter) lines(s style, x float64, lines [][]byte) {
	for _, t := range lines {
		l.line(s, x, t)
	}
}

func (l *layouter) heading(text string) {
	lines := wrap(headingStyle, encode(text), textWidth)
	// A heading keeps its first line and a line of what follows it on the
	// same page.
	l.need(headingStyle.before + headingStyle.leading + paragraphStyle.leading)
	l.space(headingStyle.before)
	l.lines(headingStyle, marginX, lines)
	l.space(headingStyle.after)
}

// pair sets the label and its value side by side, row by row, so that a
// long value may continue on the next page.
func (l *layouter) pair(label, value string) {
	labels := wrap(labelStyle, encode(label), labelWidth)
	values := wrap(valueStyle, encode(value), valueWidth)
	rows := max(len(labels), len(values))
	// A short answer stays whole on one page; only a long one, which could
	// not, is split between two.
	if rows <= maxKeptRows {
		l.need(float64(rows) * valueStyle.leading)
	}
	for i := range rows {
		l.need(valueStyle.leading)
		top := l.y
		if i < len(labels) {
			l.line(labelStyle, marginX, labels[i])
			l.y = top
		}
		if i < len(values) {
			l.line(valueStyle, valueX, values[i])
		}
		l.y = top - valueStyle.leading
	}
	l.space(valueStyle.after)
}

func (l *layouter) rule() {
	l.need(12)
	l.space(6)
	p := l.current()
	p.rules = append(p.rules, rule{marginX, marginX + textWidth, l.y})
	l.y -= 6
	l.atTop = false
}

// wrap breaks WinAnsi text into lines no wider than width when set in s:
// at line feeds, then between words (at ordinary spaces, never at
// non-breaking ones), and inside a word only when it is wider than a whole
// line. It returns at least one line, maybe empty.
func wrap(s style, text []byte, width float64) [][]byte {
	var lines [][]byte
	for _, para := range bytes.Split(text, []byte{'\n'}) {
		var cur []byte
		// Only the ordinary space separates words: bytes.Fields would read
		// the WinAnsi bytes as UTF-8 and might see a space in "Â" + nbsp.
		for _, word := range bytes.Split(para, []byte{' '}) {
			if len(word) == 0 {
				continue
			}
			if len(cur) > 0 {
				candidate := append(append(cur[:len(cur):len(cur)], ' '), word...)
				if s.font.width(candidate, s.size) <= width {
					cur = candidate
					continue
				}
				lines = append(lines, cur)
				cur = nil
			}
			for s.font.width(word, s.size) > width {
				n := fitting(s, word, width)
				lines = append(lines, word[:n])
				word = word[n:]
			}
			cur = append(cur, word...)
		}
		lines = append(lines, cur)
	}
	return lines
}

// fitting returns how many bytes of word fit in width, at least one so that
// wrapping always moves on.
func fitting(s style, word []byte, width float64) int {
	w := 0.0
	for i, c := range word {
		w += float64(s.font.widths[c]) * s.size / 1000
		if w > width {
			return max(i, 1)
		}
	}
	return len(word)
}
