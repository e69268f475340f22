package app

import (
	"context"
	"path/filepath"

	"guichet/internal/dossiers"
)

// dossiersOptions wires the dossiers to the rest of Guichet: files in
// DATA/files, outside anything the web server serves.
func (a *App) dossiersOptions() dossiers.Options {
	return dossiers.Options{
		FilesDir: filepath.Join(a.Config.DataDir, "files"),
		BaseURL:  a.Config.BaseURL,
	}
}

// contactOf gives the address the expiry notice of a draft goes to.
func (a *App) contactOf(ctx context.Context, userID int64) (string, string, error) {
	u, err := a.Identity.UserByID(ctx, userID)
	if err != nil {
		return "", "", err
	}
	return u.Email, u.Name, nil
}
