package reference_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference"
)

// TestTokenEndpointsMounted: both token endpoints answer at the host root, and each one's
// tokens work on its own vendor's surfaces only.
func TestTokenEndpointsMounted(t *testing.T) {
	t.Parallel()
	h, err := reference.New(reference.Options{})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	tenant, err := fixtures.ReferenceTenant()
	require.NoError(t, err)
	main, ok := tenant.TokenFor("main")
	require.True(t, ok)

	fetch := func(path string, extra url.Values) string {
		t.Helper()
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {main.ClientID}, "client_secret": {main.ClientSecret}}
		for k, v := range extra {
			form[k] = v
		}
		resp, err := http.Post(srv.URL+path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		require.NoError(t, err)
		defer resp.Body.Close()
		var body map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
		require.Equal(t, http.StatusOK, resp.StatusCode, "%s: %v", path, body)
		tok, _ := body["access_token"].(string)
		require.NotEmpty(t, tok)
		return tok
	}
	get := func(path, tok string) int {
		t.Helper()
		req, err := http.NewRequest("GET", srv.URL+path, nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	transmit := fetch("/oidc/token", nil)
	auth0 := fetch("/oauth/token", url.Values{"audience": {srv.URL + "/api/v2/"}})
	assert.Equal(t, http.StatusOK, get("/cis/v1/clients", transmit))
	assert.Equal(t, http.StatusUnauthorized, get("/api/v2/clients", transmit))
	assert.Equal(t, http.StatusOK, get("/api/v2/clients", auth0))
	assert.Equal(t, http.StatusUnauthorized, get("/cis/v1/clients", auth0))

	resp, err := http.Post(srv.URL+"/cis/oidc/token", "application/x-www-form-urlencoded", strings.NewReader("grant_type=client_credentials"))
	require.NoError(t, err)
	resp.Body.Close()
	assert.NotEqual(t, http.StatusOK, resp.StatusCode, "the token endpoint is not under /cis")
}
