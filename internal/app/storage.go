package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"guichet/internal/config"
	"guichet/internal/database"
	"guichet/internal/identity"
	"guichet/internal/jobs"
	"guichet/internal/secretbox"
	"guichet/internal/webhooks"
)

// Storage is an instance's data without its web server: the migrated
// database and the secret key, checked against the key the database was
// first opened with. Commands that only touch data (migrate, user create,
// places import and export) open it alone, so that they work while the
// OpenID Connect provider or the mail server is out of reach.
type Storage struct {
	Config config.Config
	Logger *slog.Logger
	DB     *database.DB
	Box    *secretbox.Box
	// key is the instance key, from which modules derive keys of their
	// own (secretbox.Derive) rather than use it twice.
	key []byte
}

// OpenStorage opens the database, applies the migrations, loads the secret
// key (creating DATA/secret.key on first start) and refuses a key other
// than the one the database was first opened with.
func OpenStorage(ctx context.Context, cfg config.Config, logger *slog.Logger) (*Storage, error) {
	db, err := database.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, fmt.Errorf("la base de données n'a pas pu être ouverte : %w", err)
	}
	s := &Storage{Config: cfg, Logger: logger, DB: db}
	if err := s.prepare(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (s *Storage) prepare(ctx context.Context) error {
	if err := s.DB.Migrate(ctx); err != nil {
		return fmt.Errorf("la mise à jour de la base de données a échoué : %w", err)
	}
	key, err := secretbox.LoadOrCreateKey(s.Config.SecretKey, filepath.Join(s.Config.DataDir, "secret.key"))
	if err != nil {
		return fmt.Errorf("clé secrète : %w", err)
	}
	if err := s.DB.CheckKeyFingerprint(ctx, secretbox.Fingerprint(key)); errors.Is(err, database.ErrOtherKey) {
		return errors.New("clé secrète : cette base de données a été ouverte la première fois avec une autre clé secrète. " +
			"Donnez à ce processus la même clé que les autres (GUICHET_SECRET_KEY, --secret-key-file " +
			"ou le même fichier DATA/secret.key) : avec une autre clé, il ne pourrait pas lire les données scellées")
	} else if err != nil {
		return fmt.Errorf("clé secrète : %w", err)
	}
	s.key = key
	s.Box, err = secretbox.New(key)
	return err
}

// Identity returns the accounts service on this storage.
func (s *Storage) Identity() *identity.Service {
	return identity.NewService(s.DB, s.Box, identity.Config{
		BaseURL:  s.Config.BaseURL,
		Throttle: identity.ThrottleConfig{FirstLock: s.Config.LoginLock},
	}, time.Now)
}

// Webhooks returns the webhooks service on this storage, for a command
// that registers endpoints (jobs nil) or a process that delivers.
func (s *Storage) Webhooks() *webhooks.Service { return s.webhooks(nil) }

func (s *Storage) webhooks(q *jobs.Queue) *webhooks.Service {
	if s.Config.WebhookAllowPrivate {
		s.Logger.Warn("webhooks: endpoints on this machine and private networks are allowed (--webhook-allow-private): for tests and development only")
	}
	return webhooks.New(s.DB, webhooks.Options{Box: s.Box, IDKey: secretbox.Derive(s.key, webhooks.IDKeyPurpose), Jobs: q,
		AllowPrivate: s.Config.WebhookAllowPrivate, Logger: s.Logger})
}

// Close releases the database.
func (s *Storage) Close() error { return s.DB.Close() }
