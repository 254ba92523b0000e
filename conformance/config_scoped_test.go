package conformance

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/tokens"
)

func TestScopedTokensFromConfig(t *testing.T) {
	t.Parallel()
	read := func(env map[string]string) Target {
		t.Helper()
		cfg, err := ConfigFromEnv(func(k string) string { return env[k] })
		require.NoError(t, err)
		return TargetFromConfig(cfg)
	}
	creds := map[string]string{"CONFORMANCE_BASE_URL": auth0Base, "CONFORMANCE_CLIENT_ID": "cid-main", "CONFORMANCE_CLIENT_SECRET": testSecret}
	target := read(creds)
	require.NotNil(t, target.ScopedTokens, "auth0 with the main role's client credentials mints")
	src, ok := target.ScopedTokens([]string{"read:clients", "update:clients"}).(*tokens.ClientCredentials)
	require.True(t, ok)
	assert.Equal(t, "read:clients update:clients", src.Scope)
	assert.Equal(t, "https://acme.eu.auth0.com/oauth/token", src.TokenURL)
	assert.Equal(t, "https://acme.eu.auth0.com/api/v2/", src.Audience)
	assert.Equal(t, "cid-main", src.ClientID)
	assert.Equal(t, tokens.JSON, src.Style)
	assert.NotNil(t, src.HTTPClient, "the configured timeout and no redirects")

	creds["CONFORMANCE_BASE_URL"] = txBase
	assert.Nil(t, read(creds).ScopedTokens, "Transmit: no scope rules to check")
	assert.Nil(t, read(map[string]string{"CONFORMANCE_BASE_URL": auth0Base, "CONFORMANCE_TOKEN": "tok-123456"}).ScopedTokens,
		"a fixed main token cannot mint")
}
