# tide — see README.md. `make test` is what CI runs.
GO        ?= go
PKGS      := ./...
BIN       := bin/tide
export TIDE_TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
export TIDE_TEST_MYSQL_URL    ?= mysql://root@127.0.0.1:3306/test

.PHONY: build test test-short demo demo-mysql bench bench-zdt conformance lint fuzz servers clean

build:
	$(GO) build -o $(BIN) ./cmd/tide

servers:
	@bash .ci/servers

test: servers
	$(GO) vet $(PKGS)
	$(GO) test -count=1 -timeout 20m $(PKGS)

test-short:
	$(GO) test -short $(PKGS)

demo: build servers
	@bash examples/demo.sh

demo-mysql: build servers
	@bash examples/demo-mysql.sh

bench: build servers
	$(GO) run ./cmd/tidebench -tide $(BIN)

bench-zdt: build servers
	$(GO) run ./cmd/tidezdt -tide $(BIN)

conformance: servers
	$(GO) test -count=1 -timeout 60m -run TestConformance -v ./cmd/tide/ -conformance 2>&1 | grep -E '^conformance |: FAIL |^(ok|FAIL|--- FAIL)'

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo 'gofmt: files above need formatting'; exit 1)
	$(GO) vet $(PKGS)
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 $(PKGS)

FUZZTIME ?= 20s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzLoadHCL -fuzztime $(FUZZTIME) ./schema/
	$(GO) test -run '^$$' -fuzz FuzzParseSQL -fuzztime $(FUZZTIME) ./dialects/postgres/
	$(GO) test -run '^$$' -fuzz FuzzParseSQL -fuzztime $(FUZZTIME) ./dialects/mysql/

clean:
	rm -rf bin
