# clientconf: a contract and conformance suite for OAuth client-management APIs.
GO        ?= go
GOTESTSUM  = $(GO) tool gotestsum
REPORTS    = reports
# `make test` must check the embedded reference server, whatever the shell exports.
CLEAN_ENV  = env $$(env | grep -o '^CONFORMANCE_[A-Z_]*' | sed 's/^/-u /')

.PHONY: conformance baseline diff test lint-ci lint-specs serve bench vet docs install

## conformance: the full suite against CONFORMANCE_BASE_URL, or the embedded reference server;
## RUN=clients/conflict selects scenarios. Writes reports/summary.md (the verdict), failures.md,
## junit.xml, results.json, events.json, transcript.jsonl and exit-status. Exits like the
## report: 0 conformant (or only known failures), 1 non-conformant, 2 suite error.
##
## make turns any failing recipe into its own status 2. So when `conformance` is the only goal
## (and not -n), the run happens while this file is read and its status becomes make's own:
## 2 through $(error), 1 through question mode (-q: nothing more runs, a phony goal is "not up
## to date"). $(shell) passes make's command-line variables only when told, hence the list.
CONFORMANCE_VARS = RUN='$(RUN)' REPORTS='$(REPORTS)' GO='$(GO)' \
	$(foreach v,$(filter CONFORMANCE_%,$(.VARIABLES)),$(if $(filter command line,$(origin $(v))),$(v)='$($(v))'))
ifeq ($(MAKECMDGOALS),conformance)
ifeq ($(findstring n,$(firstword -$(MAKEFLAGS))),)
$(shell $(CONFORMANCE_VARS) scripts/conformance.sh >&2)
CONFORMANCE_STATUS := $(.SHELLSTATUS)
CONFORMANCE_DONE := 1
ifeq ($(CONFORMANCE_STATUS),1)
MAKEFLAGS := q$(MAKEFLAGS)
else ifneq ($(CONFORMANCE_STATUS),0)
$(error conformance: exit status $(CONFORMANCE_STATUS): the suite could not check the target, see $(REPORTS)/summary.md)
endif
endif
endif

# After a run at read time the recipe is a no-op, which -q needs to call the goal out of date.
conformance:
ifdef CONFORMANCE_DONE
	@:
else
	@$(CONFORMANCE_VARS) scripts/conformance.sh
endif

## baseline: write the last run's failures ($(REPORTS)/results.json) as a known-failures file
## to start from (BASELINE=conformance-baseline.yaml); then run with CONFORMANCE_BASELINE=that file.
BASELINE ?= conformance-baseline.yaml
baseline:
	$(GO) run ./cmd/report baseline -results $(REPORTS)/results.json -out $(BASELINE)

## diff: compare two runs, e.g. make diff OLD=nightly-41/results.json NEW=reports/results.json
## (a folder holding results.json works too): newly failing, newly passing, changed reasons.
diff:
	@test -n "$(OLD)" && test -n "$(NEW)" || { echo "usage: make diff OLD=old/results.json NEW=reports/results.json" >&2; exit 2; }
	@$(GO) run ./cmd/report diff '$(OLD)' '$(NEW)'

## test: vet, unit tests of engine and reference, the suite against the reference (0 failures)
## and against every fault switch (each must be caught).
test: vet lint-ci lint-specs
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

## lint-ci: the CI templates are valid (actionlint is a go.mod tool; the script parses).
lint-ci:
	$(GO) tool actionlint ci-templates/github-conformance.yml
	sh -n scripts/conformance.sh

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

## install: the clientconf CLI (run, serve, sweep, report, baseline, diff) into $(go env GOBIN),
## as `go install github.com/clientconf/clientconf/cmd/clientconf@VERSION` does without a clone.
install:
	$(GO) install ./cmd/clientconf

## bench: benchmarks of the contract checks and of a whole suite run.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./conformance/...
