package dossiers

import (
	"context"
	"database/sql"
	"fmt"
)

const fieldFilesSQL = `SELECT id, field, stored_name FROM dossier_files
WHERE dossier_id = $1 AND message_id IS NULL AND field <> ''`

const deleteFileSQL = `DELETE FROM dossier_files WHERE id = $1`

// dropStaleFiles deletes in tx the files of d's form fields that its
// answers no longer hold: those of a field left without an answer (cleared,
// hidden by a condition, a repeated block's row taken away) and, when
// field is about to be given a new file, the files it had before; keep is
// a file to leave in any case (0 for none). It
// returns their stored names, which the caller removes from disk once tx
// has committed (see removeFiles): a person's replaced or removed
// document is not kept anywhere.
func (s *Service) dropStaleFiles(ctx context.Context, tx *sql.Tx, d *Dossier, field string, keep int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, fieldFilesSQL, d.ID)
	if err != nil {
		return nil, fmt.Errorf("files of dossier %d: %w", d.ID, err)
	}
	type file struct {
		id            int64
		field, stored string
	}
	var stale []file
	for rows.Next() {
		var f file
		if err := rows.Scan(&f.id, &f.field, &f.stored); err != nil {
			rows.Close()
			return nil, fmt.Errorf("files of dossier %d: %w", d.ID, err)
		}
		_, answered := d.Answers[f.field]
		if f.id != keep && (!answered || f.field == field) {
			stale = append(stale, f)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var names []string
	for _, f := range stale {
		if _, err := tx.ExecContext(ctx, deleteFileSQL, f.id); err != nil {
			return nil, fmt.Errorf("delete file %d of dossier %d: %w", f.id, d.ID, err)
		}
		names = append(names, f.stored)
	}
	return names, nil
}
