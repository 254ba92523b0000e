package runcmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/engine"
	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/results"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// runIn runs `clientconf run` with only the given variables set and its reports in a fresh
// folder; it returns the exit status, the folder and stderr.
func runIn(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	dir := t.TempDir()
	var stdout, stderr strings.Builder
	lookup := func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
	environ := func() []string {
		var kv []string
		for k, v := range vars {
			kv = append(kv, k+"="+v)
		}
		return kv
	}
	code := Main(context.Background(), append([]string{"-reports", dir}, args...), Env{Lookup: lookup, Environ: environ, Stdout: &stdout, Stderr: &stderr})
	status, err := os.ReadFile(filepath.Join(dir, "exit-status"))
	require.NoError(t, err, "exit-status is written on every run; stderr: %s", stderr.String())
	assert.Equal(t, string(rune('0'+code))+"\n", string(status), "exit-status file agrees")
	return code, dir, stderr.String()
}

func readResults(t *testing.T, dir string) *results.File {
	t.Helper()
	f, err := results.ReadFile(filepath.Join(dir, "results.json"))
	require.NoError(t, err)
	return f
}

func TestRunAgainstTheEmbeddedReference(t *testing.T) {
	var args []string
	if testing.Short() {
		args = []string{"-run", "clients/conflict"}
	}
	code, dir, stderr := runIn(t, nil, args...)
	require.Equal(t, 0, code, stderr)
	for _, f := range []string{"summary.md", "failures.md", "junit.xml", "results.json", "events.json", "report.html",
		"coverage.json", "certificate.json", "certificate.md", "transcript.jsonl"} {
		st, err := os.Stat(filepath.Join(dir, f))
		if assert.NoError(t, err, f) {
			assert.NotZero(t, st.Size(), f)
		}
	}
	r := readResults(t, dir)
	tot := r.Run.Totals()
	assert.Zero(t, tot.Fail+tot.Error+tot.Skip)
	assert.NotZero(t, tot.Pass)
	for _, s := range r.Run.Scenarios {
		require.True(t, s.Attributed, s.ID)
		require.NotEmpty(t, s.Requirement, s.ID)
		require.NotEmpty(t, s.Basis, s.ID)
	}
	summary, err := os.ReadFile(filepath.Join(dir, "summary.md"))
	require.NoError(t, err)
	assert.Contains(t, string(summary), "conformant: every scenario that ran passed")
	assert.Contains(t, string(summary), "Spec coverage", "the transcript reached the coverage")
	assert.Contains(t, string(summary), "cleanup: ")
}

func TestRunAgainstAFaultSwitch(t *testing.T) {
	code, dir, stderr := runIn(t, nil, "-run", "clients/conflict", "-faults", "clients/conflict/rename-conflict-allowed")
	require.Equal(t, 1, code, stderr)
	r := readResults(t, dir)
	assert.Equal(t, 1, r.ExitStatus)
	s := r.Run.Scenario("clients/conflict/rename-onto-existing")
	require.NotNil(t, s)
	assert.Equal(t, results.Fail, s.Outcome)
	assert.NotEmpty(t, s.Failures)
	junit, err := os.ReadFile(filepath.Join(dir, "junit.xml"))
	require.NoError(t, err)
	assert.Contains(t, string(junit), "clients/conflict/rename-onto-existing")
}

func TestRunThroughABaselineIsGreen(t *testing.T) {
	baseline := filepath.Join(t.TempDir(), "b.yaml")
	require.NoError(t, os.WriteFile(baseline, []byte("known:\n  - id: clients/conflict/rename-onto-existing\n    reason: accepted for the test\n"), 0o644))
	code, _, stderr := runIn(t, map[string]string{"CONFORMANCE_BASELINE": baseline}, "-run", "clients/conflict",
		"-faults", "clients/conflict/rename-conflict-allowed")
	assert.Equal(t, 0, code, stderr)
}

