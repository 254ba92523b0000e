package conformance_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/reftarget"
)

// TestScopedTokensAgainstReference: the default run (fixed role tokens) mints narrower Auth0
// tokens from the reference's /oauth/token, once per scope set; the scope scenarios run and
// pass instead of being skipped, and what their minted tokens created is cleaned up. Without
// minting they are skipped.
func TestScopedTokensAgainstReference(t *testing.T) {
	t.Parallel()
	target, err := reftarget.Start(t.Cleanup, reftarget.Options{Surfaces: []string{"auth0"}})
	require.NoError(t, err)
	require.NotNil(t, target.ScopedTokens, "the embedded reference always mints")
	target.RunPrefix = "ccs-scoped-e2e-"
	target.Transcript = filepath.Join(t.TempDir(), "transcript.jsonl")
	var mu sync.Mutex
	minted := map[string]int{}
	mint := target.ScopedTokens
	target.ScopedTokens = func(scopes []string) conformance.TokenSource {
		mu.Lock()
		minted[strings.Join(scopes, " ")]++
		mu.Unlock()
		return mint(scopes)
	}
	su, err := conformance.NewSuite("auth0")
	require.NoError(t, err)
	scopeScenarios := []string{
		"auth0/permissions/secret-write-needs-update-client-keys",
		"auth0/permissions/auth-methods-create-needs-create-client-credentials",
		"auth0/permissions/auth-methods-patch-needs-update-client-credentials",
		"auth0/permissions/rotate-needs-update-client-keys",
		"auth0/permissions/summary-scope-reads",
		"auth0/permissions/client-keys-scope-sees-secret",
	}
	results, err := su.Collect(t.Context(), target, func(sc conformance.Scenario) bool { return slices.Contains(scopeScenarios, sc.ID) })
	require.NoError(t, err)
	require.Len(t, results, len(scopeScenarios))
	for _, r := range results {
		assert.Equal(t, conformance.Passed, r.Outcome, "%s: %s", r.ID, strings.Join(r.Messages, "\n"))
	}
	assert.Equal(t, map[string]int{
		"read:clients update:clients": 1, "create:clients": 1, "read:client_summary": 1, "read:client_keys": 1,
	}, minted, "each distinct scope set is minted once per run")
	tokenLines := 0
	for _, line := range strings.Split(strings.TrimSpace(readFile(t, target.Transcript)), "\n") {
		var x struct{ Scenario, Purpose string }
		require.NoError(t, json.Unmarshal([]byte(line), &x))
		if x.Purpose == "token" {
			tokenLines++
			assert.Contains(t, scopeScenarios, x.Scenario, "a minted token's request names the scenario that asked for it")
		}
	}
	assert.Equal(t, len(minted), tokenLines, "one token request per scope set")

	// A target that cannot mint skips them, saying what to set.
	cannot := target
	cannot.ScopedTokens = nil
	results, err = su.Collect(t.Context(), cannot, func(sc conformance.Scenario) bool { return slices.Contains(scopeScenarios, sc.ID) })
	require.NoError(t, err)
	for _, r := range results {
		assert.Equal(t, conformance.Skipped, r.Outcome, r.ID)
		assert.Contains(t, strings.Join(r.Messages, "\n"), "set CONFORMANCE_CLIENT_ID and CONFORMANCE_CLIENT_SECRET", r.ID)
	}

	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, target.BaseURLs["auth0"]+"/clients?per_page=100", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+target.Tokens[conformance.Main])
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var clients []map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&clients))
	for _, c := range clients {
		name, _ := c["name"].(string)
		assert.False(t, strings.HasPrefix(name, target.RunPrefix), "left over: %s", name)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
