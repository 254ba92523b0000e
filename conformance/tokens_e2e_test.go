package conformance_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/reftarget"
	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference"
)

// countingSource counts the tokens a role's source hands out.
type countingSource struct {
	conformance.TokenSource
	calls atomic.Int64
}

func (c *countingSource) Token(ctx context.Context) (string, error) {
	c.calls.Add(1)
	return c.TokenSource.Token(ctx)
}

// TestConformanceClientCredentials runs the whole suite against the reference server with no
// fixed token at all: every role's token comes from the reference's token endpoint (Transmit's
// /oidc/token, Auth0's /oauth/token) through client credentials. It must pass like the
// fixed-token run, and no client secret may reach any message.
func TestConformanceClientCredentials(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole suite twice")
	}
	tenant, err := fixtures.ReferenceTenant()
	require.NoError(t, err)
	for _, surfaces := range [][]string{{"clients", "applications"}, {"auth0"}} {
		t.Run(strings.Join(surfaces, ","), func(t *testing.T) {
			t.Parallel()
			su, err := conformance.NewSuite(surfaces...)
			require.NoError(t, err)
			target, err := reftarget.Start(t.Cleanup, reftarget.Options{Surfaces: surfaces, ClientCredentials: true})
			require.NoError(t, err)
			require.Empty(t, target.Tokens, "no fixed token: every token is fetched")
			require.Len(t, target.TokenSources, len(tenant.Tokens))
			counted := map[conformance.Role]*countingSource{}
			for role, src := range target.TokenSources {
				counted[role] = &countingSource{TokenSource: src}
				target.TokenSources[role] = counted[role]
			}
			results, err := su.Collect(t.Context(), target, nil)
			require.NoError(t, err)
			passed := 0
			for _, r := range results {
				switch r.Outcome {
				case conformance.Passed:
					passed++
				case conformance.Failed, conformance.Errored:
					t.Errorf("%s: %s\n%s", r.ID, r.Outcome, strings.Join(r.Messages, "\n"))
				}
				for _, m := range r.Messages {
					for _, tok := range tenant.Tokens {
						assert.NotContains(t, m, tok.ClientSecret, "%s prints the %s client secret", r.ID, tok.Role)
					}
				}
			}
			assert.Greater(t, passed, len(results)/2, "most scenarios run and pass")
			assert.Positive(t, counted[conformance.Main].calls.Load(), "the main role's token was never asked for")
			t.Logf("%d of %d scenarios passed with fetched tokens", passed, len(results))
		})
	}
}

// TestConfigClientCredentials: the CONFORMANCE_* client credential variables that cmd/refserver
// prints, read by ConfigFromEnv, reach the reference server's token endpoints (token URL and
// Auth0 audience derived from the base URL).
func TestConfigClientCredentials(t *testing.T) {
	t.Parallel()
	h, err := reference.New(reference.Options{})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	tenant, err := fixtures.ReferenceTenant()
	require.NoError(t, err)
	prefixes := map[string]string{"main": "CONFORMANCE_", "readonly": "CONFORMANCE_READONLY_",
		"noperm": "CONFORMANCE_NOPERM_", "other": "CONFORMANCE_OTHER_APP_", "admin": "CONFORMANCE_ADMIN_"}
	for _, tc := range []struct {
		base, category string
	}{
		{srv.URL + "/cis", "permissions"},
		{srv.URL + "/api/v2", "crud"},
	} {
		env := map[string]string{"CONFORMANCE_BASE_URL": tc.base, "CONFORMANCE_ALLOW_DESTRUCTIVE": "1"}
		for _, tok := range tenant.Tokens {
			env[prefixes[tok.Role]+"CLIENT_ID"] = tok.ClientID
			env[prefixes[tok.Role]+"CLIENT_SECRET"] = tok.ClientSecret
		}
		cfg, err := conformance.ConfigFromEnv(func(k string) string { return env[k] })
		require.NoError(t, err)
		target := conformance.TargetFromConfig(cfg)
		su, err := conformance.NewSuite(target.Surfaces()...)
		require.NoError(t, err)
		results, err := su.Collect(t.Context(), target, func(sc conformance.Scenario) bool { return sc.Category() == tc.category })
		require.NoError(t, err, tc.base)
		passed := 0
		for _, r := range results {
			switch r.Outcome {
			case conformance.Passed:
				passed++
			case conformance.Failed, conformance.Errored:
				t.Errorf("%s: %s\n%s", r.ID, r.Outcome, strings.Join(r.Messages, "\n"))
			}
		}
		assert.Positive(t, passed, tc.base)
	}
}
