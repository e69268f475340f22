package dossiers

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// File is a file attached to a dossier, for a form field or a message.
type File struct {
	ID          int64
	DossierID   int64
	Field       string // the form field, "" for a message's attachment
	MessageID   int64  // 0 unless attached to a message
	Name        string // as the person named it
	ContentType string
	Size        int64
	SHA256      string
	UploadedAt  time.Time
	storedName  string
}

// DownloadName is the name the file is downloaded under: its own name
// with the extension of its real type.
func (f File) DownloadName() string {
	base := strings.TrimSuffix(f.Name, filepath.Ext(f.Name))
	if base == "" {
		base = "document"
	}
	return base + typeExtension(f.ContentType)
}

// Upload is a file a person sends.
type Upload struct {
	Field   string // the form field, "" for a message's attachment
	Name    string
	Content io.Reader
	// MaxSize is the field's own limit; the service's MaxFileSize when 0
	// or larger.
	MaxSize int64
	// Answer builds the field's answer pointing to the stored file (the
	// forms module's encoding); {"file_id": …} when nil.
	Answer func(File) (json.RawMessage, error)
}

func (s *Service) limitOf(up Upload) int64 {
	if up.MaxSize > 0 && up.MaxSize < s.opts.MaxFileSize {
		return up.MaxSize
	}
	return s.opts.MaxFileSize
}

// stage checks an upload's size against limit and its type from its
// content, in a temporary file, then hands it to the file store under a
// new random name. The caller records it in the database and removes it
// when that fails.
func (s *Service) stage(ctx context.Context, up Upload, limit int64) (stored, contentType, sum string, size int64, err error) {
	if s.files == nil {
		return "", "", "", 0, errors.New("dossiers: no file store (Options.Files or FilesDir)")
	}
	tmp, err := os.CreateTemp("", "guichet-upload-*")
	if err != nil {
		return "", "", "", 0, fmt.Errorf("stage file: %w", err)
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	h := sha256.New()
	head := &headWriter{}
	size, err = io.Copy(io.MultiWriter(tmp, h, head), io.LimitReader(up.Content, limit+1))
	field := up.Field
	if field == "" {
		field = "piece_jointe"
	}
	switch {
	case err != nil:
		return "", "", "", 0, fmt.Errorf("stage file: %w", err)
	case size == 0:
		return "", "", "", 0, errs.InvalidField(field, "Le fichier « "+up.Name+" » est vide. Choisissez un autre fichier.")
	case size > limit:
		return "", "", "", 0, errs.InvalidField(field, fmt.Sprintf("Le fichier « %s » est trop lourd : %s au plus. Choisissez un fichier plus léger, ou photographiez le document en qualité moindre.", up.Name, sizeText(limit)))
	}
	if contentType = DetectType(head.b); contentType == "" {
		return "", "", "", 0, errs.InvalidField(field, "Le fichier « "+up.Name+" » n'est ni un PDF, ni une photo JPEG, PNG ou HEIC. Choisissez un fichier de l'un de ces types.")
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return "", "", "", 0, fmt.Errorf("stage file: %w", err)
	}
	var name [16]byte
	rand.Read(name[:])
	stored = hex.EncodeToString(name[:])
	if err := s.files.Put(ctx, stored, tmp, size); err != nil {
		return "", "", "", 0, fmt.Errorf("store file: %w", err)
	}
	return stored, contentType, hex.EncodeToString(h.Sum(nil)), size, nil
}

// headWriter keeps the first bytes written to it, to tell the type.
type headWriter struct{ b []byte }

func (w *headWriter) Write(p []byte) (int, error) {
	if n := 32 - len(w.b); n > 0 {
		w.b = append(w.b, p[:min(n, len(p))]...)
	}
	return len(p), nil
}

// sizeText writes a size in plain French: "10 Mo", "500 ko".
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d Mo", n>>20)
	}
	return fmt.Sprintf("%d ko", max(n>>10, 1))
}

// cleanName keeps a file's name readable and harmless: no folders, no
// control characters, at most 120 characters.
func cleanName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 32 || r == 127 || r == '"' {
			return -1
		}
		return r
	}, strings.ToValidUTF8(name, ""))
	for utf8.RuneCountInString(name) > 120 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "" || name == "." || name == "/" {
		name = "document"
	}
	return name
}

const insertFileSQL = `INSERT INTO dossier_files (dossier_id, field, message_id, name, content_type, size, sha256, stored_name,
uploaded_at, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`

