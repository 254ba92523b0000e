package report_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/results"
)

func TestDiffRuns(t *testing.T) {
	t.Parallel()
	old := run(
		scenario("clients/crud/steady", results.Fail, "r1"),
		scenario("clients/crud/healed", results.Fail, "r2"),
		scenario("clients/crud/broke", results.Pass),
		scenario("clients/crud/changed", results.Fail, "r3"),
		scenario("clients/crud/skipped", results.Skip),
	)
	changed := scenario("clients/crud/changed", results.Fail, "r4")
	steady := scenario("clients/crud/steady", results.Fail, "r1")
	steady.Failures[0].Message = "same rule, other per-run ids in the text"
	new := run(steady, scenario("clients/crud/healed", results.Pass), scenario("clients/crud/broke", results.Fail, "r5"),
		changed, scenario("clients/crud/skipped", results.Fail, "r6"), scenario("clients/crud/added", results.Error))

	d := report.DiffRuns(old, new)
	ids := func(cs []report.Change) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	assert.Equal(t, []string{"clients/crud/broke", "clients/crud/skipped", "clients/crud/added"}, ids(d.NewlyFailing))
	assert.Equal(t, []string{"clients/crud/healed"}, ids(d.NewlyPassing))
	assert.Equal(t, []string{"clients/crud/changed"}, ids(d.ChangedReason))

	var b strings.Builder
	require.NoError(t, d.Write(&b, "old.json", "new.json"))
	s := b.String()
	assert.Contains(t, s, "3 newly failing, 1 newly passing, 1 with changed reasons.")
	assert.Contains(t, s, "- `clients/crud/added`: error (new scenario)")
	assert.Contains(t, s, "- `clients/crud/changed`: fail: broke r3 → fail: broke r4")
	assert.True(t, report.DiffRuns(old, old).Empty())
}
