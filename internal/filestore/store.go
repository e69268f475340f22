package filestore

import (
	"context"
	"errors"
	"io"
)

// Store keeps files by name. Names are chosen by the caller (random, hex)
// and never reused; a Store checks nothing else about them.
type Store interface {
	// Put stores size bytes read from r under name; a name already taken is
	// an error, never overwritten.
	Put(ctx context.Context, name string, r io.Reader, size int64) error
	// Open returns the content of name; ErrNotFound when there is none.
	Open(ctx context.Context, name string) (io.ReadCloser, error)
	// Remove deletes name; removing a missing name is not an error.
	Remove(ctx context.Context, name string) error
}

// ErrNotFound says that a store holds no file under a name.
var ErrNotFound = errors.New("filestore: no such file")

// validName admits the names callers make: letters, digits, '-' and '_',
// so that no name walks out of a folder or a bucket's prefix.
func validName(name string) bool {
	if name == "" || len(name) > 128 {
		return false
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_'
		if !ok {
			return false
		}
	}
	return true
}
