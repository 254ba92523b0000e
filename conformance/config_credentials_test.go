package conformance

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/tokens"
)

const (
	txBase     = "https://api.sbx.transmitsecurity.io/cis"
	auth0Base  = "https://acme.eu.auth0.com/api/v2"
	testSecret = "cfg-secret-never-printed"
)

func TestConfigCredentials(t *testing.T) {
	t.Parallel()
	creds := func(extra map[string]string) map[string]string {
		env := map[string]string{"CONFORMANCE_CLIENT_ID": "cid-main", "CONFORMANCE_CLIENT_SECRET": testSecret}
		for k, v := range extra {
			env[k] = v
		}
		return env
	}
	for _, tc := range []struct {
		name     string
		env      map[string]string
		variable string // "" means valid
		tokenURL string
		audience string
		fetched  []Role
	}{
		{"transmit: credentials instead of a token", creds(map[string]string{"CONFORMANCE_BASE_URL": txBase}), "",
			"https://api.sbx.transmitsecurity.io/oidc/token", "", []Role{Main}},
		{"auth0: token url and audience derived", creds(map[string]string{"CONFORMANCE_BASE_URL": auth0Base}), "",
			"https://acme.eu.auth0.com/oauth/token", "https://acme.eu.auth0.com/api/v2/", []Role{Main}},
		{"auth0 by surface, custom domain audience", creds(map[string]string{"CONFORMANCE_BASE_URL": "https://login.acme.com/api/v2",
			"CONFORMANCE_SURFACES": "auth0", "CONFORMANCE_AUDIENCE": "https://acme.eu.auth0.com/api/v2/"}), "",
			"https://login.acme.com/oauth/token", "https://acme.eu.auth0.com/api/v2/", []Role{Main}},
		{"token url set", creds(map[string]string{"CONFORMANCE_BASE_URL": txBase,
			"CONFORMANCE_TOKEN_URL": "https://auth.example.com/oidc/token"}), "", "https://auth.example.com/oidc/token", "", []Role{Main}},
		{"fixed main token, fetched other roles", map[string]string{"CONFORMANCE_BASE_URL": txBase, "CONFORMANCE_TOKEN": "tok-123456",
			"CONFORMANCE_READONLY_CLIENT_ID": "cid-ro", "CONFORMANCE_READONLY_CLIENT_SECRET": testSecret,
			"CONFORMANCE_OTHER_APP_CLIENT_ID": "cid-other", "CONFORMANCE_OTHER_APP_CLIENT_SECRET": testSecret,
			"CONFORMANCE_ADMIN_CLIENT_ID": "cid-admin", "CONFORMANCE_ADMIN_CLIENT_SECRET": testSecret}, "",
			"https://api.sbx.transmitsecurity.io/oidc/token", "", []Role{ReadOnly, Other, Admin}},
		{"fixed tokens still get a token url", map[string]string{"CONFORMANCE_BASE_URL": txBase, "CONFORMANCE_TOKEN": "tok-123456"}, "",
			"https://api.sbx.transmitsecurity.io/oidc/token", "", nil},
		{"id without secret", map[string]string{"CONFORMANCE_BASE_URL": txBase, "CONFORMANCE_CLIENT_ID": "cid-main"},
			"CONFORMANCE_CLIENT_SECRET", "", "", nil},
		{"secret without id", map[string]string{"CONFORMANCE_BASE_URL": txBase, "CONFORMANCE_CLIENT_SECRET": testSecret},
			"CONFORMANCE_CLIENT_ID", "", "", nil},
		{"noperm secret without id", map[string]string{"CONFORMANCE_TOKEN": "tok-123456", "CONFORMANCE_NOPERM_CLIENT_SECRET": testSecret},
			"CONFORMANCE_NOPERM_CLIENT_ID", "", "", nil},
		{"token and credentials for main", creds(map[string]string{"CONFORMANCE_BASE_URL": txBase, "CONFORMANCE_TOKEN": "tok-123456"}),
			"CONFORMANCE_TOKEN", "", "", nil},
		{"token and credentials for admin", map[string]string{"CONFORMANCE_ADMIN_TOKEN": "tok-admin-123",
			"CONFORMANCE_ADMIN_CLIENT_ID": "cid-admin", "CONFORMANCE_ADMIN_CLIENT_SECRET": testSecret},
			"CONFORMANCE_ADMIN_TOKEN", "", "", nil},
		{"token url not absolute", creds(map[string]string{"CONFORMANCE_BASE_URL": txBase, "CONFORMANCE_TOKEN_URL": "/oidc/token"}),
			"CONFORMANCE_TOKEN_URL", "", "", nil},
		{"token url with userinfo", creds(map[string]string{"CONFORMANCE_BASE_URL": txBase,
			"CONFORMANCE_TOKEN_URL": "https://cid:" + testSecret + "@auth.example.com/oidc/token"}), "CONFORMANCE_TOKEN_URL", "", "", nil},
		{"audience for transmit", creds(map[string]string{"CONFORMANCE_BASE_URL": txBase, "CONFORMANCE_AUDIENCE": "https://x/"}),
			"CONFORMANCE_AUDIENCE", "", "", nil},
		{"https with neither token nor client id", map[string]string{"CONFORMANCE_BASE_URL": txBase,
			"CONFORMANCE_ADMIN_CLIENT_ID": "cid-admin", "CONFORMANCE_ADMIN_CLIENT_SECRET": testSecret}, "CONFORMANCE_TOKEN", "", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := ConfigFromEnv(func(k string) string { return tc.env[k] })
			if tc.variable != "" {
				var ce *ConfigError
				require.True(t, errors.As(err, &ce), "want a ConfigError, got %v", err)
				assert.Equal(t, tc.variable, ce.Variable)
				assert.Contains(t, err.Error(), "fix:")
				assert.NotContains(t, err.Error(), testSecret, "a config error must not print a secret")
				assert.NotContains(t, err.Error(), "tok-123456", "a config error must not print a token")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.tokenURL, cfg.TokenURL)
			assert.Equal(t, tc.audience, cfg.Audience)
			target := TargetFromConfig(cfg)
			assert.Equal(t, tc.tokenURL, target.TokenURL)
			assert.NotEmpty(t, target.Surfaces())
			assert.Len(t, target.TokenSources, len(tc.fetched))
			for _, r := range tc.fetched {
				require.True(t, target.HasRole(r), r)
				src, ok := target.TokenSources[r].(*tokens.ClientCredentials)
				require.True(t, ok, "role %s has a client credentials source", r)
				assert.Equal(t, tc.tokenURL, src.TokenURL)
				assert.Equal(t, testSecret, src.ClientSecret)
				assert.Equal(t, tc.audience, src.Audience)
				if tc.audience != "" {
					assert.Equal(t, tokens.JSON, src.Style)
				} else {
					assert.Equal(t, tokens.Form, src.Style)
				}
				assert.NotNil(t, src.HTTPClient.CheckRedirect, "token requests never follow redirects")
				assert.Empty(t, target.Tokens[r])
			}
		})
	}
}

func TestSurfacesForCredentials(t *testing.T) {
	t.Parallel()
	cfg := Config{BaseURL: txBase, Credentials: map[Role]Credentials{Main: {"cid", testSecret}}}
	assert.Equal(t, []string{"clients", "applications"}, cfg.surfacesFor())
	cfg = Config{BaseURL: auth0Base, Credentials: map[Role]Credentials{Admin: {"cid", testSecret}}}
	assert.Equal(t, []string{"auth0"}, cfg.surfacesFor())
	cfg = Config{BaseURL: txBase, Credentials: map[Role]Credentials{ReadOnly: {"cid", testSecret}}}
	assert.Empty(t, cfg.surfacesFor(), "a read-only client alone selects no surface")
}
