package conformance_test

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/results"
)

// TestSetupMistakeIsASuiteError runs TestConformance in a child process the way
// `make conformance` does (test2json events, then the report's verdict): each setup mistake
// ends with exit status 2 and its one message, and no scenario runs.
func TestSetupMistakeIsASuiteError(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the test binary in a child process")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("needs the go command for test2json")
	}
	root, writes := countingReference(t)
	mainTok := fixtureToken(t, conformance.Main)
	for _, tc := range []struct {
		name  string
		env   []string
		words []string
	}{
		{"tokens without a base URL, the URL misspelled", []string{"CONFORMANCE_BASEURL=" + root + "/cis", "CONFORMANCE_TOKEN=" + mainTok},
			[]string{"configuration error: CONFORMANCE_BASE_URL is not set, but CONFORMANCE_TOKEN is",
				"rename CONFORMANCE_BASEURL to CONFORMANCE_BASE_URL", "warning: CONFORMANCE_BASEURL is not a variable of the suite"}},
		{"base path missing", []string{"CONFORMANCE_BASE_URL=" + root, "CONFORMANCE_TOKEN=" + mainTok, "CONFORMANCE_SURFACES=clients"},
			[]string{"setup error, no scenario ran: CONFORMANCE_BASE_URL is", "→ 404", root + "/cis"}},
		{"main token lacking permissions", []string{"CONFORMANCE_BASE_URL=" + root + "/cis", "CONFORMANCE_SURFACES=clients",
			"CONFORMANCE_TOKEN=" + fixtureToken(t, conformance.ReadOnly)},
			[]string{"setup error, no scenario ran: CONFORMANCE_TOKEN may read but not create"}},
		{"expired read-only token", []string{"CONFORMANCE_BASE_URL=" + root + "/cis", "CONFORMANCE_SURFACES=clients",
			"CONFORMANCE_TOKEN=" + mainTok, "CONFORMANCE_READONLY_TOKEN=refro-expired-0000"},
			[]string{"setup error, no scenario ran: CONFORMANCE_READONLY_TOKEN was rejected by the target"}},
		{"wrong no-permission token", []string{"CONFORMANCE_BASE_URL=" + root + "/cis", "CONFORMANCE_SURFACES=clients",
			"CONFORMANCE_TOKEN=" + mainTok, "CONFORMANCE_NOPERM_TOKEN=" + fixtureToken(t, conformance.Other)},
			[]string{"setup error, no scenario ran: CONFORMANCE_NOPERM_TOKEN holds client permissions"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run := runSelf(t, goTool, tc.env)
			v := report.Judge(run, nil, false, time.Now())
			t.Logf("run error: %s; run attributes: %v", v.RunError, run.Info)
			assert.Equal(t, report.ExitSuiteError, v.ExitStatus(), "a setup mistake is exit 2")
			assert.Empty(t, run.Scenarios, "no scenario runs")
			for _, w := range tc.words {
				assert.Contains(t, v.RunError+"\n"+strings.Join(run.Errors, "\n"), w)
			}
			for _, w := range tc.words[:1] {
				assert.Contains(t, v.RunError, w, "the run's one message")
			}
			assert.NotContains(t, v.RunError, mainTok, "never a token")
		})
	}
	assert.Zero(t, writes.Load(), "nothing was written to the target")
}

// runSelf runs TestConformance of this test binary with only env as CONFORMANCE_* variables,
// and reads its events as cmd/report does; stderr lines are non-JSON lines, as in gotestsum's.
func runSelf(t *testing.T, goTool string, env []string) *results.Run {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run", "^TestConformance$", "-test.v=test2json")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CONFORMANCE_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run() // the exit status is the report's to decide
	conv := exec.CommandContext(t.Context(), goTool, "tool", "test2json", "-t", "-p", "github.com/clientconf/clientconf/conformance")
	conv.Stdin = &stdout
	events, err := conv.Output()
	require.NoError(t, err)
	run, err := results.ReadEvents(bytes.NewReader(append(events, stderr.Bytes()...)))
	require.NoError(t, err)
	return run
}
