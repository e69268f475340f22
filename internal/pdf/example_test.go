package pdf_test

import (
	"bytes"
	"fmt"
	"time"

	"guichet/internal/pdf"
)

func ExampleDocument_WriteTo() {
	doc := pdf.Document{
		Title:   "Récépissé de votre demande ABCD-EFGH",
		Author:  "Mairie de Lyon",
		Created: time.Date(2025, 3, 1, 14, 30, 0, 0, time.UTC),
		Blocks: []pdf.Block{
			{Kind: pdf.Heading, Text: "Récépissé de votre demande"},
			{Kind: pdf.Pair, Label: "Référence", Value: "ABCD-EFGH"},
			{Kind: pdf.Pair, Label: "Envoyée le", Value: "1er mars 2025 à 14 h 30"},
			{Kind: pdf.Rule},
			{Kind: pdf.Paragraph, Text: "La mairie vous répond sous 10 jours."},
		},
	}
	var buf bytes.Buffer
	if _, err := doc.WriteTo(&buf); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(buf.Bytes()[:8]))
	// Output: %PDF-1.4
}
