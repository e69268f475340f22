package config

import (
	"fmt"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"
)

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// secret returns the setting name, given directly or read from the file
// named by name-file, so that a password can stay out of the process list
// (`ps` shows flags, and /proc shows the environment to the same user).
// The trailing line break that editors add is dropped.
func secret(v func(string) string, name string) (string, error) {
	value, file := v(name), v(name+"-file")
	if file == "" {
		return value, nil
	}
	if value != "" {
		return "", fmt.Errorf("%s : donnez la valeur ou le fichier (--%s-file), pas les deux", name, name)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("%s-file : le fichier %s n'a pas pu être lu : %w", name, file, err)
	}
	s := strings.TrimRight(string(b), "\r\n")
	if s == "" {
		return "", fmt.Errorf("%s-file : le fichier %s est vide", name, file)
	}
	return s, nil
}

func parseBool(name, v string) (bool, error) {
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s : « %s » n'est ni true ni false", name, v)
	}
	return b, nil
}

func parseInt(name, v string, min, max int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		return 0, fmt.Errorf("%s : « %s » n'est pas un nombre entier de %d à %d", name, v, min, max)
	}
	return n, nil
}

func parseDuration(name, v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%s : « %s » n'est pas une durée comme 30s ou 2m", name, v)
	}
	return d, nil
}

// boolFlag lets --demo stand alone while keeping the raw text for checking.
type boolFlag struct{ v *string }

func (b boolFlag) String() string {
	if b.v == nil {
		return ""
	}
	return *b.v
}
func (b boolFlag) Set(s string) error { *b.v = s; return nil }
func (b boolFlag) IsBoolFlag() bool   { return true }

// parsePrefixes reads a comma-separated list of CIDR ranges; a bare
// address stands for itself alone.
func parsePrefixes(name, v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range strings.Split(v, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		p, err := netip.ParsePrefix(item)
		if err != nil {
			a, aerr := netip.ParseAddr(item)
			if aerr != nil {
				return nil, fmt.Errorf("%s : « %s » n'est ni une adresse IP ni une plage CIDR comme 10.0.0.0/8", name, item)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
