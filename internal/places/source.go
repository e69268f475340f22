package places

import (
	"errors"
	"io"
	"time"

	"guichet/internal/errs"
)

// Default sources of the formats whose rows do not name the structure that
// collected them.
const (
	SourceFranceServices = "france-services"
	SourceCartographie   = "cartographie-nationale"
)

// source gives the records of a file one by one.
type source interface {
	// next returns the next record, or a rejection for a row that cannot be
	// read at all, or io.EOF at the end, or an error when nothing can be read.
	next() (record, *Rejection, error)
	// options says how liberal building places is for this format.
	options() buildOptions
}

// openSource reads the start of data in format f.
func openSource(data []byte, f Format, now time.Time) (source, error) {
	opt := buildOptions{now: now}
	switch f {
	case CartographieJSON:
		opt.older, opt.defaultSource = true, SourceCartographie
	case FranceServicesCSV:
		opt.older, opt.defaultSource = true, SourceFranceServices
	}
	if f.isJSON() {
		elems, err := newJSONElements(data)
		if err != nil {
			return nil, err
		}
		return &jsonSource{elems: elems, opt: opt}, nil
	}
	column := fieldForKey
	if f == FranceServicesCSV {
		column = franceServicesColumn
	}
	rows, err := newCSVRows(data, column)
	if err != nil {
		return nil, err
	}
	return &csvSource{rows: rows, opt: opt, franceServices: f == FranceServicesCSV}, nil
}

type csvSource struct {
	rows           *csvRows
	opt            buildOptions
	franceServices bool
}

func (s *csvSource) options() buildOptions { return s.opt }

func (s *csvSource) next() (record, *Rejection, error) {
	line, cells, err := s.rows.next()
	if errors.Is(err, io.EOF) {
		return record{}, nil, io.EOF
	}
	if err != nil {
		if line > 0 {
			return record{}, &Rejection{Line: line, Index: -1, Reason: csvSyntaxReason(err)}, nil
		}
		return record{}, nil, errs.Wrap(errs.Invalid, "Le fichier CSV n'a pas pu être lu.", err)
	}
	values := s.rows.values(cells)
	if s.franceServices {
		rec := franceServicesRecord(values)
		rec.line = line
		return rec, nil, nil
	}
	return record{line: line, values: values}, nil, nil
}

type jsonSource struct {
	elems *jsonElements
	opt   buildOptions
}

func (s *jsonSource) options() buildOptions { return s.opt }

func (s *jsonSource) next() (record, *Rejection, error) {
	i, obj, err := s.elems.next()
	switch {
	case errors.Is(err, io.EOF):
		return record{}, nil, io.EOF
	case errors.Is(err, errJSONBroken) && i == 0:
		return record{}, nil, errs.E(errs.Invalid, "Le fichier JSON est mal formé dès le premier lieu.")
	case errors.Is(err, errJSONBroken):
		return record{}, &Rejection{Index: i, Reason: "Le JSON est mal formé à partir de cet élément ; la suite du fichier n'a pas pu être lue."}, nil
	case err != nil:
		return record{}, &Rejection{Index: i, Reason: errs.MessageOf(err)}, nil
	}
	return record{index: i, values: jsonValues(obj)}, nil, nil
}
