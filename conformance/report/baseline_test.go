package report_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/results"
)

var now = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

func TestBaselineLifeCycle(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "conformance-baseline.yaml")
	first := run(scenario("clients/crud/a", results.Fail, "rule-a"), scenario("clients/crud/b", results.Pass))
	assert.Equal(t, report.ExitNonConformant, report.Judge(first, nil, false, now).ExitStatus())

	// Accept today's failures.
	require.NoError(t, report.WriteBaseline(path, report.BaselineFromRun(first)))
	b, err := report.LoadBaseline(path)
	require.NoError(t, err)
	require.Len(t, b.Entries, 1)
	assert.Equal(t, report.Entry{ID: "clients/crud/a", Rule: "rule-a", Reason: "TODO: why this is accepted (broke rule-a)", Line: 5}, b.Entries[0])

	// The same run again: known, exit 0.
	v := report.Judge(first, b, false, now)
	assert.Equal(t, report.ExitConformant, v.ExitStatus())
	assert.Len(t, v.Known, 1)
	assert.Equal(t, "conformant apart from known failures (baseline)", v.Headline())

	// A new fault: exit 1, only the new scenario is new.
	worse := run(scenario("clients/crud/a", results.Fail, "rule-a"), scenario("clients/crud/b", results.Fail, "rule-b"))
	v = report.Judge(worse, b, false, now)
	assert.Equal(t, report.ExitNonConformant, v.ExitStatus())
	require.Len(t, v.New, 1)
	assert.Equal(t, "clients/crud/b", v.New[0].ID)

	// A known scenario failing for another rule is new too.
	other := run(scenario("clients/crud/a", results.Fail, "rule-a", "rule-c"), scenario("clients/crud/b", results.Pass))
	assert.Equal(t, report.ExitNonConformant, report.Judge(other, b, false, now).ExitStatus())

	// Fixed: a warning, or a failure in strict mode.
	fixed := run(scenario("clients/crud/a", results.Pass), scenario("clients/crud/b", results.Pass))
	v = report.Judge(fixed, b, false, now)
	assert.Equal(t, report.ExitConformant, v.ExitStatus())
	require.Len(t, v.Fixed, 1)
	assert.Equal(t, "clients/crud/a", v.Fixed[0].ID)
	assert.Equal(t, report.ExitNonConformant, report.Judge(fixed, b, true, now).ExitStatus())
}

func TestBaselineStaleExpiredAndWholeScenario(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "b.yaml")
	require.NoError(t, os.WriteFile(path, []byte(`known:
  - id: clients/crud/a
    reason: vendor ticket 1
    link: https://example.com/1
  - id: clients/crud/gone
    reason: renamed since
  - id: clients/crud/c
    reason: was accepted until November
    expires: 2026-11-30
`), 0o644))
	b, err := report.LoadBaseline(path)
	require.NoError(t, err)
	r := run(scenario("clients/crud/a", results.Fail, "x", "y"), scenario("clients/crud/c", results.Fail, "z"))
	v := report.Judge(r, b, false, now)
	assert.Len(t, v.Known, 1, "an entry without a rule covers every failure of its scenario")
	require.Len(t, v.Stale, 1)
	assert.Equal(t, 5, v.Stale[0].Line)
	require.Len(t, v.Expired, 1)
	require.Len(t, v.New, 1, "an expired entry excuses nothing")
	assert.Equal(t, "clients/crud/c", v.New[0].ID)
	assert.Equal(t, report.ExitNonConformant, v.ExitStatus())
}

func TestBaselineMalformed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, yaml, want string }{
		{"syntax", "known:\n  - id: a\n    reason: [unclosed\n", "b.yaml:2: malformed baseline: did not find expected"}, // yaml.v3 names the line the flow list opens on
		{"unknown key", "known:\n  - id: a\n    reason: r\n    expiry: 2027-01-01\n", "b.yaml:4: malformed baseline"},
		{"no reason", "known:\n  - id: a\n  - id: b\n    reason: r\n", "b.yaml:2: malformed baseline: every entry needs an id and a reason"},
		{"bad date", "known:\n  - id: a\n    reason: r\n  - id: b\n    reason: r\n    expires: tomorrow\n", `b.yaml:4: malformed baseline: expires "tomorrow"`},
		{"duplicate", "known:\n  - id: a\n    reason: r\n  - id: a\n    reason: r\n", "b.yaml:4: malformed baseline: a is listed twice (first on line 2)"},
		{"not a list", "known: yes\n", "b.yaml:1: malformed baseline"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "b.yaml")
			require.NoError(t, os.WriteFile(path, []byte(tc.yaml), 0o644))
			_, err := report.LoadBaseline(path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestBaselineEmptyFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "b.yaml")
	require.NoError(t, report.WriteBaseline(path, nil))
	b, err := report.LoadBaseline(path)
	require.NoError(t, err)
	assert.Empty(t, b.Entries)
}

func TestNewReasonShowsTheUnexcusedRule(t *testing.T) {
	t.Parallel()
	b := &report.Baseline{Entries: []report.Entry{{ID: "clients/crud/a", Rule: "old", Reason: "r"}}}
	v := report.Judge(run(scenario("clients/crud/a", results.Fail, "old", "fresh")), b, false, now)
	require.Len(t, v.New, 1)
	assert.Equal(t, "broke fresh", v.NewReason(v.New[0]))
}
