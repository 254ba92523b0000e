package bench

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/fixtures"
)

// fakeTokens are the bench's role tokens: the faulty targets accept anything, and none of
// these may appear in any artefact.
var fakeTokens = map[string]string{
	"CONFORMANCE_TOKEN":           "bench-main-tok-1a2b3c4d",
	"CONFORMANCE_READONLY_TOKEN":  "bench-ro-tok-5e6f7a8b",
	"CONFORMANCE_NOPERM_TOKEN":    "bench-noperm-tok-9c0d1e2f",
	"CONFORMANCE_OTHER_APP_TOKEN": "bench-other-tok-3a4b5c6d",
	"CONFORMANCE_ADMIN_TOKEN":     "bench-admin-tok-7e8f9a0b",
}

// Secrets the faulty targets put into their bodies.
const (
	secret500     = "bench-secret-in-500-body-0f9e"
	secretInvalid = "bench-secret-in-invalid-json-8d7c"
	secretBig     = "bench-secret-in-big-body-6b5a"
)

// class is how a run must end up classified.
type class string

const (
	runLevelError  class = "run-level suite error" // exit 2: the reachability check stopped the run
	scenarioErrors class = "suite errors"          // exit 2: <error> elements, no <failure>
	incomplete     class = "incomplete"            // exit 2: scenarios not started (skips), a run-level <error>, no <failure>
	nonConformance class = "non-conformance"       // exit 1: <failure> elements naming rules, no <error>
	conformant     class = "conformant"            // exit 0
)

var wantExit = map[class]int{runLevelError: 2, scenarioErrors: 2, incomplete: 2, nonConformance: 1, conformant: 0}

type benchCase struct {
	name    string
	bound   time.Duration // the whole run (suite + report) must end within it
	target  func(t *testing.T) (root string, after func(t *testing.T))
	vars    map[string]string // CONFORMANCE_* overrides
	tokens  map[string]string // role variables; nil: fakeTokens
	want    class
	rule    string   // nonConformance: a rule at least one failure names
	flaky   bool     // the summary lists flaky scenarios
	message string   // the summary says this
	secrets []string // what the target sends that must never appear
}

func handlerTarget(h http.Handler) func(*testing.T) (string, func(*testing.T)) {
	return func(t *testing.T) (string, func(*testing.T)) { return serve(t, h), nil }
}

