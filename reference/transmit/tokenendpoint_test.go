package transmit

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

// tokTS is a reference server with its token endpoint and a settable clock.
type tokTS struct {
	*ts
	token http.Handler
	mu    sync.Mutex
	now   time.Time
}

func newTokTS(t *testing.T, faultNames ...string) *tokTS {
	t.Helper()
	tenant, err := fixtures.ReferenceTenant()
	require.NoError(t, err)
	set, err := faults.NewSet(Faults(), faultNames...)
	require.NoError(t, err)
	s, err := newServer(tenant, set)
	require.NoError(t, err)
	rt, err := newRouter(s, s.operations())
	require.NoError(t, err)
	x := &tokTS{ts: &ts{t: t, h: rt, tenant: tenant}, token: http.HandlerFunc(s.tokenEndpoint),
		now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	s.now = func() time.Time { x.mu.Lock(); defer x.mu.Unlock(); return x.now }
	return x
}

func (x *tokTS) advance(d time.Duration) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.now = x.now.Add(d)
}

// post sends a token request; contentType "" sends none.
func (x *tokTS) post(method, contentType, body string, edit func(*http.Request)) resp {
	x.t.Helper()
	req := httptest.NewRequest(method, "/oidc/token", strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if edit != nil {
		edit(req)
	}
	rec := httptest.NewRecorder()
	x.token.ServeHTTP(rec, req)
	out := resp{status: rec.Code, header: rec.Header(), raw: rec.Body.Bytes()}
	_ = json.Unmarshal(out.raw, &out.body)
	return out
}

func form(id, secret string) string {
	return url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}.Encode()
}

// fetch returns a fresh token for the client, failing the test otherwise.
func (x *tokTS) fetch(id, secret string) string {
	x.t.Helper()
	r := x.post("POST", "application/x-www-form-urlencoded", form(id, secret), nil)
	require.Equal(x.t, http.StatusOK, r.status, "%s", r.raw)
	tok, _ := r.obj()["access_token"].(string)
	require.NotEmpty(x.t, tok)
	return tok
}

func TestTokenResponse(t *testing.T) {
	t.Parallel()
	x := newTokTS(t)
	main, _ := x.tenant.TokenFor("main")
	r := x.post("POST", "application/x-www-form-urlencoded", form(main.ClientID, main.ClientSecret), nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.raw)
	assert.Equal(t, "application/json", r.header.Get("Content-Type"))
	assert.Equal(t, "no-store", r.header.Get("Cache-Control"))
	body := r.obj()
	assert.Equal(t, "Bearer", body["token_type"])
	assert.Equal(t, float64(3600), body["expires_in"])
	assert.Equal(t, strings.Join(main.Permissions, " "), body["scope"])
	assert.NotEqual(t, main.Token, body["access_token"], "a fetched token is a new token")
	assert.NotContains(t, string(r.raw), main.ClientSecret)

	basic := x.post("POST", "application/x-www-form-urlencoded", "grant_type=client_credentials", func(r *http.Request) {
		r.SetBasicAuth(main.ClientID, main.ClientSecret)
	})
	assert.Equal(t, http.StatusOK, basic.status, "client_secret_basic works too: %s", basic.raw)
}

// TestFetchedTokenActsLikeFixedToken: each role's fetched token gets exactly the answers of the
// role's fixed token.
func TestFetchedTokenActsLikeFixedToken(t *testing.T) {
	t.Parallel()
	requests := []struct {
		method, path string
		body         any
	}{
		{"GET", "/v1/clients", nil},
		{"POST", "/v1/clients", oidcBody("made by a fetched token")},
		{"GET", "/v1/applications", nil},
		{"GET", "/v1/applications/app-main", nil},
		{"GET", "/v1/applications/app-other/clients", nil},
		{"GET", "/v1/applications/signing-keys", nil},
	}
	x := newTokTS(t)
	for _, role := range x.tenant.Tokens {
		t.Run(role.Role, func(t *testing.T) {
			fetched := "Bearer " + x.fetch(role.ClientID, role.ClientSecret)
			for i, rq := range requests {
				body := rq.body
				if m, ok := body.(map[string]any); ok { // distinct names: no 409 between the two
					body = with(m, map[string]any{"name": m["name"].(string) + " " + role.Role})
				}
				want := x.doAuth("Bearer "+role.Token, rq.method, rq.path, body)
				if m, ok := body.(map[string]any); ok {
					body = with(m, map[string]any{"name": m["name"].(string) + " again"})
				}
				got := x.doAuth(fetched, rq.method, rq.path, body)
				assert.Equal(t, want.status, got.status, "request %d: %s %s", i, rq.method, rq.path)
			}
		})
	}
}

