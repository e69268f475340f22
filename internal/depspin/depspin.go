// Package depspin keeps every chosen dependency in go.mod and go.sum while
// the modules that use them are being written in parallel. It is removed
// once each dependency has a real importer.
package depspin

import (
	_ "github.com/coreos/go-oidc/v3/oidc"
	_ "github.com/go-jose/go-jose/v4"
	_ "github.com/google/cel-go/cel"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/prometheus/client_golang/prometheus/collectors"
	_ "github.com/prometheus/client_golang/prometheus/promhttp"
	_ "golang.org/x/crypto/argon2"
	_ "golang.org/x/oauth2"
	_ "golang.org/x/text/unicode/norm"
	_ "modernc.org/sqlite"
	_ "rsc.io/qr"
)