// benchCases are the faulty targets. Every run has CONFORMANCE_TIMEOUT=1s and
// CONFORMANCE_DEADLINE=30s unless a case says otherwise; each bound is several times the
// measured wall time on a 2-core machine, so that a loaded machine does not make it flaky,
// yet far below what a hanging run would take.
func benchCases() []benchCase {
	return []benchCase{
		// Nothing listens: the reachability check fails at once.
		{name: "unreachable", bound: 10 * time.Second, want: runLevelError,
			target: func(t *testing.T) (string, func(*testing.T)) { return unreachableTarget(t), nil }},
		// Accepts, never answers: the reachability check times out after 1 s.
		{name: "hang", bound: 15 * time.Second, want: runLevelError,
			target: func(t *testing.T) (string, func(*testing.T)) { return hangTarget(t), nil }},
		// Headers, then a byte every 200 ms: the reachability check reads the body and times out.
		{name: "drip", bound: 15 * time.Second, want: runLevelError,
			target: handlerTarget(http.HandlerFunc(dripHandler))},
		// Every connection reset (linger 0).
		{name: "reset", bound: 10 * time.Second, want: runLevelError,
			target: handlerTarget(http.HandlerFunc(resetHandler))},
		// Breaks after the reachability check: every scenario must end in a suite error.
		{name: "reset-after-check", bound: 15 * time.Second, want: scenarioErrors,
			target: handlerTarget(afterFirst(resetHandler))},
		// Hangs after the reachability check: the run stops once 20 requests in a row got no
		// response, instead of spending a timeout in each of the 205 scenarios.
		{name: "hang-after-check", bound: 15 * time.Second, want: scenarioErrors, message: "the target stopped answering",
			target: handlerTarget(afterFirst(hangHandler))},
		// The reference server, except that DELETE hangs: what the run created cannot be
		// deleted, and the run must neither wait out a timeout per cleanup nor hide it.
		{name: "delete-hangs", bound: 20 * time.Second, want: scenarioErrors, message: "Left over in the target",
			tokens: referenceTokens(),
			target: func(t *testing.T) (string, func(*testing.T)) {
				return serve(t, methodHangs(http.MethodDelete, referenceHandler(t))), nil
			}},
		// Answers, slowly: the run's deadline stops it; scenarios not started are skipped
		// (not-started) and the run itself ends in a suite error.
		{name: "slow-deadline", bound: 15 * time.Second, want: incomplete, message: "CONFORMANCE_DEADLINE",
			tokens: referenceTokens(), vars: map[string]string{"CONFORMANCE_DEADLINE": "3s", "CONFORMANCE_TIMEOUT": "2s"},
			target: func(t *testing.T) (string, func(*testing.T)) { return serve(t, slowHandler(referenceHandler(t))), nil }},
		// 500 with a JSON body that echoes the Authorization header and holds a client secret.
		{name: "status-500", bound: 15 * time.Second, want: nonConformance, rule: "status-documented",
			secrets: []string{secret500}, target: handlerTarget(status500Handler(secret500))},
		// Rate-limited forever: retried within the run's Retry-After budget (60 s of waits shared
		// by 8 scenarios in flight: about 7.5 s), never beyond; what is still 429 is a suite error.
		{name: "429-always", bound: 20 * time.Second, want: scenarioErrors, flaky: true,
			target: handlerTarget(rateLimitHandler(-1, nil))},
		// Rate-limited for the first 12 requests after the setup checks, then the conforming
		// reference server: the retried scenarios pass and are listed as flaky.
		{name: "429-then-ok", bound: 15 * time.Second, want: conformant, flaky: true,
			tokens: referenceTokens(),
			target: func(t *testing.T) (string, func(*testing.T)) {
				ref := referenceHandler(t)
				return serve(t, afterSetup(ref, rateLimitHandler(12, ref))), nil
			}},
		// A truncated JSON object (holding a client secret) sent as application/json.
		{name: "invalid-json", bound: 15 * time.Second, want: nonConformance, rule: "response-schema",
			secrets: []string{secretInvalid}, target: handlerTarget(invalidJSONHandler(secretInvalid))},
		// 50 MB of JSON for the first few answers: those scenarios read 8 MiB and stop.
		{name: "body-50MB", bound: 15 * time.Second, want: nonConformance, rule: "transport/body-size",
			secrets: []string{secretBig}, target: handlerTarget(bigBodyHandler(secretBig))},
		// 302 to another host, which must never be asked, let alone get the token.
		{name: "redirect-302", bound: 15 * time.Second, want: nonConformance, rule: "status-documented",
			target: func(t *testing.T) (string, func(*testing.T)) {
				root, sink := redirectTarget(t)
				return root, func(t *testing.T) {
					if n := sink.authorized.Load(); n > 0 {
						t.Errorf("the redirect was followed: the other host got %d requests with an Authorization header", n)
					}
					if n := sink.requests.Load(); n > 0 {
						t.Errorf("the redirect was followed: the other host got %d requests", n)
					}
				}
			}},
		// An HTML page (echoing the Authorization header) for everything.
		{name: "text-html", bound: 15 * time.Second, want: nonConformance, rule: "content-type",
			target: handlerTarget(http.HandlerFunc(htmlHandler))},
	}
}

// referenceTokens are the reference tenant's fixture tokens, for targets that put the
// reference server behind a fault.
func referenceTokens() map[string]string {
	tenant, err := fixtures.ReferenceTenant()
	if err != nil {
		panic(err)
	}
	out := map[string]string{}
	for _, tok := range tenant.Tokens {
		if rv, ok := envvar.ForRole(tok.Role); ok {
			out[rv.Token] = tok.Token
		}
	}
	return out
}

// row is one line of the bench's result table.
type row struct {
	name, outcome string
	bound, wall   time.Duration
	ok            bool
}

