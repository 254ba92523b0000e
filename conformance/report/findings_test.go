package report_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/results"
)

// TestSharedFindings: one broken field seen under several operations is named once above the
// root causes (whatever its array index or envelope); a finding on one operation is not.
func TestSharedFindings(t *testing.T) {
	t.Parallel()
	const format = `string doesn't match the format "date-time"`
	withFailure := func(id, op, field, actual string) *results.Scenario {
		s := scenario(id, results.Fail)
		s.Failures = []results.Failure{{Rule: "response-schema", Kind: "schema", Operation: op, Field: field, Actual: actual}}
		return s
	}
	r := run(
		withFailure("clients/crud/a", "createClient", "/created_at", format),
		withFailure("clients/crud/b", "getClients", "/0/created_at", format),
		withFailure("applications/crud/c", "getAllApps", "/result/1/created_at", format),
		withFailure("clients/crud/d", "updateClient", "/name", "value is not one of the allowed values"),
	)
	v := report.Judge(r, nil, false, time.Now())
	fs := v.SharedFindings()
	require.Len(t, fs, 1, "the /name finding is on one operation only")
	assert.Equal(t, report.Finding{Field: "created_at", Saw: format, Scenarios: 3, Operations: 3}, fs[0])

	var out strings.Builder
	require.NoError(t, v.WriteSummary(&out, meta))
	assert.Contains(t, out.String(), "- Seen across 3 operations in 3 scenarios: `created_at`: "+format)
	assert.Less(t, strings.Index(out.String(), "Seen across"), strings.Index(out.String(), "| scenarios |"), "above the root-cause table")
}
