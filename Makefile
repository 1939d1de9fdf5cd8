# Thin aliases over the go command.
GO ?= go
FUZZTIME ?= 1m

.PHONY: build test check bench fuzz update-golden install man wasm site

build:
	$(GO) build ./...

test:
	$(GO) vet ./...
	$(GO) test -race ./...

# check also verifies formatting, that every preset meets its expectations
# and vets the web page's engine, which only GOOS=js builds.
check: test
	@test -z "$$(gofmt -l .)" || (echo "gofmt needed:"; gofmt -l .; exit 1)
	$(GO) run ./cmd/envelope check
	GOOS=js GOARCH=wasm $(GO) vet ./web/wasm

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./estimate

# fuzz runs every fuzz target of every package in the module, one after
# the other, for FUZZTIME each (go test -fuzz takes one target at a time).
fuzz:
	@for p in $$($(GO) list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' ./...); do \
		for t in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz'); do \
			echo "== $$p $$t ($(FUZZTIME))"; \
			$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$p || exit 1; \
		done; \
	done

update-golden:
	$(GO) test ./cmd/envelope -update
	$(GO) test ./estimate -update

install:
	$(GO) install ./cmd/envelope

# man writes a man page per command to man/, replacing those there (see
# docs/cli.md to install them).
man:
	$(GO) run ./cmd/envelope man --force man

# wasm rebuilds the web page's engine (web/static/engine.wasm.gz, with the
# Go release's wasm_exec.js); commit what it writes. go test checks it.
wasm:
	$(GO) run ./web/mkwasm -o web/static

# site writes the web page as a static folder, site/, that runs from any
# static host or from file://.
site:
	$(GO) run ./web/mksite -o site
