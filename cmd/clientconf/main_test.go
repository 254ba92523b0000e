package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/internal/cli/runcmd"
)

func TestDispatch(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		code     int
		out, err string
	}{
		{nil, 2, "", "usage: clientconf COMMAND"},
		{[]string{"help"}, 0, "usage: clientconf COMMAND", ""},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"version"}, 0, "clientconf ", ""},
		{[]string{"serve", "-list-faults"}, 0, "clients/conflict/rename-conflict-allowed", ""},
		{[]string{"diff", "only-one"}, 2, "", "usage: report diff"},
		{[]string{"sweep", "-dry-run"}, 2, "", "CONFORMANCE_BASE_URL is empty"},
		{[]string{"run", "stray"}, 2, "", "unexpected arguments"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errOut strings.Builder
			code := dispatch(tc.args, runcmd.Env{Lookup: func(string) (string, bool) { return "", false }, Stdout: &out, Stderr: &errOut})
			assert.Equal(t, tc.code, code)
			assert.Contains(t, out.String(), tc.out)
			assert.Contains(t, errOut.String(), tc.err)
		})
	}
}

// TestGoInstall installs the command into an empty GOPATH and GOBIN (the module cache is
// shared, so nothing is downloaded) and runs it outside the repository: everything it needs,
// the specs included, is in the binary.
func TestGoInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	modcache, err := exec.Command(gocmd, "env", "GOMODCACHE").Output()
	require.NoError(t, err)
	tmp := t.TempDir()
	gobin := filepath.Join(tmp, "bin")
	install := exec.Command(gocmd, "install", ".")
	install.Env = append(cleanEnv(), "GOPATH="+filepath.Join(tmp, "gopath"), "GOBIN="+gobin,
		"GOMODCACHE="+strings.TrimSpace(string(modcache)))
	out, err := install.CombinedOutput()
	require.NoError(t, err, "%s", out)

	work := filepath.Join(tmp, "elsewhere")
	require.NoError(t, os.Mkdir(work, 0o755))
	run := exec.Command(filepath.Join(gobin, "clientconf"), "run", "-run", "clients/crud")
	run.Dir = work
	run.Env = cleanEnv()
	out, err = run.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "outcome: conformant")
	for _, f := range []string{"summary.md", "junit.xml", "results.json", "report.html", "certificate.md"} {
		assert.FileExists(t, filepath.Join(work, "reports", f))
	}
}

// cleanEnv is the process environment without CONFORMANCE_* variables.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CONFORMANCE_") {
			out = append(out, kv)
		}
	}
	return out
}
