package listening

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // DecodeConfig reads the size of JPEG pictures
	_ "image/png"  // and of PNG ones
	"io"

	"guichet/internal/errs"
)

// MaxPictureSize is the heaviest picture a tutorial's step takes: enough
// for a screenshot or a photo of a form, light enough for an old phone.
const MaxPictureSize = 1 << 20

// maxPictureSide bounds a picture's width and height, so that no picture
// asks a phone for more memory than it has.
const maxPictureSide = 6000

// The picture types a tutorial accepts, told from their content, never
// from their name: an SVG (which may hold a script) or a renamed program
// is refused.
const (
	PictureJPEG = "image/jpeg"
	PicturePNG  = "image/png"
)

// picture is a checked picture, ready to be written to the files folder.
type picture struct {
	contentType   string
	width, height int
	data          []byte
}

// readPicture reads an upload whole (it is small) and checks its size, its
// type from its first bytes and that it decodes as that type.
func readPicture(r io.Reader, name string) (picture, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxPictureSize+1))
	if err != nil {
		return picture{}, fmt.Errorf("read picture: %w", err)
	}
	var p picture
	switch {
	case len(data) == 0:
		return p, errs.InvalidField("picture", "L'image « "+name+" » est vide. Choisissez une autre image.")
	case len(data) > MaxPictureSize:
		return p, errs.InvalidField("picture", "L'image « "+name+" » est trop lourde : 1 Mo au plus. Réduisez-la, ou faites une capture d'écran plus petite.")
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		p.contentType = PictureJPEG
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		p.contentType = PicturePNG
	default:
		return p, errs.InvalidField("picture", "L'image « "+name+" » n'est ni une photo JPEG ni une image PNG. Choisissez une image de l'un de ces types.")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || "image/"+format != p.contentType {
		return picture{}, errs.InvalidField("picture", "L'image « "+name+" » est abîmée : elle ne s'ouvre pas. Choisissez une autre image.")
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > maxPictureSide || cfg.Height > maxPictureSide {
		return picture{}, errs.InvalidField("picture", fmt.Sprintf("L'image « %s » est trop grande : %d pixels de côté au plus.", name, maxPictureSide))
	}
	p.width, p.height, p.data = cfg.Width, cfg.Height, data
	return p, nil
}

// store writes a checked picture under a random name in the file store,
// readable by Guichet alone, and returns that name.
func (s *Service) store(ctx context.Context, p picture) (string, error) {
	if s.files == nil {
		return "", errors.New("listening: no store for pictures (Options.Files)")
	}
	var b [16]byte
	rand.Read(b[:])
	name := "tuto-" + hex.EncodeToString(b[:])
	if err := s.files.Put(ctx, name, bytes.NewReader(p.data), int64(len(p.data))); err != nil {
		return "", fmt.Errorf("store picture: %w", err)
	}
	return name, nil
}

// removePicture deletes a stored picture whose row is gone.
func (s *Service) removePicture(ctx context.Context, name string) {
	if name != "" && s.files != nil {
		s.files.Remove(ctx, name)
	}
}