// Every way the suite cannot check the target exits 2, says why on stderr and in the
// summary, and runs no scenario.
func TestRunSetupErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		vars map[string]string
		args []string
		want string
	}{
		{"bad variable", map[string]string{"CONFORMANCE_TIMEOUT": "abc"}, nil, "CONFORMANCE_TIMEOUT"},
		{"base URL not a URL", map[string]string{"CONFORMANCE_BASE_URL": "api.example.com", "CONFORMANCE_TOKEN": "t-123456"}, nil, "CONFORMANCE_BASE_URL"},
		{"no target in CI", nil, []string{"-require-target"}, "CONFORMANCE_BASE_URL"},
		{"no target in CI, as the script says it", map[string]string{"REQUIRE_TARGET": "1"}, nil, "-require-target"},
		{"faults on a remote target", map[string]string{"CONFORMANCE_BASE_URL": "http://127.0.0.1:1/cis", "CONFORMANCE_TOKEN": "t-123456"},
			[]string{"-faults", "clients/conflict/rename-conflict-allowed"}, "-faults only breaks the embedded"},
		{"unknown fault", nil, []string{"-faults", "clients/nope"}, `-faults names "clients/nope"`},
		{"bad filter", nil, []string{"-run", "clients/("}, "-run"},
		{"misspelled base URL variable", map[string]string{"CONFORMANCE_BASEURL": "http://127.0.0.1:1/cis", "CONFORMANCE_TOKEN": "t-123456"}, nil,
			"CONFORMANCE_BASE_URL is not set, but CONFORMANCE_TOKEN is"},
		{"unreachable target", map[string]string{"CONFORMANCE_BASE_URL": "http://127.0.0.1:1/cis", "CONFORMANCE_TOKEN": "t-123456"}, nil, "unreachable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, dir, stderr := runIn(t, tc.vars, tc.args...)
			assert.Equal(t, 2, code)
			assert.Contains(t, stderr, tc.want)
			summary, err := os.ReadFile(filepath.Join(dir, "summary.md"))
			require.NoError(t, err)
			assert.Contains(t, string(summary), tc.want)
			r := readResults(t, dir)
			assert.Empty(t, r.Run.Scenarios)
			assert.NotContains(t, stderr+string(summary), "t-123456", "no token in any message")
		})
	}
}

// A misspelled variable is named with the closest known one, on stderr.
func TestRunWarnsAboutUnknownVariables(t *testing.T) {
	_, _, stderr := runIn(t, map[string]string{"CONFORMANCE_BASEURL": "http://127.0.0.1:1/cis", "CONFORMANCE_TOKEN": "t-123456"})
	assert.Contains(t, stderr, "CONFORMANCE_BASEURL is not a variable of the suite and is ignored; did you mean CONFORMANCE_BASE_URL?")
	assert.NotContains(t, stderr, "t-123456")
}

// A run cut short (deadline, interrupt, target gone) reads as in `go test`: its not-started
// scenarios and a suite error on TestConformance, so the report exits 2.
func TestRecordingOfARunCutShort(t *testing.T) {
	c := &engine.Collection{Target: "t", Surfaces: []string{"clients"}, Prefix: "ccs-x-", Created: 2,
		Leftovers: []string{"clients DELETE https://h/v1/clients/1 (status 500 as main)"},
		Results: []engine.Result{
			{ID: "clients/crud/a", Outcome: engine.Passed, Attrs: [][2]string{{"surface", "clients"}, {"category", "crud"}, {"basis", "spec"}, {"outcome", "pass"}}},
			{ID: "clients/crud/b", Outcome: engine.Skipped, SkipReason: scenario.NotStarted, Messages: []string{"skipped: not started: the run was interrupted"},
				Attrs: [][2]string{{"surface", "clients"}, {"category", "crud"}, {"basis", "spec"}, {"outcome", "skip"}, {"skip_reason", "not-started"}}},
		}}
	run, err := results.ReadEvents(bytes.NewReader(newRecording().collected(c).buf.Bytes()))
	require.NoError(t, err)
	require.Len(t, run.Scenarios, 2)
	assert.Equal(t, results.NotStarted, run.Scenarios[1].SkipReason)
	assert.Equal(t, "fail", run.RootOutcome)
	assert.Contains(t, strings.Join(run.Notes, "\n"), "1 scenarios not started: the run was interrupted")
	assert.Equal(t, c.Leftovers, run.Leftovers)
	assert.Equal(t, 2, report.Judge(run, nil, false, time.Now()).ExitStatus())
}

// events.json has the shape of `go test -json` output: the report command reads it back to
// the same results.
func TestEventsFileReadsBackToTheSameRun(t *testing.T) {
	code, dir, _ := runIn(t, nil, "-run", "auth0/pagination")
	require.Equal(t, 0, code)
	run, err := results.ReadEventsFile(filepath.Join(dir, "events.json"))
	require.NoError(t, err)
	want := readResults(t, dir).Run
	require.Len(t, run.Scenarios, len(want.Scenarios))
	for i, s := range run.Scenarios {
		got, _ := json.Marshal(s)
		exp, _ := json.Marshal(want.Scenarios[i])
		assert.JSONEq(t, string(exp), string(got))
	}
}
