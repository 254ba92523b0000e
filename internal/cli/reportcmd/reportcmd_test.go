package reportcmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// writeRun writes a contract-style events file with the given scenario outcomes.
func writeRun(t *testing.T, dir string, outcomes map[string]results.Outcome) string {
	t.Helper()
	r := &results.Run{}
	for id, o := range outcomes {
		s := &results.Scenario{ID: id, Surface: "clients", Category: "crud", Basis: "spec", Requirement: "r", Outcome: o, Attributed: true}
		if o == results.Fail {
			s.Failures = []results.Failure{{Rule: id + ": status", Kind: "status", Message: "expected 404, got 200"}}
		}
		r.Scenarios = append(r.Scenarios, s)
	}
	path := filepath.Join(dir, "events.json")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, results.EncodeEvents(f, r))
	require.NoError(t, f.Close())
	return path
}

// renderIn runs the render command into dir and returns its exit status and stdout.
func renderIn(t *testing.T, dir string, env map[string]string) (int, string) {
	t.Helper()
	var out, errOut strings.Builder
	code := Render([]string{"-events", filepath.Join(dir, "events.json"), "-summary", filepath.Join(dir, "summary.md"),
		"-failures", filepath.Join(dir, "failures.md"), "-junit", filepath.Join(dir, "junit.xml"),
		"-results", filepath.Join(dir, "results.json"), "-exit-code", "-exit-file", filepath.Join(dir, "exit-status")},
		func(k string) string { return env[k] }, &out, &errOut)
	require.Empty(t, errOut.String())
	status, err := os.ReadFile(filepath.Join(dir, "exit-status"))
	require.NoError(t, err)
	assert.Equal(t, strings.TrimSpace(string(status)), string(rune('0'+code)), "exit-status file agrees")
	return code, out.String()
}

func TestBaselineLifeCycleThroughTheCommand(t *testing.T) {
	dir := t.TempDir()
	baseline := filepath.Join(dir, "conformance-baseline.yaml")

	// A vendor with one deviation: red.
	writeRun(t, dir, map[string]results.Outcome{"clients/crud/a": results.Fail, "clients/crud/b": results.Pass})
	code, _ := renderIn(t, dir, nil)
	require.Equal(t, 1, code)

	// make baseline: accept it; the rerun is green.
	var out strings.Builder
	require.Equal(t, 0, Baseline([]string{"-results", filepath.Join(dir, "results.json"), "-out", baseline}, &out, &out), out.String())
	env := map[string]string{"CONFORMANCE_BASELINE": baseline}
	code, stdout := renderIn(t, dir, env)
	require.Equal(t, 0, code, stdout)
	assert.Contains(t, stdout, "1 failed (0 new, 1 known)")

	// A new fault: red again, and only it is new.
	writeRun(t, dir, map[string]results.Outcome{"clients/crud/a": results.Fail, "clients/crud/b": results.Fail})
	code, _ = renderIn(t, dir, env)
	require.Equal(t, 1, code)
	summary, err := os.ReadFile(filepath.Join(dir, "summary.md"))
	require.NoError(t, err)
	assert.Contains(t, string(summary), "- `clients/crud/b`: expected 404, got 200")
	assert.NotContains(t, string(summary), "- `clients/crud/a`: expected")

	// The vendor fixes the known one: reported as fixed, a failure only in strict mode.
	writeRun(t, dir, map[string]results.Outcome{"clients/crud/a": results.Pass, "clients/crud/b": results.Pass})
	code, stdout = renderIn(t, dir, env)
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "warning: 1 baseline entries are fixed")
	env["CONFORMANCE_BASELINE_STRICT"] = "1"
	code, _ = renderIn(t, dir, env)
	require.Equal(t, 1, code)
	summary, err = os.ReadFile(filepath.Join(dir, "summary.md"))
	require.NoError(t, err)
	assert.Contains(t, string(summary), "Fixed (strict mode")
}

func TestMalformedBaselineIsOneSuiteError(t *testing.T) {
	dir := t.TempDir()
	writeRun(t, dir, map[string]results.Outcome{"clients/crud/a": results.Pass})
	bad := filepath.Join(dir, "b.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("known:\n  - id: a\n"), 0o644))
	var out, errOut strings.Builder
	code := Render([]string{"-events", filepath.Join(dir, "events.json"), "-summary", filepath.Join(dir, "s.md"),
		"-failures", "", "-junit", "", "-results", "", "-exit-code"},
		func(k string) string { return map[string]string{"CONFORMANCE_BASELINE": bad}[k] }, &out, &errOut)
	assert.Equal(t, 2, code)
	assert.Equal(t, "report: "+bad+":2: malformed baseline: every entry needs an id and a reason\n", errOut.String())
}

func TestDiffCommand(t *testing.T) {
	oldDir, newDir := t.TempDir(), t.TempDir()
	writeRun(t, oldDir, map[string]results.Outcome{"clients/crud/a": results.Fail, "clients/crud/b": results.Pass})
	renderIn(t, oldDir, nil)
	writeRun(t, newDir, map[string]results.Outcome{"clients/crud/a": results.Pass, "clients/crud/b": results.Fail})
	renderIn(t, newDir, nil)
	var out, errOut strings.Builder
	code := Diff([]string{"-exit-code", filepath.Join(oldDir, "results.json"), newDir}, &out, &errOut) // a folder works too
	assert.Equal(t, 1, code, errOut.String())
	assert.Contains(t, out.String(), "1 newly failing, 1 newly passing, 0 with changed reasons.")
	assert.Contains(t, out.String(), "- `clients/crud/b`: fail (was pass)")
}
