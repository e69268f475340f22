package filestore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Dir is a Store in a folder, created 0700 with files 0600. Several nodes
// share it when it is on a shared mount: a file is written under a
// temporary name, then renamed, so that no node ever reads half of one.
type Dir string

// Put writes r to the folder under name.
func (d Dir) Put(ctx context.Context, name string, r io.Reader, size int64) error {
	if !validName(name) {
		return fmt.Errorf("filestore: invalid name %q", name)
	}
	if err := os.MkdirAll(string(d), 0o700); err != nil {
		return fmt.Errorf("filestore: create folder: %w", err)
	}
	final := filepath.Join(string(d), name)
	if _, err := os.Lstat(final); err == nil {
		return fmt.Errorf("filestore: %s already exists", name)
	}
	tmp, err := os.CreateTemp(string(d), ".tmp-*")
	if err != nil {
		return fmt.Errorf("filestore: %w", err)
	}
	n, err := io.Copy(tmp, r)
	if err == nil && n != size {
		err = fmt.Errorf("filestore: %s: %d bytes written, %d announced", name, n, size)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// Link refuses an existing name where rename would replace it.
		err = os.Link(tmp.Name(), final)
	}
	os.Remove(tmp.Name())
	if err != nil {
		return fmt.Errorf("filestore: store %s: %w", name, err)
	}
	return nil
}

// Open opens name in the folder.
func (d Dir) Open(ctx context.Context, name string) (io.ReadCloser, error) {
	if !validName(name) {
		return nil, ErrNotFound
	}
	f, err := os.Open(filepath.Join(string(d), name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	}
	return f, err
}

// Remove deletes name from the folder.
func (d Dir) Remove(ctx context.Context, name string) error {
	if !validName(name) {
		return nil
	}
	err := os.Remove(filepath.Join(string(d), name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
