# clientconf: a contract and conformance suite for OAuth client-management APIs.
GO        ?= go
GOTESTSUM  = $(GO) tool gotestsum
REPORTS    = reports
# `make test` must check the embedded reference server, whatever the shell exports.
CLEAN_ENV  = env $$(env | grep -o '^CONFORMANCE_[A-Z_]*' | sed 's/^/-u /')

.PHONY: conformance test serve bench vet docs lint-specs

## conformance: the full suite against CONFORMANCE_BASE_URL, or the embedded reference server.
## Writes reports/junit.xml, reports/events.json and reports/summary.md.
conformance:
	@mkdir -p $(REPORTS)
	@$(GOTESTSUM) --format pkgname-and-test-fails --hide-summary=skipped \
		--junitfile $(REPORTS)/junit.xml --junitfile-project-name clientconf \
		--junitfile-testsuite-name short --junitfile-testcase-classname relative \
		--jsonfile $(REPORTS)/events.json \
		-- -count=1 -run '^TestConformance$$' ./conformance/ ; \
	$(GO) build -o bin/report ./cmd/report && \
	bin/report -events $(REPORTS)/events.json -out $(REPORTS)/summary.md -junit $(REPORTS)/junit.xml -exit-code

## test: vet, unit tests of engine and reference, the suite against the reference (0 failures)
## and against every fault switch (each must be caught).
test: vet lint-specs
	@mkdir -p $(REPORTS)
	$(CLEAN_ENV) $(GOTESTSUM) --format pkgname-and-test-fails --junitfile $(REPORTS)/test-junit.xml -- -count=1 ./...
	$(CLEAN_ENV) $(GO) test -count=1 -race -short ./conformance/... ./reference/...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { gofmt -l .; echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...

## docs: regenerate docs/requirements.md (from the scenario declarations) and docs/traceability.md
## (from docs/traceability.yaml); `make test` fails while either is stale.
docs:
	$(CLEAN_ENV) $(GO) run ./cmd/docgen -docs docs

## lint-specs: Redocly's recommended rules on every spec, 0 errors allowed. Installs the pinned
## @redocly/cli into .tools/ (gitignored) with npm; without npm it says so and skips.
## no-ambiguous-paths is skipped: the vendor's own paths collide (literal segments win, CONTRACT).
REDOCLY_VERSION = 2.77.0
REDOCLY_DIR     = .tools/redocly-$(REDOCLY_VERSION)
REDOCLY         = $(REDOCLY_DIR)/node_modules/.bin/redocly
lint-specs:
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "lint-specs: SKIPPED: npm not found; install Node.js 20+ with npm to lint specs/*.openapi.yaml"; exit 0; fi; \
	test -x $(REDOCLY) || npm install --prefix $(REDOCLY_DIR) --no-audit --no-fund --loglevel=error @redocly/cli@$(REDOCLY_VERSION) \
		|| { echo "lint-specs: could not install @redocly/cli@$(REDOCLY_VERSION) from the npm registry"; exit 1; }; \
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true $(REDOCLY) lint --extends recommended \
		--skip-rule no-ambiguous-paths --format summary specs/*.openapi.yaml

## serve: run the reference server on 127.0.0.1:8080 and print the variables for the suite.
serve:
	$(GO) run ./cmd/refserver -addr 127.0.0.1:8080

## bench: benchmarks of the contract checks and of a whole suite run.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./conformance/...
