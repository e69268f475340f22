package places

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// batchSize is how many places one transaction writes: large enough to
// make an import fast, small enough not to hold the SQLite writer long.
const batchSize = 500

// row is a place read from a file, with where it came from.
type row struct {
	pos   Rejection // Line, Index and ID locate the row
	place Place
}

// Import reads a file of help places in format f and stores every valid
// row, adding the new places and rewriting the known ones (same source and
// id), except the places a help structure has claimed, which it keeps. Every
// rejected row and dropped value is listed in the report. It returns an
// error only when nothing can be read: unknown format, empty or unreadable
// file, broken JSON from the start, a CSV without known columns, or a
// database failure.
func (s *Service) Import(ctx context.Context, r io.Reader, f Format) (Report, error) {
	now := s.now()
	if err := checkFormat(f); err != nil {
		return Report{}, err
	}
	data, err := readAll(r)
	if err != nil {
		return Report{}, err
	}
	src, err := openSource(data, f, now)
	if err != nil {
		return Report{}, err
	}
	imp := &importer{db: s.db, now: now.UTC(), seen: map[[2]string]string{}}
	for {
		rec, broken, err := src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return imp.report, err
		}
		if broken != nil {
			imp.reject(*broken)
			continue
		}
		imp.add(rec, src.options())
		if len(imp.batch) >= batchSize {
			if err := imp.flush(ctx); err != nil {
				return imp.report, err
			}
		}
	}
	return imp.report, imp.flush(ctx)
}

// importer checks the rows one by one and writes them in batches.
type importer struct {
	db     *database.DB
	now    time.Time
	seen   map[[2]string]string // source and id → where the row was first seen
	batch  []row
	report Report
}

func position(rec record) Rejection {
	if rec.line > 0 {
		return Rejection{Line: rec.line, Index: -1}
	}
	return Rejection{Index: rec.index}
}

func (imp *importer) reject(problems ...Rejection) {
	imp.report.Rejected++
	imp.report.Rejections = append(imp.report.Rejections, problems...)
}

// add builds the place of a record and queues it, or rejects the row.
func (imp *importer) add(rec record, opt buildOptions) {
	pos := position(rec)
	p, problems, warnings := build(rec, opt)
	pos.ID = p.ID
	if len(problems) > 0 {
		rs := make([]Rejection, len(problems))
		for i, fe := range problems {
			rs[i] = pos
			rs[i].Field, rs[i].Reason = fe.Field, fe.Message
		}
		imp.reject(rs...)
		return
	}
	key := [2]string{p.Source, p.ID}
	if first, dup := imp.seen[key]; dup {
		r := pos
		r.Field = FieldID
		r.Reason = fmt.Sprintf("Cet identifiant est déjà utilisé plus haut (%s) ; seul le premier lieu est importé.", first)
		imp.reject(r)
		return
	}
	imp.seen[key] = pos.Where()
	for _, w := range warnings {
		r := pos
		r.Field, r.Reason = w.Field, w.Message
		imp.report.Warnings = append(imp.report.Warnings, r)
	}
	imp.batch = append(imp.batch, row{pos: pos, place: p})
}

const findBySourceSQL = `SELECT id, org_id FROM places WHERE source = $1 AND ext_id = $2`

// flush writes the queued places in one transaction with prepared
// statements; the counts change only once the transaction commits. When
// another import added one of the places meanwhile, the batch runs once more
// and updates it.
func (imp *importer) flush(ctx context.Context) error {
	if len(imp.batch) == 0 {
		return nil
	}
	err := imp.writeBatch(ctx)
	if database.IsUniqueViolation(err) {
		err = imp.writeBatch(ctx)
	}
	if err != nil {
		return errs.Wrap(errs.Internal, "Les lieux n'ont pas pu être enregistrés.", err)
	}
	imp.batch = imp.batch[:0]
	return nil
}

// writeBatch writes the queued places in one transaction.
func (imp *importer) writeBatch(ctx context.Context) error {
	var added, updated, kept int
	err := imp.db.Transact(ctx, func(tx *sql.Tx) error {
		added, updated, kept = 0, 0, 0
		find, err := tx.PrepareContext(ctx, findBySourceSQL)
		if err != nil {
			return err
		}
		defer find.Close()
		ins, err := tx.PrepareContext(ctx, insertPlaceSQL)
		if err != nil {
			return err
		}
		defer ins.Close()
		upd, err := tx.PrepareContext(ctx, updatePlaceSQL)
		if err != nil {
			return err
		}
		defer upd.Close()
		for i := range imp.batch {
			p := &imp.batch[i].place
			var key int64
			var org sql.NullInt64
			err := find.QueryRowContext(ctx, p.Source, p.ID).Scan(&key, &org)
			switch {
			case database.IsNoRows(err):
				_, err = ins.ExecContext(ctx, append(placeArgs(p), imp.now, imp.now)...)
				added++
			case err != nil:
			case org.Valid:
				kept++
			default:
				_, err = upd.ExecContext(ctx, updateArgs(p, key, imp.now)...)
				updated++
			}
			if err != nil {
				return fmt.Errorf("store place %s (%s): %w", p.ID, imp.batch[i].pos.Where(), err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	imp.report.Imported += added
	imp.report.Updated += updated
	imp.report.Kept += kept
	return nil
}
