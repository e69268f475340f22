package catalogue

import (
	"context"
	"time"
)

// Snapshot returns the public catalogue. It reads the catalogue version at most once per
// CheckEvery, and rebuilds the snapshot when the version moved. While one request rebuilds,
// the others keep the snapshot they have, so a rebuild never queues readers; only the very
// first call, with nothing to serve yet, waits for it, and so does the first call after a
// write on this node (see changed), so that the writer sees its change at once.
func (s *Service) Snapshot(ctx context.Context) (*Snapshot, error) {
	cur := s.snap.Load()
	stale := s.stale.Load()
	if cur != nil && !stale && s.fresh() {
		return cur, nil
	}
	if cur == nil || stale {
		s.refreshing.Lock()
	} else if !s.refreshing.TryLock() {
		return cur, nil
	}
	defer s.refreshing.Unlock()
	if cur = s.snap.Load(); cur != nil && !s.stale.Load() && s.fresh() {
		return cur, nil
	}
	stale = s.stale.Swap(false)
	next, err := s.rebuild(ctx, cur)
	if err != nil {
		if stale {
			s.stale.Store(true)
		}
		if cur != nil {
			// A database hiccup should not take the catalogue down: serve what we have and
			// try again at the next check.
			s.logger.Warn("catalogue refresh failed", "err", err)
			s.checkedAt.Store(s.clock().UnixNano())
			return cur, nil
		}
		return nil, err
	}
	return next, nil
}

// Refresh reads the catalogue version now and rebuilds the snapshot if it moved, waiting for
// a rebuild under way.
func (s *Service) Refresh(ctx context.Context) error {
	s.refreshing.Lock()
	defer s.refreshing.Unlock()
	stale := s.stale.Swap(false)
	_, err := s.rebuild(ctx, s.snap.Load())
	if err != nil && stale {
		s.stale.Store(true)
	}
	return err
}

// changed marks the snapshot out of date after a write of this node has committed: the next
// Snapshot reads the version and rebuilds, as Refresh would, but writes in a row (a
// catalogue being loaded) cost one rebuild rather than one each.
func (s *Service) changed() { s.stale.Store(true) }

// rebuild reads the version and, when it differs from cur's, builds and installs a new
// snapshot. The caller holds s.refreshing.
func (s *Service) rebuild(ctx context.Context, cur *Snapshot) (*Snapshot, error) {
	checked := s.clock()
	v, err := version(ctx, s.db)
	if err != nil {
		return nil, err
	}
	if cur != nil && cur.Version == v {
		s.checkedAt.Store(checked.UnixNano())
		return cur, nil
	}
	next, err := buildSnapshot(ctx, s.db, v)
	if err != nil {
		return nil, err
	}
	s.snap.Store(next)
	s.checkedAt.Store(checked.UnixNano())
	return next, nil
}

// fresh tells whether the version was read less than CheckEvery ago.
func (s *Service) fresh() bool {
	return s.clock().Sub(time.Unix(0, s.checkedAt.Load())) < s.checkEvery
}
