package main

import (
	"bufio"
	"encoding/xml"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// TestMakeConformanceExitStatus runs `make conformance` end to end against a reference
// server with a fault switch, through a baseline, and against a stopped server: make's
// own exit status is the report's (0 / 1 / 2), and a relative CONFORMANCE_TRANSCRIPT lands
// relative to the directory make was called in.
func TestMakeConformanceExitStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("runs make, the suite and a reference server")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	dir := t.TempDir()
	env, stop := serveReference(t, dir, "clients/conflict/rename-conflict-allowed")

	transcript, err := filepath.Rel(root, filepath.Join(dir, "t.jsonl"))
	require.NoError(t, err)
	code := runMake(t, root, env, "conformance", "REPORTS="+dir+"/1", "RUN=clients/conflict", "CONFORMANCE_TRANSCRIPT="+transcript)
	assert.Equal(t, 1, code, "non-conformant")
	assert.Equal(t, "1\n", readFile(t, dir+"/1/exit-status"))
	assert.FileExists(t, filepath.Join(dir, "t.jsonl"), "relative to make's directory")
	for _, f := range []string{"summary.md", "failures.md", "junit.xml", "results.json"} {
		assert.FileExists(t, filepath.Join(dir, "1", f))
	}

	require.Equal(t, 0, runMake(t, root, env, "baseline", "REPORTS="+dir+"/1", "BASELINE="+dir+"/b.yaml"))
	env = append(env, "CONFORMANCE_BASELINE="+dir+"/b.yaml")
	assert.Equal(t, 0, runMake(t, root, env, "conformance", "REPORTS="+dir+"/2", "RUN=clients/conflict"), "only known failures")
	assert.Contains(t, readFile(t, dir+"/2/summary.md"), "conformant apart from known failures")

	stop()
	assert.Equal(t, 2, runMake(t, root, env, "conformance", "REPORTS="+dir+"/3", "RUN=clients/conflict"), "target gone")
	assert.Equal(t, "2\n", readFile(t, dir+"/3/exit-status"))
}

// TestMakeConformanceSummaryBound runs the whole suite against a reference server whose
// timestamps break the schema (hundreds of failing scenarios, most in a setup step): the
// summary stays within its bound and groups them, the JUnit file is valid and entity-free.
func TestMakeConformanceSummaryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("runs make, the suite and a reference server")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	dir := t.TempDir()
	env, _ := serveReference(t, dir, "clients/schema/timestamps-not-rfc3339")
	require.Equal(t, 1, runMake(t, root, env, "conformance", "REPORTS="+dir))

	f, err := results.ReadFile(filepath.Join(dir, "results.json"))
	require.NoError(t, err)
	assert.Greater(t, f.Run.Totals().Fail, 100, "the fault breaks hundreds of scenarios")
	summary := readFile(t, filepath.Join(dir, "summary.md"))
	lines := strings.Count(summary, "\n")
	assert.LessOrEqual(t, lines, 200)
	assert.Contains(t, summary, "| spec/response-schema | createClient | schema |", "grouped by the setup step's rule")
	junit := readFile(t, filepath.Join(dir, "junit.xml"))
	assert.NotContains(t, junit, "&#")
	require.NoError(t, xml.Unmarshal([]byte(junit), new(struct{})))
	t.Logf("%d failing scenarios: summary %d lines, JUnit %d bytes", f.Run.Totals().Fail, lines, len(junit))
}

// serveReference builds and starts cmd/refserver with faults on a free port and returns the
// variables it prints, and a function that stops it.
func serveReference(t *testing.T, dir, faults string) ([]string, func()) {
	t.Helper()
	bin := filepath.Join(dir, "refserver")
	build := exec.Command("go", "build", "-o", bin, "../refserver")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	srv := exec.Command(bin, "-addr", addr, "-faults", faults)
	stdout, err := srv.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, srv.Start())
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			_ = srv.Process.Kill()
			_ = srv.Wait()
		}
	}
	t.Cleanup(stop)
	env := cleanEnv()
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if kv, ok := strings.CutPrefix(sc.Text(), "export "); ok {
			env = append(env, kv)
		}
		if strings.HasPrefix(sc.Text(), "#   unset") {
			break // the lines after are a commented alternative
		}
	}
	go func() { _, _ = bufio.NewReader(stdout).WriteTo(devNull{}) }()
	waitFor(t, addr)
	return env, stop
}

type devNull struct{}

func (devNull) Write(p []byte) (int, error) { return len(p), nil }

func waitFor(t *testing.T, addr string) {
	t.Helper()
	for range 100 {
		if c, err := net.Dial("tcp", addr); err == nil {
			_ = c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("reference server on %s did not start", addr)
}

// cleanEnv is the environment without CONFORMANCE_* variables, so the shell's cannot leak in.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CONFORMANCE_") && !strings.HasPrefix(kv, "MAKEFLAGS=") && !strings.HasPrefix(kv, "MAKELEVEL=") {
			out = append(out, kv)
		}
	}
	return out
}

func runMake(t *testing.T, root string, env []string, args ...string) int {
	t.Helper()
	cmd := exec.Command("make", append([]string{"-s"}, args...)...)
	cmd.Dir, cmd.Env = root, env
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		t.Logf("make %s → %d\n%s", strings.Join(args, " "), exit.ExitCode(), lastLines(string(out), 4))
		return exit.ExitCode()
	}
	require.NoError(t, err)
	return 0
}

func lastLines(s string, n int) string {
	ls := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(ls[max(0, len(ls)-n):], "\n")
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
