package bench

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clientconf/clientconf/conformance/pipeline/ratelimited"
)

// The rate-limited target: the reference server behind an Auth0-style limiter (x-ratelimit-*
// headers on every answer, 429 with Retry-After when the bucket is empty).
const (
	limitRate  = 10 // requests per second
	limitBurst = 20
	// rateLimitedRun selects the auth0 scenarios of make test's case: about 200 requests, so
	// about 20 s at 10/s. BENCH_RATELIMITED=full runs the whole auth0 surface (about 750
	// requests, 75 s).
	rateLimitedRun = "^TestConformance$/^auth0$/^(crud|conflict|not-found|schema)$"
)

// TestRateLimitedTarget: against a tenant allowing 10 requests/s, with default settings (no
// CONFORMANCE_RPS), the run paces itself by the target's headers on every request path
// (scenarios, cleanup, preflight): no suite error, no scenario stopped by a 429, and a wall
// time within 1.2 × requests ÷ rate, the requests counted by the limiter itself. The run's
// progress line goes to CONFORMANCE_PROGRESS_FILE and the event stream stays valid JSON.
func TestRateLimitedTarget(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the suite as a separate process against a rate-limited target for about 20 s")
	}
	pattern, bound := rateLimitedRun, 90*time.Second
	if os.Getenv("BENCH_RATELIMITED") == "full" {
		pattern, bound = "^TestConformance$/^auth0$", 4*time.Minute
	}
	lim := ratelimited.New(referenceHandler(t), limitRate, limitBurst)
	root := serve(t, lim)
	progress := filepath.Join(t.TempDir(), "progress.log")
	vars := map[string]string{"CONFORMANCE_BASE_URL": root + "/api/v2", "CONFORMANCE_SURFACES": "auth0",
		"CONFORMANCE_TIMEOUT": "5s", "CONFORMANCE_DEADLINE": "10m",
		"CONFORMANCE_PROGRESS": "2s", "CONFORMANCE_PROGRESS_FILE": progress}
	secrets := map[string]string{}
	for k, v := range referenceTokens() {
		vars[k], secrets[v] = v, "token "+k
	}
	r := runSuiteMatching(t, vars, bound, pattern)
	r.checkCommon(t, bound, secrets)

	tl := r.tally()
	requests, limited := lim.Served()+lim.Limited(), lim.Limited()
	ideal := time.Duration(float64(requests) / limitRate * float64(time.Second))
	t.Logf("rate-limited (%d/s, burst %d): exit %d; %d scenarios: %d failures, %d errors; %d requests, %d answered 429; wall %s, requests÷rate %s, ratio %.2f",
		limitRate, limitBurst, r.exitCode, tl.scenarios, tl.failures, tl.errors, requests, limited,
		r.wall.Round(10*time.Millisecond), ideal.Round(10*time.Millisecond), r.wall.Seconds()/ideal.Seconds())
	if r.exitCode != 0 || tl.errors > 0 || tl.failures > 0 || tl.scenarios == 0 {
		t.Errorf("want a conformant run without suite errors; summary:\n%s", clip(r.artefacts[artSummary]))
	}
	if strings.Contains(r.artefacts[artSummary], "429 Too Many Requests after") {
		t.Errorf("a scenario was stopped by a 429:\n%s", excerpt(r.artefacts[artSummary], "429 Too Many Requests after"))
	}
	if r.wall.Seconds() > 1.2*ideal.Seconds() {
		t.Errorf("the run took %s for %d requests at %d/s: more than 1.2 × %s", r.wall.Round(10*time.Millisecond), requests, limitRate, ideal)
	}
	checkProgress(t, r, progress)
}

// checkProgress: the progress lines went to their file, none into the event stream, and every
// line of the event stream is a JSON object (gotestsum and the report read it).
func checkProgress(t *testing.T, r *run, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no progress file: %v", err)
	}
	lines := strings.Count(string(data), "conformance progress: ")
	if lines == 0 || !strings.Contains(string(data), "scenarios done") || !strings.Contains(string(data), "pacing: ") {
		t.Errorf("want progress lines with scenarios done and pacing, got:\n%s", data)
	}
	t.Logf("%d progress lines, the last: %s", lines, lastLine(string(data)))
	if strings.Contains(r.artefacts[artEvents], "conformance progress: ") {
		t.Errorf("a progress line went into the event stream")
	}
	sc := bufio.NewScanner(strings.NewReader(r.artefacts[artEvents]))
	sc.Buffer(nil, 16<<20)
	n := 0
	for sc.Scan() {
		var ev map[string]any
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("event line %d is not JSON: %v: %.200s", n+1, err, sc.Text())
		}
		n++
	}
	if n == 0 {
		t.Errorf("no events")
	}
}

func lastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	return s[strings.LastIndex(s, "\n")+1:]
}
