package auth0

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference/faults"
)

// The test requests go to host example.com (httptest's default), so this is the audience.
const testAudience = "https://example.com/api/v2/"

type tokenFixture struct {
	t      *testing.T
	api    http.Handler
	token  http.Handler
	tenant fixtures.Tenant
	mu     sync.Mutex
	now    time.Time
}

func newTokenFixture(t *testing.T) *tokenFixture {
	t.Helper()
	tenant, err := fixtures.ReferenceTenant()
	require.NoError(t, err)
	s, err := newTenantServer(tenant, faults.Set{})
	require.NoError(t, err)
	f := &tokenFixture{t: t, api: s.routes(), token: http.HandlerFunc(s.tokenEndpoint), tenant: tenant,
		now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	s.issuer.now = func() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }
	return f
}

func (f *tokenFixture) post(contentType, body string, edit func(*http.Request)) response {
	f.t.Helper()
	req := httptest.NewRequest("POST", "/oauth/token", strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if edit != nil {
		edit(req)
	}
	rec := httptest.NewRecorder()
	f.token.ServeHTTP(rec, req)
	res := response{status: rec.Code, header: rec.Header(), raw: rec.Body.Bytes()}
	require.NoErrorf(f.t, json.Unmarshal(res.raw, &res.body), "body %s", res.raw)
	return res
}

func tokenJSON(fields map[string]string) string {
	data, _ := json.Marshal(fields)
	return string(data)
}

func (f *tokenFixture) fetch(role, scope string) string {
	f.t.Helper()
	tok, ok := f.tenant.TokenFor(role)
	require.True(f.t, ok, role)
	body := map[string]string{"grant_type": "client_credentials", "client_id": tok.ClientID,
		"client_secret": tok.ClientSecret, "audience": testAudience}
	if scope != "" {
		body["scope"] = scope
	}
	res := f.post("application/json", tokenJSON(body), nil)
	require.Equalf(f.t, http.StatusOK, res.status, "%s", res.raw)
	got, _ := res.obj(f.t)["access_token"].(string)
	require.NotEmpty(f.t, got)
	return got
}

func TestTokenEndpointResponse(t *testing.T) {
	t.Parallel()
	f := newTokenFixture(t)
	main, _ := f.tenant.TokenFor("main")
	for name, tc := range map[string]struct{ contentType, body string }{
		"json": {"application/json", tokenJSON(map[string]string{"grant_type": "client_credentials",
			"client_id": main.ClientID, "client_secret": main.ClientSecret, "audience": testAudience})},
		"form": {"application/x-www-form-urlencoded", url.Values{"grant_type": {"client_credentials"},
			"client_id": {main.ClientID}, "client_secret": {main.ClientSecret}, "audience": {testAudience}}.Encode()},
	} {
		res := f.post(tc.contentType, tc.body, nil)
		require.Equalf(t, http.StatusOK, res.status, "%s: %s", name, res.raw)
		body := res.obj(t)
		assert.Equal(t, "Bearer", body["token_type"], name)
		assert.EqualValues(t, 86400, body["expires_in"], name)
		assert.ElementsMatch(t, allClientScopes, strings.Fields(body["scope"].(string)), name)
		assert.Equal(t, "no-store", res.header.Get("Cache-Control"), name)
	}
}

// TestTokenEndpointScopes: a fetched token has its role's scopes, or the subset asked for.
func TestTokenEndpointScopes(t *testing.T) {
	t.Parallel()
	f := newTokenFixture(t)
	for _, tc := range []struct {
		role, scope          string
		create, list, delete int
	}{
		{"main", "", 201, 200, 204},
		{"readonly", "", 403, 200, 403},
		{"noperm", "", 403, 403, 403},
		{"main", "read:clients", 403, 200, 403},
		{"admin", "create:clients delete:clients", 201, 403, 204},
	} {
		tok := f.fetch(tc.role, tc.scope)
		name := tc.role + " " + tc.scope
		assert.Equal(t, tc.create, do(t, f.api, "POST", "/clients", tok, map[string]any{"name": "fetched " + name}).status, name)
		assert.Equal(t, tc.list, do(t, f.api, "GET", "/clients", tok, nil).status, name)
		assert.Equal(t, tc.delete, do(t, f.api, "DELETE", "/clients/no-such-client", tok, nil).status, name)
	}
}

func TestTokenEndpointErrors(t *testing.T) {
	t.Parallel()
	f := newTokenFixture(t)
	main, _ := f.tenant.TokenFor("main")
	readonly, _ := f.tenant.TokenFor("readonly")
	req := func(edits map[string]string) string {
		body := map[string]string{"grant_type": "client_credentials", "client_id": main.ClientID,
			"client_secret": main.ClientSecret, "audience": testAudience}
		for k, v := range edits {
			if v == "" {
				delete(body, k)
			} else {
				body[k] = v
			}
		}
		return tokenJSON(body)
	}
	for _, tc := range []struct {
		name        string
		contentType string
		body        string
		status      int
		code        string
	}{
		{"wrong secret", "application/json", req(map[string]string{"client_secret": "nope-nope"}), 401, "access_denied"},
		{"unknown client", "application/json", req(map[string]string{"client_id": "nobody"}), 401, "access_denied"},
		{"no audience", "application/json", req(map[string]string{"audience": ""}), 403, "access_denied"},
		{"other audience", "application/json", req(map[string]string{"audience": "https://other.example/api/v2/"}), 403, "access_denied"},
		{"scope not granted", "application/json", tokenJSON(map[string]string{"grant_type": "client_credentials",
			"client_id": readonly.ClientID, "client_secret": readonly.ClientSecret, "audience": testAudience,
			"scope": "read:clients delete:clients"}), 403, "access_denied"},
		{"other grant", "application/json", req(map[string]string{"grant_type": "password"}), 400, "unsupported_grant_type"},
		{"not json", "application/json", "{", 400, "invalid_request"},
		{"text body", "text/plain", "grant_type=client_credentials", 400, "invalid_request"},
	} {
		res := f.post(tc.contentType, tc.body, nil)
		require.Equalf(t, tc.status, res.status, "%s: %s", tc.name, res.raw)
		body := res.obj(t)
		assert.Equal(t, tc.code, body["error"], tc.name)
		assert.NotEmpty(t, body["error_description"], tc.name)
		assert.NotContains(t, string(res.raw), main.ClientSecret, tc.name)
	}
}

func TestIssuedTokenExpires(t *testing.T) {
	t.Parallel()
	f := newTokenFixture(t)
	tok := f.fetch("main", "")
	f.mu.Lock()
	f.now = f.now.Add(23 * time.Hour)
	f.mu.Unlock()
	assert.Equal(t, http.StatusOK, do(t, f.api, "GET", "/clients", tok, nil).status)
	f.mu.Lock()
	f.now = f.now.Add(time.Hour)
	f.mu.Unlock()
	assert.Equal(t, http.StatusUnauthorized, do(t, f.api, "GET", "/clients", tok, nil).status)
}
