package places

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"

	"guichet/internal/errs"
)

// jsonElements streams the objects of the list of places in a JSON text:
// a top-level array, or the first array of objects found in a top-level
// object (as in {"data": […]} or a GeoJSON FeatureCollection).
type jsonElements struct {
	dec   *json.Decoder
	index int
	done  bool
}

// newJSONElements finds the list of places in data.
func newJSONElements(data []byte) (*jsonElements, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, errs.Wrap(errs.Invalid, "Le fichier n'est pas du JSON valide.", err)
	}
	switch tok {
	case json.Delim('['):
		return &jsonElements{dec: dec}, nil
	case json.Delim('{'):
		for dec.More() {
			if _, err := dec.Token(); err != nil { // the key
				break
			}
			if next, at := peekByte(data, int(dec.InputOffset())); next == '[' {
				if first, _ := peekByte(data, at+1); first == '{' {
					dec.Token()
					return &jsonElements{dec: dec}, nil
				}
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				break
			}
		}
	}
	return nil, errs.E(errs.Invalid, "Le fichier JSON ne contient pas de liste de lieux (un tableau d'objets).")
}

// peekByte returns the first byte of data from off that is not a space or
// a JSON separator, and its offset; 0 at the end.
func peekByte(data []byte, off int) (byte, int) {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
		default:
			return data[off], off
		}
	}
	return 0, off
}

// errJSONBroken says the JSON text breaks at the current element; nothing
// after it can be read.
var errJSONBroken = errors.New("json broken")

// next returns the next element as a map, its index, a non-nil element
// error for an element that is not an object, errJSONBroken when the text
// breaks, or io.EOF at the end of the list.
func (j *jsonElements) next() (int, map[string]any, error) {
	if j.done || !j.dec.More() {
		j.done = true
		return j.index, nil, io.EOF
	}
	i := j.index
	j.index++
	var v any
	if err := j.dec.Decode(&v); err != nil {
		j.done = true
		return i, nil, errJSONBroken
	}
	m, ok := v.(map[string]any)
	if !ok {
		return i, nil, errs.E(errs.Invalid, "L'élément n'est pas un objet JSON décrivant un lieu.")
	}
	return i, m, nil
}

// jsonValues flattens a JSON object into the raw text of the fields of the
// standard: nested objects give dotted keys ("adresse.voie"), GeoJSON
// properties count as top-level keys, arrays of texts are joined with "|",
// and a GeoJSON point gives the coordinates. When several keys mean the same
// field, the standard's own name wins, then the first in key order.
func jsonValues(obj map[string]any) map[string]string {
	flat := map[string]string{}
	flatten("", obj, flat)
	keys := make([]string, 0, len(flat))
	for k := range flat {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	values := map[string]string{}
	exact := map[string]bool{}
	for _, k := range keys {
		hk := headerKey(k)
		f, ok := fieldForKey(hk)
		if !ok || strings.TrimSpace(flat[k]) == "" {
			continue
		}
		isExact := hk == f
		if _, seen := values[f]; seen && (exact[f] || !isExact) {
			continue
		}
		values[f], exact[f] = flat[k], isExact
	}
	if c := flat["geometry.coordinates"]; c != "" && values[FieldLatitude] == "" && values[FieldLongitude] == "" {
		if lon, lat, ok := strings.Cut(c, "|"); ok {
			values[FieldLatitude], values[FieldLongitude] = lat, lon
		}
	}
	return values
}

func flatten(prefix string, v any, out map[string]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			key := k
			if prefix != "" {
				key = prefix + "." + k
			}
			if k == "properties" {
				key = prefix
			}
			flatten(key, child, out)
		}
	case []any:
		var parts []string
		for _, e := range x {
			if s, ok := scalar(e); ok && strings.TrimSpace(s) != "" {
				parts = append(parts, s)
			}
		}
		out[prefix] = strings.Join(parts, "|")
	default:
		if s, ok := scalar(v); ok {
			out[prefix] = nullToEmpty(s)
		}
	}
}

func scalar(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		if x {
			return "true", true
		}
		return "false", true
	}
	return "", false
}