const dossierSizeSQL = `SELECT COALESCE(SUM(size), 0) FROM dossier_files WHERE dossier_id = $1`

// insertFile records a staged file in tx, refusing it when the dossier's
// files would pass their total limit.
func (s *Service) insertFile(ctx context.Context, tx *sql.Tx, d *Dossier, up Upload, messageID, by int64,
	stored, contentType, sum string, size int64) (*File, error) {
	var total int64
	if err := tx.QueryRowContext(ctx, dossierSizeSQL, d.ID).Scan(&total); err != nil {
		return nil, fmt.Errorf("size of dossier %d: %w", d.ID, err)
	}
	field := up.Field
	if field == "" {
		field = "piece_jointe"
	}
	if total+size > s.opts.MaxDossierSize {
		return nil, errs.InvalidField(field, fmt.Sprintf("Les fichiers de ce dossier dépassent %s en tout. Retirez un fichier, ou envoyez-en un plus léger.", sizeText(s.opts.MaxDossierSize)))
	}
	f := &File{DossierID: d.ID, Field: up.Field, MessageID: messageID, Name: cleanName(up.Name), ContentType: contentType,
		Size: size, SHA256: sum, UploadedAt: s.now(), storedName: stored}
	err := tx.QueryRowContext(ctx, insertFileSQL, d.ID, up.Field, nullID(messageID), f.Name, contentType, size, sum, stored,
		f.UploadedAt, nullID(by)).Scan(&f.ID)
	if err != nil {
		return nil, fmt.Errorf("record file of dossier %d: %w", d.ID, err)
	}
	return f, nil
}

// AttachFile adds a file to a form field of the person's dossier (a draft,
// or a field a correction asks for) and sets the field's answer to it. A
// file too heavy, of another type or over the dossier's total is refused
// with a field error and leaves nothing behind.
func (s *Service) AttachFile(ctx context.Context, userID, id int64, up Upload) (*File, error) {
	if up.Field == "" {
		return nil, errors.New("attach file: no field")
	}
	stored, contentType, sum, size, err := s.stage(ctx, up, s.limitOf(up))
	if err != nil {
		return nil, err
	}
	var f *File
	var stale []string
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		d, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.UserID != userID {
			return errNotFound
		}
		if err := editable(d, []string{up.Field}); err != nil {
			return err
		}
		// The file the field had is replaced: it goes first, so that it
		// does not count in the dossier's total (a refusal below puts it
		// back with the rest of the transaction).
		if stale, err = s.dropStaleFiles(ctx, tx, d, up.Field, 0); err != nil {
			return err
		}
		by := userID
		if h, ok := HelperOf(ctx); ok {
			by = h.MediatorID
		}
		if f, err = s.insertFile(ctx, tx, d, up, 0, by, stored, contentType, sum, size); err != nil {
			return err
		}
		if err := s.assisted(ctx, tx, d, "dossier.file", "Fichier ajouté : "+f.Name); err != nil {
			return err
		}
		answer, err := json.Marshal(map[string]int64{"file_id": f.ID})
		if up.Answer != nil {
			answer, err = up.Answer(*f)
		}
		if err != nil {
			return fmt.Errorf("answer of file %d: %w", f.ID, err)
		}
		d.Answers[up.Field] = answer
		return s.storeAnswers(ctx, tx, d)
	})
	if err != nil {
		s.removeFiles([]string{stored})
		return nil, err
	}
	s.removeFiles(stale)
	return f, nil
}

// storeAnswersSQL stores the answers after a file; a draft touched so is
// kept longer, as a saved page makes it (saveAnswersSQL).
const storeAnswersSQL = `UPDATE dossiers SET answers = $1, updated_at = $2,
expires_at = CASE WHEN state = 'brouillon' THEN $3 ELSE expires_at END,
expiry_notice_at = CASE WHEN state = 'brouillon' THEN NULL ELSE expiry_notice_at END
WHERE id = $4`

func (s *Service) storeAnswers(ctx context.Context, tx *sql.Tx, d *Dossier) error {
	body, err := jsonText(d.Answers)
	if err != nil {
		return err
	}
	lifetime, err := s.lifetimeIn(ctx, tx, d.Procedure)
	if err != nil {
		return err
	}
	now := s.now()
	_, err = tx.ExecContext(ctx, storeAnswersSQL, body, now, now.Add(lifetime), d.ID)
	return err
}

