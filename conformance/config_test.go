package conformance

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfigFromEnv(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		env      map[string]string
		variable string // "" means valid
	}{
		{"empty means reference", nil, ""},
		{"full external", map[string]string{"CONFORMANCE_BASE_URL": "https://api.sbx.transmitsecurity.io/cis", "CONFORMANCE_TOKEN": "tok-123456",
			"CONFORMANCE_SURFACES": "clients, applications", "CONFORMANCE_ALLOW_DESTRUCTIVE": "1", "CONFORMANCE_SKIP_BASIS": "assumed"}, ""},
		{"base url not a url", map[string]string{"CONFORMANCE_BASE_URL": "api.example.com/cis"}, "CONFORMANCE_BASE_URL"},
		{"base url ftp", map[string]string{"CONFORMANCE_BASE_URL": "ftp://api.example.com"}, "CONFORMANCE_BASE_URL"},
		{"https without token", map[string]string{"CONFORMANCE_BASE_URL": "https://api.example.com/cis"}, "CONFORMANCE_TOKEN"},
		{"unknown surface", map[string]string{"CONFORMANCE_SURFACES": "clients,okta"}, "CONFORMANCE_SURFACES"},
		{"bad destructive flag", map[string]string{"CONFORMANCE_ALLOW_DESTRUCTIVE": "yes please"}, "CONFORMANCE_ALLOW_DESTRUCTIVE"},
		{"unknown basis", map[string]string{"CONFORMANCE_SKIP_BASIS": "guessed"}, "CONFORMANCE_SKIP_BASIS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := ConfigFromEnv(func(k string) string { return tc.env[k] })
			if tc.variable == "" {
				require.NoError(t, err)
				return
			}
			var ce *ConfigError
			require.True(t, errors.As(err, &ce), "want a ConfigError, got %v", err)
			assert.Equal(t, tc.variable, ce.Variable)
			assert.Contains(t, err.Error(), "fix:")
			for _, tok := range cfg.Tokens {
				assert.NotContains(t, err.Error(), tok, "a config error must not print a token")
			}
		})
	}
}

func TestSurfacesFor(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		base string
		want []string
	}{
		{"https://api.sbx.transmitsecurity.io/cis", []string{"clients", "applications"}},
		{"https://acme.eu.auth0.com/api/v2", []string{"auth0"}},
	} {
		cfg := Config{BaseURL: tc.base, Tokens: map[Role]string{Main: "tok-123456"}}
		assert.Equal(t, tc.want, cfg.surfacesFor(), tc.base)
	}
	assert.Empty(t, Config{BaseURL: "https://x.example.com"}.surfacesFor(), "no credentials, no surface")
}
