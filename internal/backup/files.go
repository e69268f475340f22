package backup

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// emptyDir creates dir, or accepts it when it exists and is empty: a
// backup never mixes with another.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(dir, 0o700)
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("le dossier %s n'est pas vide : choisissez un dossier nouveau pour chaque sauvegarde", dir)
	}
	return os.Chmod(dir, 0o700)
}

// copyFiles copies the regular files of the folder from into to (created),
// keeping those already in to unless replace: the files of dossiers are
// named at random and never change. A missing from is an empty folder.
func copyFiles(from, to string, replace bool) (n int, size int64, err error) {
	entries, err := os.ReadDir(from)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, err
	}
	if err := os.MkdirAll(to, 0o700); err != nil {
		return 0, 0, err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		// A file removed meanwhile (a draft deleted) is simply not copied.
		ok, err := copyFile(filepath.Join(from, e.Name()), filepath.Join(to, e.Name()), replace)
		if err != nil {
			return n, size, err
		}
		if ok {
			n++
			if info, err := e.Info(); err == nil {
				size += info.Size()
			}
		}
	}
	return n, size, nil
}

// copyFile copies from to to with mode 0600, through a temporary name so
// that a copy cut short never looks whole. It reports false when from
// does not exist, or when to exists and replace is false.
func copyFile(from, to string, replace bool) (bool, error) {
	if !replace {
		if _, err := os.Stat(to); err == nil {
			return false, nil
		}
	}
	src, err := os.Open(from)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer src.Close()
	tmp := to + ".part"
	dst, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return false, err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		os.Remove(tmp)
		return false, err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		os.Remove(tmp)
		return false, err
	}
	if err := dst.Close(); err != nil {
		return false, err
	}
	return true, os.Rename(tmp, to)
}
