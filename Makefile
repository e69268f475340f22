# Guichet — the two commands that matter: `make run` and `make test`.
GO      ?= go
BIN     := bin/guichet
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)
FUZZTIME ?= 10s

.PHONY: run build test test-postgres e2e bench fuzz vet openapi-lint clean cluster cluster-stop chaos

## run: start Guichet with demo data on embedded SQLite at http://127.0.0.1:8080
run: build
	./$(BIN) serve --addr 127.0.0.1:8080 --data data --demo

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/guichet
	$(GO) build -o bin/oidctest ./cmd/oidctest
	$(GO) build -o bin/chaos ./cmd/chaos

## test: every Go test (SQLite; PostgreSQL too when GUICHET_TEST_DATABASE_URL is set)
test:
	$(GO) test -timeout 30m ./...

## test-postgres: the same tests on the local PostgreSQL (fresh database)
test-postgres:
	scripts/test-postgres.sh

## e2e: browser journeys, accessibility gate and page-weight budget (installs Chromium and npm packages)
e2e: build
	scripts/e2e.sh

## bench: load benchmark against the real binary and Go benchmarks; writes build/bench.json
bench: build
	scripts/bench.sh

## cluster: three nodes and a worker on a fresh PostgreSQL database behind HAProxy (installed from Debian); prints the address
cluster: build
	scripts/cluster.sh start

## cluster-stop: stops every process of the cluster (nodes drain first) and drops its database
cluster-stop:
	scripts/cluster.sh stop

## chaos: journeys through the cluster while a node, then the worker, gets SIGKILL; checks nothing acknowledged is lost or doubled
chaos: build
	scripts/chaos.sh

## fuzz: run every fuzz target for FUZZTIME each
fuzz:
	scripts/fuzz.sh $(FUZZTIME)

vet:
	$(GO) vet ./...

## openapi-lint: the OpenAPI document through Redocly's recommended rules
openapi-lint:
	scripts/openapi-lint.sh

clean:
	rm -rf bin build
