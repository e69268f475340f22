package dossiers

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
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
	// The dossier's total (3 Mo in the fixture), over several fields.
	for i := range 2 {
		other := up("autre.pdf", pdfBytes(1000<<10))
		other.Field = fmt.Sprint("autre", i)
		if _, err := f.svc.AttachFile(ctx, f.marie.ID, d.ID, other); err != nil {
			t.Fatalf("file %d: %v", i, err)
		}
	}
	more := up("encore.pdf", pdfBytes(500<<10))
	more.Field = "encore"
	if _, err := f.svc.AttachFile(ctx, f.marie.ID, d.ID, more); !errs.Is(err, errs.Invalid) {
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

// storedFiles returns the names of the files in the fixture's folder.
func (f *fixture) storedFiles(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(f.filesDir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestReplacedAndRemovedFilesGo: a file replaced in its field, a file whose
// answer a page clears, and the files of a draft that expires leave no row
// and nothing on disk; the other files stay. A replacement is not counted
// twice in the dossier's total.
func TestReplacedAndRemovedFilesGo(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	d := f.draft(t, f.marie)
	attach := func(field string, n int) *File {
		t.Helper()
		file, err := f.svc.AttachFile(ctx, f.marie.ID, d.ID, Upload{Field: field, Name: field + ".pdf", Content: bytes.NewReader(pdfBytes(n))})
		if err != nil {
			t.Fatalf("attach to %s: %v", field, err)
		}
		return file
	}
	rows := func() int { return f.count(t, `SELECT COUNT(*) FROM dossier_files WHERE dossier_id = $1`, d.ID) }
	first := attach("piece", 900<<10)
	kept := attach("justificatif", 900<<10)
	// Replaced, three times over: the dossier's 3 Mo are never reached,
	// and only the last file is left.
	var last *File
	for range 3 {
		last = attach("piece", 1000<<10)
	}
	if n := rows(); n != 2 {
		t.Errorf("%d file rows after replacing, want 2", n)
	}
	if got := f.storedFiles(t); len(got) != 2 || !slices.Contains(got, last.storedName) || !slices.Contains(got, kept.storedName) {
		t.Errorf("files on disk %v, want %s and %s", got, last.storedName, kept.storedName)
	}
	if _, _, err := f.svc.OpenFile(ctx, f.marie.ID, first.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("the replaced file still opens: %v", err)
	}
	// A page that no longer answers "piece" (cleared, or hidden by a
	// condition): its file goes, the other stays.
	if _, err := f.svc.SavePage(ctx, f.marie.ID, d.ID, Page{Fields: []string{"piece", "nom"},
		Values: Answers{"nom": TextAnswer("Dupont")}, Next: 1}); err != nil {
		t.Fatal(err)
	}
	if got := f.storedFiles(t); len(got) != 1 || got[0] != kept.storedName || rows() != 1 {
		t.Errorf("after clearing the answer: %v on disk, %d rows", got, rows())
	}
	// A page that keeps the file's answer keeps the file.
	got, _ := f.svc.Get(ctx, f.marie.ID, d.ID)
	if _, err := f.svc.SavePage(ctx, f.marie.ID, d.ID, Page{Fields: []string{"justificatif"},
		Values: Answers{"justificatif": got.Answers["justificatif"]}, Next: 2}); err != nil {
		t.Fatal(err)
	}
	if rows() != 1 || len(f.storedFiles(t)) != 1 {
		t.Error("a file whose answer stayed was deleted")
	}
	// The draft expires: notice, two weeks, then nothing left.
	f.clock.Advance(DefaultDraftLifetime)
	if w, _, err := f.svc.Sweep(ctx); err != nil || w != 1 {
		t.Fatalf("notice: %d %v", w, err)
	}
	f.clock.Advance(ExpiryNotice)
	if _, del, err := f.svc.Sweep(ctx); err != nil || del != 1 {
		t.Fatalf("expiry: %d %v", del, err)
	}
	if got := f.storedFiles(t); len(got) != 0 || f.count(t, `SELECT COUNT(*) FROM dossier_files`) != 0 {
		t.Errorf("after the draft expired: %v on disk, %d rows", got, f.count(t, `SELECT COUNT(*) FROM dossier_files`))
	}
}

// TestFileTouchesTheDraft: attaching a file pushes the draft's date back
// and voids a notice, as a saved page does: a person who only adds a
// document after the notice keeps their draft.
func TestFileTouchesTheDraft(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	d := f.draft(t, f.marie)
	f.clock.Advance(DefaultDraftLifetime - ExpiryNotice/2)
	if w, _, err := f.svc.Sweep(ctx); err != nil || w != 1 {
		t.Fatalf("notice: %d %v", w, err)
	}
	if _, err := f.svc.AttachFile(ctx, f.marie.ID, d.ID, Upload{Field: "piece", Name: "a.pdf", Content: bytes.NewReader(pdfBytes(100))}); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(ExpiryNotice)
	if _, del, err := f.svc.Sweep(ctx); err != nil || del != 0 {
		t.Fatalf("a draft touched after its notice was deleted: %d %v", del, err)
	}
	if got, err := f.svc.Get(ctx, f.marie.ID, d.ID); err != nil || len(f.storedFiles(t)) != 1 {
		t.Errorf("draft %v, %v; files %v", got, err, f.storedFiles(t))
	}
}