// TestFaultyTargets runs the suite end to end against each faulty target, in parallel, and
// prints per case the wall time against its bound and how the run was classified.
func TestFaultyTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the suite as a separate process against each faulty target")
	}
	var mu sync.Mutex
	var rows []row
	start := time.Now()
	t.Run("case", func(t *testing.T) {
		for _, c := range benchCases() {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				root, after := c.target(t)
				tokens := c.tokens
				if tokens == nil {
					tokens = fakeTokens
				}
				vars := map[string]string{"CONFORMANCE_BASE_URL": root + "/cis", "CONFORMANCE_SURFACES": "clients",
					"CONFORMANCE_TIMEOUT": "1s", "CONFORMANCE_DEADLINE": "30s"}
				secrets := map[string]string{}
				for k, v := range tokens {
					vars[k] = v
					secrets[v] = "token " + k
				}
				for i, s := range c.secrets {
					secrets[s] = fmt.Sprintf("target secret %d", i+1)
				}
				for k, v := range c.vars {
					vars[k] = v
				}
				r := runSuite(t, vars, c.bound)
				r.checkCommon(t, c.bound, secrets)
				outcome := c.check(t, r)
				if after != nil {
					after(t)
				}
				t.Logf("%s: %s in %s (bound %s)", c.name, outcome, r.wall.Round(10*time.Millisecond), c.bound)
				mu.Lock()
				rows = append(rows, row{c.name, outcome, c.bound, r.wall, !t.Failed()})
				mu.Unlock()
			})
		}
	})
	sort.Slice(rows, func(i, j int) bool { return rows[i].name < rows[j].name })
	var b strings.Builder
	fmt.Fprintf(&b, "faulty-target bench, %s in all:\n| case | wall | bound | classification | ok |\n|---|---:|---:|---|---|\n",
		time.Since(start).Round(100*time.Millisecond))
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %.2fs | %s | %s | %v |\n", r.name, r.wall.Seconds(), r.bound, r.outcome, r.ok)
	}
	t.Log("\n" + b.String())
}

// check asserts the case's classification and describes what the run reported.
func (c benchCase) check(t *testing.T, r *run) string {
	t.Helper()
	tl := r.tally()
	summary := r.artefacts[artSummary]
	flaky := strings.Count(summary[max(strings.Index(summary, "## Flaky"), 0):], "\n- `")
	if !strings.Contains(summary, "## Flaky") {
		flaky = 0
	}
	outcome := fmt.Sprintf("exit %d; %d scenarios: %d failures, %d errors, %d flaky", r.exitCode, tl.scenarios, tl.failures, tl.errors, flaky)
	if tl.scenarios == 0 {
		outcome = fmt.Sprintf("exit %d; no scenario ran (root testcase: failure=%v error=%v)", r.exitCode, tl.rootFailure, tl.rootError)
	}
	if r.exitCode != wantExit[c.want] {
		t.Errorf("exit code %d, want %d (%s); %s\nsummary:\n%s", r.exitCode, wantExit[c.want], c.want, outcome, clip(summary))
	}
	switch c.want {
	case runLevelError:
		if tl.scenarios > 0 {
			t.Errorf("%d scenarios ran: the reachability check should have stopped the run", tl.scenarios)
		}
		if !tl.rootError || tl.rootFailure {
			t.Errorf("the run-level suite error is not an <error> in JUnit (failure=%v error=%v)", tl.rootFailure, tl.rootError)
		}
		if !strings.Contains(summary, "SUITE ERROR") {
			t.Errorf("the summary does not show the suite error:\n%s", clip(summary))
		}
	case scenarioErrors:
		if tl.errors == 0 || tl.failures > 0 || tl.rootFailure {
			t.Errorf("want only suite errors (<error>), got %d <failure> and %d <error> (root failure=%v)", tl.failures, tl.errors, tl.rootFailure)
			for _, rule := range r.failedRules()[:min(3, len(r.failedRules()))] {
				t.Logf("failure reported: %s", rule)
			}
		}
	case incomplete:
		if tl.skipped == 0 || tl.failures > 0 || !tl.rootError {
			t.Errorf("want scenarios not started (skipped) and a run-level <error>, got %d skipped, %d <failure>, root error=%v",
				tl.skipped, tl.failures, tl.rootError)
		}
	case nonConformance:
		if tl.failures == 0 || tl.errors > 0 || tl.rootError {
			t.Errorf("want only non-conformance (<failure>), got %d <failure> and %d <error> (root error=%v)", tl.failures, tl.errors, tl.rootError)
		}
		named := 0
		for _, rule := range r.failedRules() {
			if rule == "" {
				t.Errorf("a failure names no rule")
			}
			if strings.Contains(rule, c.rule) {
				named++
			}
		}
		if named == 0 {
			t.Errorf("no failure names the rule %s", c.rule)
		}
		outcome += fmt.Sprintf(" (%d name %s)", named, c.rule)
	case conformant:
		if tl.failures > 0 || tl.errors > 0 {
			t.Errorf("want a conformant run, got %d failures and %d errors", tl.failures, tl.errors)
		}
	}
	if c.message != "" && !strings.Contains(summary, c.message) {
		t.Errorf("the summary does not say %q:\n%s", c.message, clip(summary))
	}
	if c.flaky && flaky == 0 {
		t.Errorf("the summary lists no flaky scenario:\n%s", clip(summary))
	}
	return fmt.Sprintf("%s: %s", c.want, outcome)
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}
