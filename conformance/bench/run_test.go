package bench

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// run is one end-to-end suite run and every artefact it left behind.
type run struct {
	exitCode   int           // of the report command: 0 conformant, 1 non-conformant, 2 suite error
	wall       time.Duration // from starting gotestsum to the end of the report command
	killed     bool          // the run overran its bound and was killed
	artefacts  map[string]string
	junit      junitSuites
	junitError error
	results    *results.File // the report's results.json; nil when it wrote none
}

// Artefact names, as checked for leaks.
const (
	artStdout     = "stdout/stderr"
	artEvents     = "events JSON"
	artJUnit      = "JUnit"
	artSummary    = "summary"
	artFailures   = "failures"
	artResults    = "results"
	artTranscript = "transcript"
)

// runSuite runs the suite the way `make conformance` does, with the given CONFORMANCE_*
// variables (the shell's own are dropped), and kills it if it outlives bound by 10 s.
func runSuite(t *testing.T, vars map[string]string, bound time.Duration) *run {
	t.Helper()
	return runSuiteMatching(t, vars, bound, "^TestConformance$")
}

// runSuiteMatching is runSuite with a -test.run pattern selecting scenarios, as RUN does.
func runSuiteMatching(t *testing.T, vars map[string]string, bound time.Duration, pattern string) *run {
	t.Helper()
	dir := t.TempDir()
	events := filepath.Join(dir, "events.json")
	junit := filepath.Join(dir, "junit.xml")
	summary := filepath.Join(dir, "summary.md")
	failures := filepath.Join(dir, "failures.md")
	resultsPath := filepath.Join(dir, "results.json")
	transcript := filepath.Join(dir, "transcript.jsonl")
	env := []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CONFORMANCE_") {
			env = append(env, kv)
		}
	}
	env = append(env, "CONFORMANCE_TRANSCRIPT="+transcript)
	for k, v := range vars {
		env = append(env, k+"="+v)
	}

	ctx, cancel := context.WithTimeout(t.Context(), bound+10*time.Second)
	defer cancel()
	var out strings.Builder
	start := time.Now()
	// The gotestsum flags of scripts/conformance.sh; --raw-command runs the prebuilt binary
	// through test2json, which is what `go test -json` does.
	suite := exec.CommandContext(ctx, tools.gotestsum, "--format", "pkgname-and-test-fails", "--hide-summary=skipped",
		"--jsonfile", events, "--raw-command", "--",
		tools.test2json, "-t", "-p", "github.com/clientconf/clientconf/conformance",
		tools.conformance, "-test.v=test2json", "-test.run", pattern)
	suite.Dir, suite.Env, suite.Stdout, suite.Stderr = dir, env, &out, &out
	killGroup(suite)
	err := suite.Run() // non-zero whenever a scenario failed: the report command decides
	r := &run{killed: ctx.Err() != nil, artefacts: map[string]string{}}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("gotestsum did not run: %v", err)
	}

	// The report command gets its own time: it must run even after a killed suite.
	rctx, rcancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer rcancel()
	rep := exec.CommandContext(rctx, tools.report, "-events", events, "-summary", summary, "-failures", failures,
		"-junit", junit, "-results", resultsPath, "-exit-code")
	rep.Dir, rep.Env, rep.Stdout, rep.Stderr = dir, env, &out, &out
	err = rep.Run()
	r.wall = time.Since(start)
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.exitCode = ee.ExitCode()
	default:
		t.Fatalf("the report command did not run: %v", err)
	}
	r.artefacts[artStdout] = out.String()
	for name, path := range map[string]string{artEvents: events, artJUnit: junit, artSummary: summary,
		artFailures: failures, artResults: resultsPath, artTranscript: transcript} {
		data, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			t.Errorf("read %s: %v", name, err)
		}
		r.artefacts[name] = string(data)
	}
	r.junitError = xml.Unmarshal([]byte(r.artefacts[artJUnit]), &r.junit)
	if f, err := results.ReadFile(resultsPath); err == nil {
		r.results = f
	}
	return r
}

// junitSuites is the part of the report's JUnit file the bench reads.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Class   string        `xml:"classname,attr"`
	Name    string        `xml:"name,attr"`
	Failure *junitProblem `xml:"failure"`
	Error   *junitProblem `xml:"error"`
	Skipped *junitProblem `xml:"skipped"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// tally counts the JUnit outcomes of the scenarios and of the run itself (the report's
// testcase "suite.setup" when the run broke outside any scenario).
type tally struct {
	scenarios, failures, errors, skipped int
	rootFailure, rootError               bool
}

func (r *run) tally() tally {
	var c tally
	for _, s := range r.junit.Suites {
		for _, tc := range s.Cases {
			if tc.Class == "suite" {
				c.rootFailure = c.rootFailure || tc.Failure != nil
				c.rootError = c.rootError || tc.Error != nil
				continue
			}
			c.scenarios++
			switch {
			case tc.Error != nil:
				c.errors++
			case tc.Failure != nil:
				c.failures++
			case tc.Skipped != nil:
				c.skipped++
			}
		}
	}
	return c
}

// failedRules lists the rule of every failed check of a failing scenario, from results.json.
func (r *run) failedRules() []string {
	if r.results == nil {
		return nil
	}
	var out []string
	for _, s := range r.results.Run.Scenarios {
		if s.Outcome != results.Fail {
			continue
		}
		for _, f := range s.Failures {
			out = append(out, f.Rule)
		}
	}
	return out
}

// checkCommon asserts what every run must satisfy: it ended in time, nothing panicked, the
// JUnit file parses, and none of the secrets appears in any artefact.
func (r *run) checkCommon(t *testing.T, bound time.Duration, secrets map[string]string) {
	t.Helper()
	if r.killed {
		t.Errorf("the run was killed after %s: it did not end on its own", r.wall.Round(time.Millisecond))
	} else if r.wall > bound {
		t.Errorf("the run took %s, more than its bound %s", r.wall.Round(time.Millisecond), bound)
	}
	for _, name := range []string{artStdout, artEvents} {
		if strings.Contains(r.artefacts[name], "panic: ") || strings.Contains(r.artefacts[name], "[recovered]") {
			t.Errorf("%s shows a panic:\n%s", name, excerpt(r.artefacts[name], "panic: "))
		}
	}
	if r.junitError != nil {
		t.Errorf("the JUnit file does not parse as XML: %v", r.junitError)
	}
	r.checkNoLeak(t, secrets)
}

// checkNoLeak asserts that no secret appears in any artefact; secrets maps each secret to a
// label, so a failure never prints the secret itself.
func (r *run) checkNoLeak(t *testing.T, secrets map[string]string) {
	t.Helper()
	leaks := 0
	for secret, label := range secrets {
		for name, content := range r.artefacts {
			if !strings.Contains(content, secret) {
				continue
			}
			if leaks++; leaks <= 10 {
				t.Errorf("%s leaked into the %s:\n%s", label, name, strings.ReplaceAll(excerpt(content, secret), secret, "<"+label+">"))
			}
		}
	}
	if leaks > 10 {
		t.Errorf("… %d leaks in all", leaks)
	}
}

// excerpt shows the neighbourhood of the first occurrence of s in content.
func excerpt(content, s string) string {
	i := strings.Index(content, s)
	if i < 0 {
		return ""
	}
	from, to := max(i-300, 0), min(i+len(s)+300, len(content))
	return fmt.Sprintf("…%s…", content[from:to])
}
