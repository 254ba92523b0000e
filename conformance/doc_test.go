package conformance

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPackageDocCountsSkips keeps the package doc's "what is skipped without a role" figures
// equal to the catalogues.
func TestPackageDocCountsSkips(t *testing.T) {
	su, err := NewSuite()
	require.NoError(t, err)
	count := func(surface string, role Role) int {
		n := 0
		for _, sc := range su.Scenarios(surface) {
			for _, r := range sc.Roles {
				if r == role {
					n++
					break
				}
			}
		}
		return n
	}
	doc, err := os.ReadFile("conformance.go")
	require.NoError(t, err)
	for _, role := range []Role{ReadOnly, NoPerm} {
		want := fmt.Sprintf("(%d clients, %d applications, %d auth0)", count("clients", role), count("applications", role), count("auth0", role))
		assert.True(t, strings.Contains(string(doc), want), "the package doc lacks %q for %s", want, role)
	}
	for _, role := range []Role{Other, Admin, AppScoped} {
		want := fmt.Sprintf("(%d clients, %d applications; Transmit only)", count("clients", role), count("applications", role))
		assert.True(t, strings.Contains(string(doc), want), "the package doc lacks %q for %s", want, role)
		assert.Zero(t, count("auth0", role))
	}
}
