// Package pdf writes small, plain PDF documents such as the receipt of a
// dossier: headings, paragraphs and "label: value" pairs laid out on A4
// pages, with page numbers, in the standard Helvetica fonts.
//
// It uses the standard library only. The fonts are the standard Type 1 fonts
// every PDF reader has, so nothing is embedded and a receipt stays a few
// kilobytes; the text is encoded in WinAnsiEncoding, which holds every
// character of written French (é è ê à ç ù œ « » ’ € and the non-breaking
// spaces). A character outside it is replaced by a near one (ł by l, a
// figure dash by a hyphen) or by a question mark, never by a broken file.
// Lines are wrapped with the real widths of the Helvetica glyphs, and pages
// break on their own.
//
// The document says it is in French (/Lang) and asks readers to show its
// title rather than its file name, which screen readers announce.
package pdf
