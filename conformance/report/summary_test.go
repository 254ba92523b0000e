package report_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/results"
)

var meta = report.Meta{Suite: "v0.0.0 (abc)", Specs: map[string]string{"transmit-clients.openapi.yaml": "00ff"}}

func TestSummaryBoundOnHugeRun(t *testing.T) {
	t.Parallel()
	r := hugeRun()
	b := &report.Baseline{Path: "b.yaml"}
	for i := range 300 { // fixed, stale and expired entries by the hundred
		b.Entries = append(b.Entries,
			report.Entry{ID: fmt.Sprintf("gone/cat/%d", i), Reason: "stale"},
			report.Entry{ID: r.Scenarios[i].ID, Reason: "old", Expires: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	v := report.Judge(r, b, false, time.Now())
	var out strings.Builder
	withCoverage := meta
	withCoverage.Appendix = "## Spec coverage\n" + strings.Repeat("- a coverage line\n", 30)
	require.NoError(t, v.WriteSummary(&out, withCoverage))
	s := out.String()
	assert.LessOrEqual(t, strings.Count(s, "\n"), report.MaxSummaryLines, s)
	assert.Equal(t, 30, strings.Count(s, "- a coverage line"), "the coverage section is whole, inside the bound")
	for _, want := range []string{"# Conformance: suite error", "## Root causes", "## Skipped, by reason", "## Specs", "00ff"} {
		assert.Contains(t, s, want)
	}
}

func TestSummaryGroupsSetupFailuresByTheirRule(t *testing.T) {
	t.Parallel()
	create := results.Failure{Rule: "spec/response-schema", Kind: results.KindSchema, Operation: "createClient", Setup: true, Message: "created_at is not a date-time"}
	a := scenario("clients/crud/a", results.Fail)
	a.Failures = []results.Failure{create, create}
	b := scenario("clients/conflict/b", results.Fail)
	b.Failures = []results.Failure{create}
	c := scenario("clients/defaults/c", results.Fail, "clients/defaults/c: default")
	v := report.Judge(run(a, b, c, scenario("clients/crud/ok", results.Pass)), nil, false, time.Now())

	groups := v.Groups()
	require.Len(t, groups, 2)
	assert.Equal(t, report.Cause{Rule: "spec/response-schema", Operation: "createClient", Kind: "schema"}, groups[0].Cause)
	assert.Len(t, groups[0].Scenarios, 2, "a scenario counts once per cause")
	assert.True(t, groups[0].Setup)

	var out strings.Builder
	require.NoError(t, v.WriteSummary(&out, meta))
	assert.Contains(t, out.String(), "| 2 | 2 | spec/response-schema (in a setup step) | createClient | schema |")
	assert.Contains(t, out.String(), "**Exit status 1.** 4 scenarios: 1 passed, 3 failed (3 new, 0 known)")
}

func TestFailuresFileHasEveryDetail(t *testing.T) {
	t.Parallel()
	r := hugeRun()
	v := report.Judge(r, nil, false, time.Now())
	var out strings.Builder
	require.NoError(t, v.WriteFailures(&out))
	s := out.String()
	for _, sc := range r.Scenarios {
		if sc.Outcome == results.Fail || sc.Outcome == results.Error {
			assert.Contains(t, s, "### "+sc.ID)
		}
	}
	assert.Contains(t, s, "## Root causes, every group")
}

func TestSummaryHugeRunNotCut(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	require.NoError(t, report.Judge(hugeRun(), nil, false, time.Now()).WriteSummary(&out, meta))
	assert.NotContains(t, out.String(), "cut at the summary's length bound", "the caps keep a real worst case under the bound")
}

func TestNotStartedScenariosMakeASuiteError(t *testing.T) {
	t.Parallel()
	late := scenario("clients/crud/late", results.Skip)
	late.SkipReason = results.NotStarted
	v := report.Judge(run(scenario("clients/crud/a", results.Pass), late), nil, false, time.Now())
	assert.Equal(t, report.ExitSuiteError, v.ExitStatus(), "a run cut short is not conformant")
}

func TestSummaryGroupsSuiteErrorsByCause(t *testing.T) {
	t.Parallel()
	r := run()
	for i := range 30 {
		s := scenario(fmt.Sprintf("clients/crud/s%02d", i), results.Error)
		rule, msg := "suite-error/no-response", "GET x got no usable response: timeout"
		if i >= 10 {
			rule, msg = "suite-error/not-started", "not started: the target stopped answering"
		}
		s.Failures = []results.Failure{{Rule: rule, Kind: results.KindSetup, Message: msg}}
		r.Scenarios = append(r.Scenarios, s)
	}
	var out strings.Builder
	require.NoError(t, report.Judge(r, nil, false, time.Now()).WriteSummary(&out, meta))
	assert.Contains(t, out.String(), "- 20 × suite-error/not-started setup, e.g. `clients/crud/s10: not started: the target stopped answering`")
	assert.Contains(t, out.String(), "- 10 × suite-error/no-response setup")
}

func TestSummaryNeverCutsANewCause(t *testing.T) {
	t.Parallel()
	r := run()
	b := &report.Baseline{Path: "b.yaml"}
	for i := range 30 { // 30 known causes, two scenarios each
		for j := range 2 {
			id := fmt.Sprintf("clients/crud/known-%02d-%d", i, j)
			r.Scenarios = append(r.Scenarios, scenario(id, results.Fail, fmt.Sprintf("known-rule-%02d", i)))
			b.Entries = append(b.Entries, report.Entry{ID: id, Reason: "accepted"})
		}
	}
	r.Scenarios = append(r.Scenarios, scenario("clients/crud/fresh", results.Fail, "zz-fresh-rule"))
	v := report.Judge(r, b, false, time.Now())
	var out strings.Builder
	require.NoError(t, v.WriteSummary(&out, meta))
	assert.Contains(t, out.String(), "| 1 | 1 | zz-fresh-rule | createClient | value | broke zz-fresh-rule | `clients/crud/fresh` |")
	assert.Contains(t, out.String(), "10 smaller groups in failures.md.")
}