const filesOfSQL = `SELECT id, dossier_id, field, COALESCE(message_id, 0), name, content_type, size, sha256, uploaded_at, stored_name
FROM dossier_files WHERE dossier_id = $1 ORDER BY id`

// Files returns the files of a dossier whose access the caller checked.
func (s *Service) Files(ctx context.Context, d *Dossier) ([]File, error) {
	rows, err := s.db.QueryContext(ctx, filesOfSQL, d.ID)
	if err != nil {
		return nil, fmt.Errorf("files of dossier %d: %w", d.ID, err)
	}
	defer rows.Close()
	var out []File
	for rows.Next() {
		var f File
		if err := rows.Scan(&f.ID, &f.DossierID, &f.Field, &f.MessageID, &f.Name, &f.ContentType, &f.Size, &f.SHA256,
			&f.UploadedAt, &f.storedName); err != nil {
			return nil, fmt.Errorf("files of dossier %d: %w", d.ID, err)
		}
		f.UploadedAt = f.UploadedAt.UTC()
		out = append(out, f)
	}
	return out, rows.Err()
}

const fileByIDSQL = `SELECT f.id, f.dossier_id, f.field, COALESCE(f.message_id, 0), f.name, f.content_type, f.size, f.sha256,
f.uploaded_at, f.stored_name, d.user_id, d.org_id, d.state
FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id WHERE f.id = $1`

var errFileNotFound = errs.E(errs.NotFound, "Ce fichier n'existe pas, ou vous ne pouvez pas l'ouvrir.")

func (s *Service) fileByID(ctx context.Context, id int64) (f File, userID, orgID int64, state State, err error) {
	err = s.db.QueryRowContext(ctx, fileByIDSQL, id).Scan(&f.ID, &f.DossierID, &f.Field, &f.MessageID, &f.Name,
		&f.ContentType, &f.Size, &f.SHA256, &f.UploadedAt, &f.storedName, &userID, &orgID, &state)
	if database.IsNoRows(err) {
		return f, 0, 0, "", errFileNotFound
	}
	if err != nil {
		return f, 0, 0, "", fmt.Errorf("read file %d: %w", id, err)
	}
	return f, userID, orgID, state, nil
}

// OpenFile opens a file of the person's own dossier; another person's file
// is not found. The caller closes the reader.
func (s *Service) OpenFile(ctx context.Context, userID, fileID int64) (File, io.ReadCloser, error) {
	f, owner, _, _, err := s.fileByID(ctx, fileID)
	if err != nil {
		return File{}, nil, err
	}
	if owner != userID {
		return File{}, nil, errFileNotFound
	}
	return s.open(ctx, f)
}

// OpenFileForStaff opens a file of a sent dossier of the agent's
// administration, writing the read to the audit log first.
func (s *Service) OpenFileForStaff(ctx context.Context, ag Agent, fileID int64) (File, io.ReadCloser, error) {
	f, owner, org, state, err := s.fileByID(ctx, fileID)
	if err != nil {
		return File{}, nil, err
	}
	if org != ag.OrgID || state == Draft {
		return File{}, nil, errFileNotFound
	}
	if err := s.staffRead(ctx, ag, owner, "fichier "+fmt.Sprint(f.ID)+" du dossier "+fmt.Sprint(f.DossierID),
		"pièce jointe d'un dossier"); err != nil {
		return File{}, nil, err
	}
	return s.open(ctx, f)
}

func (s *Service) open(ctx context.Context, f File) (File, io.ReadCloser, error) {
	r, err := s.files.Open(ctx, f.storedName)
	if err != nil {
		return File{}, nil, fmt.Errorf("open file %d: %w", f.ID, err)
	}
	return f, r, nil
}

const storedNamesSQL = `SELECT stored_name FROM dossier_files WHERE dossier_id = $1`

func (s *Service) storedNames(ctx context.Context, q database.Querier, dossierID int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, storedNamesSQL, dossierID)
	if err != nil {
		return nil, fmt.Errorf("files of dossier %d: %w", dossierID, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// removeFiles deletes stored files whose rows are gone; a file left behind
// by a failure is only wasted space, never readable through Guichet. The
// removal outlives the request that asked for it: the rows are gone
// already.
func (s *Service) removeFiles(names []string) {
	if s.files == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, n := range names {
		s.files.Remove(ctx, n)
	}
}
