package conformance

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScenarioTables checks the declarations themselves: stable, unique, hierarchical IDs of
// a known surface and category, a requirement sentence, a basis, and a run function.
func TestScenarioTables(t *testing.T) {
	t.Parallel()
	su, err := NewSuite()
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, surface := range []string{"clients", "applications", "auth0"} {
		scs := su.Scenarios(surface)
		require.NotEmpty(t, scs, surface)
		for _, sc := range scs {
			assert.False(t, seen[sc.ID], "duplicate scenario ID %s", sc.ID)
			seen[sc.ID] = true
			assert.Equal(t, surface, sc.Surface(), sc.ID)
			assert.Contains(t, Categories(), sc.Category(), "%s: unknown category", sc.ID)
			assert.GreaterOrEqual(t, strings.Count(sc.ID, "/"), 2, "%s: want surface/category/name", sc.ID)
			assert.NotEmpty(t, sc.Requirement, sc.ID)
			assert.True(t, slices.Contains([]Basis{Spec, Documented, Assumed}, sc.Basis), "%s: basis %q", sc.ID, sc.Basis)
			assert.NotNil(t, sc.Run, sc.ID)
			assert.NotContains(t, sc.ID, " ", "%s: spaces break -run filters", sc.ID)
		}
	}
}
