package dossiers

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guichet/internal/errs"
)

func TestDetectType(t *testing.T) {
	tests := []struct {
		name string
		head []byte
		want string
	}{
		{"pdf", []byte("%PDF-1.7\n"), TypePDF},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10}, TypeJPEG},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), TypePNG},
		{"heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), TypeHEIC},
		{"mp4 is not heic", []byte("\x00\x00\x00\x18ftypisom\x00\x00"), ""},
		{"program renamed .pdf", []byte("MZ\x90\x00\x03"), ""},
		{"html", []byte("<html><script>"), ""},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectType(tt.head); got != tt.want {
				t.Errorf("DetectType = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAttachFile(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	d := f.draft(t, f.marie)
	up := func(name string, b []byte) Upload {
		return Upload{Field: "piece", Name: name, Content: bytes.NewReader(b)}
	}

	// The type comes from the content, not the name.
	if _, err := f.svc.AttachFile(ctx, f.marie.ID, d.ID, up("photo.pdf", []byte("MZ not a pdf at all"))); errs.FieldOf(err) != "piece" {
		t.Errorf("wrong content: %v", err)
	}
	// Over the field's limit (1 Mo in the fixture).
	if _, err := f.svc.AttachFile(ctx, f.marie.ID, d.ID, up("gros.pdf", pdfBytes(1<<20+1))); errs.FieldOf(err) != "piece" ||
		!bytes.Contains([]byte(errs.MessageOf(err)), []byte("trop lourd")) {
		t.Errorf("too large: %v", err)
	}
	if entries, _ := os.ReadDir(f.filesDir); len(entries) != 0 {
		t.Errorf("%d files left behind by refused uploads", len(entries))
	}
	file, err := f.svc.AttachFile(ctx, f.marie.ID, d.ID, up("../../acte.PDF", pdfBytes(900<<10)))
	if err != nil {
		t.Fatal(err)
	}
	if file.Name != "acte.PDF" || file.ContentType != TypePDF || file.DownloadName() != "acte.pdf" {
		t.Errorf("file = %+v", file)
	}
	info, err := os.Stat(filepath.Join(f.filesDir, file.storedName))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("stored file mode %v, %v", info.Mode(), err)
	}
	got, _ := f.svc.Get(ctx, f.marie.ID, d.ID)
	if !strings.Contains(string(got.Answers["piece"]), fmt.Sprint(file.ID)) {
		t.Error("the field's answer does not point to the file")
	}
	// The dossier's total (3 Mo in the fixture).
	for i := range 2 {
		if _, err := f.svc.AttachFile(ctx, f.marie.ID, d.ID, up("autre.pdf", pdfBytes(1000<<10))); err != nil {
			t.Fatalf("file %d: %v", i, err)
		}
	}
	if _, err := f.svc.AttachFile(ctx, f.marie.ID, d.ID, up("encore.pdf", pdfBytes(500<<10))); !errs.Is(err, errs.Invalid) {
		t.Errorf("over the dossier's total: %v", err)
	}

	// Only the person and, once sent, the administration in charge open it.
	_, r, err := f.svc.OpenFile(ctx, f.marie.ID, file.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	r.Close()
	if len(b) != 900<<10 {
		t.Errorf("read %d bytes", len(b))
	}
	if _, _, err := f.svc.OpenFile(ctx, f.paul.ID, file.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("another person opening the file: %v", err)
	}
	if _, _, err := f.svc.OpenFileForStaff(ctx, f.mairie, file.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("agent opening a draft's file: %v", err)
	}
	if _, err := f.svc.Submit(ctx, Submitter{UserID: f.marie.ID, Email: f.marie.Email}, d.ID, Receipt{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.OpenFileForStaff(ctx, f.caf, file.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("another administration opening the file: %v", err)
	}
	_, r, err = f.svc.OpenFileForStaff(ctx, f.mairie, file.ID)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if n := f.count(t, `SELECT COUNT(*) FROM audit_events WHERE event = 'dossier_read' AND user_id = $1 AND actor_id = $2`,
		f.marie.ID, f.mairie.UserID); n != 1 {
		t.Errorf("%d audit entries of the staff read, want 1", n)
	}
	// A sent dossier takes no more files outside a correction.
	if _, err := f.svc.AttachFile(ctx, f.marie.ID, d.ID, up("tard.pdf", pdfBytes(10))); !errs.Is(err, errs.Conflict) {
		t.Errorf("file on a sent dossier: %v", err)
	}
}