func TestTokenErrors(t *testing.T) {
	t.Parallel()
	x := newTokTS(t)
	main, _ := x.tenant.TokenFor("main")
	const formType = "application/x-www-form-urlencoded"
	for _, tc := range []struct {
		name        string
		method      string
		contentType string
		body        string
		edit        func(*http.Request)
		status      int
		code        string
	}{
		{"wrong secret", "POST", formType, form(main.ClientID, "not-the-secret"), nil, 401, "invalid_client"},
		{"unknown client", "POST", formType, form("no-such-client", main.ClientSecret), nil, 401, "invalid_client"},
		{"missing secret", "POST", formType, "grant_type=client_credentials&client_id=" + main.ClientID, nil, 401, "invalid_client"},
		{"other grant", "POST", formType, "grant_type=password&username=a&password=b", nil, 400, "unsupported_grant_type"},
		{"no grant", "POST", formType, "client_id=" + main.ClientID, nil, 400, "invalid_request"},
		{"json body", "POST", "application/json", `{"grant_type":"client_credentials"}`, nil, 400, "invalid_request"},
		{"repeated parameter", "POST", formType, form(main.ClientID, main.ClientSecret) + "&client_id=x", nil, 400, "invalid_request"},
		{"basic and body", "POST", formType, form(main.ClientID, main.ClientSecret), func(r *http.Request) {
			r.SetBasicAuth(main.ClientID, main.ClientSecret)
		}, 400, "invalid_request"},
		{"credentials in the query only", "POST", formType, "grant_type=client_credentials", func(r *http.Request) {
			r.URL.RawQuery = form(main.ClientID, main.ClientSecret)
		}, 401, "invalid_client"},
		{"GET", "GET", "", "", nil, 405, "invalid_request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := x.post(tc.method, tc.contentType, tc.body, tc.edit)
			require.Equal(t, tc.status, r.status, "%s", r.raw)
			body := r.obj()
			assert.Equal(t, tc.code, body["error"])
			assert.NotEmpty(t, body["error_description"])
			assert.Equal(t, float64(tc.status), body["error_code"], "Transmit's error shape too")
			assert.NotEmpty(t, body["message"])
			assert.NotContains(t, string(r.raw), main.ClientSecret)
			if tc.status == 401 {
				assert.NotEmpty(t, r.header.Get("WWW-Authenticate"))
			}
		})
	}
}

func TestFetchedTokenExpires(t *testing.T) {
	t.Parallel()
	x := newTokTS(t)
	main, _ := x.tenant.TokenFor("main")
	tok := "Bearer " + x.fetch(main.ClientID, main.ClientSecret)
	x.advance(59 * time.Minute)
	assert.Equal(t, http.StatusOK, x.doAuth(tok, "GET", "/v1/clients", nil).status)
	x.advance(time.Minute)
	r := x.doAuth(tok, "GET", "/v1/clients", nil)
	assert.Equal(t, http.StatusUnauthorized, r.status, "expired after expires_in")
	assert.Equal(t, http.StatusOK, x.do("main", "GET", "/v1/clients", nil).status, "fixed tokens never expire")
	fresh := "Bearer " + x.fetch(main.ClientID, main.ClientSecret)
	assert.Equal(t, http.StatusOK, x.doAuth(fresh, "GET", "/v1/clients", nil).status)
}

// TestAppClientToken: a client created through the API fetches a token of its app, which dies
// with the app (unless the deleted-app-token-valid fault is on).
func TestAppClientToken(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		fault            string
		deadTokenIsKnown bool
	}{
		{"", false},
		{fAppsDeletedAppTokenValid, true}, // known, acting on an app that is gone (404)
	} {
		t.Run("fault="+tc.fault, func(t *testing.T) {
			t.Parallel()
			var x *tokTS
			if tc.fault == "" {
				x = newTokTS(t)
			} else {
				x = newTokTS(t, tc.fault)
			}
			created := x.do("admin", "POST", "/v1/applications", appBody("token app"))
			require.Equal(t, http.StatusCreated, created.status, "%s", created.raw)
			app := created.result().(map[string]any)
			appID := app["app_id"].(string)
			clients := x.do("admin", "GET", "/v1/applications/"+appID+"/clients", nil).list()
			require.Len(t, clients, 1)
			c := clients[0].(map[string]any)
			tok := "Bearer " + x.fetch(c["client_id"].(string), c["client_secret"].(string))

			own := x.doAuth(tok, "GET", "/v1/clients", nil)
			require.Equal(t, http.StatusOK, own.status, "%s", own.raw)
			assert.Contains(t, string(own.raw), c["client_id"].(string), "the token acts on its own app")
			assert.Equal(t, http.StatusForbidden, x.doAuth(tok, "GET", "/v1/applications/app-main", nil).status)

			require.Equal(t, http.StatusNoContent, x.do("admin", "DELETE", "/v1/applications/"+appID, nil).status)
			after := x.doAuth(tok, "GET", "/v1/clients", nil).status
			assert.Equal(t, tc.deadTokenIsKnown, after != http.StatusUnauthorized, "status %d", after)
			again := x.post("POST", "application/x-www-form-urlencoded", form(c["client_id"].(string), c["client_secret"].(string)), nil)
			assert.Equal(t, http.StatusUnauthorized, again.status, "a deleted client gets no token: %s", again.raw)
		})
	}
}

func TestSAMLClientGetsNoToken(t *testing.T) {
	t.Parallel()
	x := newTokTS(t)
	c := x.mustCreate("main", samlBody("saml sp"))
	r := x.post("POST", "application/x-www-form-urlencoded", form(c["client_id"].(string), c["client_secret"].(string)), nil)
	assert.Equal(t, http.StatusUnauthorized, r.status, "%s", r.raw)
}
