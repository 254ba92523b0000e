#!/bin/sh
# Runs the conformance suite and writes its reports; exits with the report's status:
# 0 conformant (or only known failures), 1 non-conformant, 2 the suite could not check.
# `make conformance` and the CI templates (ci-templates/) all call this one script.
#
# Environment: the CONFORMANCE_* variables of the README, and
#   RUN             scenario filter under TestConformance, e.g. clients/conflict
#   REPORTS         output folder (default reports)
#   REQUIRE_TARGET  1: refuse to run without CONFORMANCE_BASE_URL (CI: a secret that was
#                   not injected must not turn into a green run against the embedded server)
#   GO              go command (default go)
set -u
GO=${GO:-go}
REPORTS=${REPORTS:-reports}
mkdir -p "$REPORTS" bin
status_file=$REPORTS/exit-status

fail_setup() {
	echo "conformance: $1" >&2
	echo 2 >"$status_file"
	exit 2
}

if [ "${REQUIRE_TARGET:-}" = 1 ] && [ -z "${CONFORMANCE_BASE_URL:-}" ]; then
	fail_setup "CONFORMANCE_BASE_URL is empty: set it (a CI secret) to the API base URL of the target"
fi

# The transcript goes to the reports by default. go test runs in ./conformance, so a
# relative path is made absolute from the directory this script was called in.
if [ -z "${CONFORMANCE_TRANSCRIPT+set}" ]; then
	CONFORMANCE_TRANSCRIPT=$REPORTS/transcript.jsonl
fi
case $CONFORMANCE_TRANSCRIPT in
'' | /*) ;;
*) CONFORMANCE_TRANSCRIPT=$PWD/$CONFORMANCE_TRANSCRIPT ;;
esac
export CONFORMANCE_TRANSCRIPT

# The progress line (every CONFORMANCE_PROGRESS, 30 s) goes to this script's stderr through
# fd 3, which gotestsum and go test pass on: the test binary's own stderr would end up inside
# the JSON event stream, and gotestsum shows no output of passing tests.
exec 3>&2
if [ -z "${CONFORMANCE_PROGRESS_FILE:-}" ]; then
	CONFORMANCE_PROGRESS_FILE=/dev/fd/3
	export CONFORMANCE_PROGRESS_FILE
fi

pattern='^TestConformance$'
if [ -n "${RUN:-}" ]; then
	pattern="^TestConformance\$/$RUN"
fi

# The suite's own exit status is not the verdict: the report reads the events and decides.
$GO tool gotestsum --format pkgname-and-test-fails --hide-summary=skipped \
	--jsonfile "$REPORTS/events.json" -- -count=1 -run "$pattern" ./conformance/
$GO build -buildvcs=auto -o bin/report ./cmd/report || fail_setup "cannot build cmd/report"
bin/report -events "$REPORTS/events.json" -summary "$REPORTS/summary.md" -failures "$REPORTS/failures.md" \
	-junit "$REPORTS/junit.xml" -results "$REPORTS/results.json" -exit-code -exit-file "$status_file"
