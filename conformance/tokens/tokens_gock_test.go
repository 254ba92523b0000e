package tokens

import (
	"errors"
	"net/http"
	"testing"

	"github.com/h2non/gock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests fake a remote token endpoint with gock. gock is global state (it swaps
// http.DefaultTransport), so none of them runs in parallel; the parallel tests of this package
// start only after these have finished and restored the transport.

const auth0TokenURL = "https://acme.eu.auth0.com/oauth/token"

func gockClient(t *testing.T) *http.Client {
	t.Helper()
	t.Cleanup(gock.OffAll)
	client := &http.Client{Transport: &http.Transport{}, CheckRedirect: noRedirects}
	gock.InterceptClient(client)
	return client
}

func TestAuth0JSONRequest(t *testing.T) {
	client := gockClient(t)
	gock.New("https://acme.eu.auth0.com").Post("/oauth/token").
		MatchType("json").
		JSON(map[string]string{"grant_type": "client_credentials", "client_id": testID, "client_secret": testSecret,
			"audience": "https://acme.eu.auth0.com/api/v2/"}).
		Reply(200).JSON(map[string]any{"access_token": "eyJ.auth0.token", "token_type": "Bearer", "expires_in": 86400,
		"scope": "read:clients"})
	src := &ClientCredentials{TokenURL: auth0TokenURL, ClientID: testID, ClientSecret: testSecret,
		Audience: "https://acme.eu.auth0.com/api/v2/", Style: JSON, HTTPClient: client}
	tok, err := src.Token(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "eyJ.auth0.token", tok)
	tok, err = src.Token(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "eyJ.auth0.token", tok)
	assert.True(t, gock.IsDone())
	assert.False(t, gock.HasUnmatchedRequest())
}

func TestAuth0AccessDenied(t *testing.T) {
	client := gockClient(t)
	gock.New("https://acme.eu.auth0.com").Post("/oauth/token").
		Reply(403).JSON(map[string]any{"error": "access_denied", "error_description": "Service not enabled within domain: https://acme.eu.auth0.com/api/v2/"})
	src := &ClientCredentials{TokenURL: auth0TokenURL, ClientID: testID, ClientSecret: testSecret,
		Audience: "https://acme.eu.auth0.com/api/v2/", Style: JSON, HTTPClient: client}
	_, err := src.Token(t.Context())
	var te *Error
	require.True(t, errors.As(err, &te), "got %v", err)
	assert.Equal(t, 403, te.Status)
	assert.Equal(t, "access_denied", te.Code)
	assert.Contains(t, err.Error(), "Service not enabled")
	assert.NotContains(t, err.Error(), testSecret)
}

func TestNetworkErrorThenRecovery(t *testing.T) {
	client := gockClient(t)
	gock.New("https://api.sbx.transmitsecurity.io").Post("/oidc/token").
		ReplyError(errors.New("connection reset by peer"))
	gock.New("https://api.sbx.transmitsecurity.io").Post("/oidc/token").
		MatchType("url").
		BodyString("client_id=" + testID + "&client_secret=" + testSecret + "&grant_type=client_credentials").
		Reply(200).JSON(map[string]any{"access_token": "tx-token-1", "token_type": "Bearer", "expires_in": 3600, "scope": ""})
	src := &ClientCredentials{TokenURL: "https://api.sbx.transmitsecurity.io/oidc/token", ClientID: testID,
		ClientSecret: testSecret, HTTPClient: client}
	_, err := src.Token(t.Context())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "connection reset by peer")
	assert.NotContains(t, err.Error(), testSecret)
	tok, err := src.Token(t.Context())
	require.NoError(t, err, "a failed fetch is not cached")
	assert.Equal(t, "tx-token-1", tok)
}
