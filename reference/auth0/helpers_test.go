package auth0

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/reference/faults"
)

// Test tokens: the fixture roles plus narrower ones for the scope tiers.
const (
	tokMain     = "tok-main"
	tokReadonly = "tok-readonly" // read:clients
	tokNoperm   = "tok-noperm"   // read:users
	tokSummary  = "tok-summary"  // read:client_summary
	tokCredRead = "tok-credread" // read:client_credentials
	tokNoKeys   = "tok-nokeys"   // clients CRUD without the key and credential scopes
	tokKeysRead = "tok-keysread" // read:client_keys
)

var allClientScopes = []string{
	"create:clients", "read:clients", "update:clients", "delete:clients", "read:client_keys", "update:client_keys",
	"read:client_summary", "create:client_credentials", "read:client_credentials", "update:client_credentials", "delete:client_credentials",
}

// newTestHandler returns a fresh server with the named faults switched on.
func newTestHandler(t *testing.T, faultNames ...string) http.Handler {
	t.Helper()
	set, err := faults.NewSet(Faults(), faultNames...)
	require.NoError(t, err)
	s, err := newServer("tnt-test", map[string][]string{
		tokMain:     allClientScopes,
		tokReadonly: {"read:clients"},
		tokNoperm:   {"read:users"},
		tokSummary:  {"read:client_summary"},
		tokCredRead: {"read:client_credentials"},
		tokNoKeys:   {"create:clients", "read:clients", "update:clients", "delete:clients"},
		tokKeysRead: {"read:client_keys"},
	}, set)
	require.NoError(t, err)
	if len(faultNames) == 0 {
		return conforming{s.routes()}
	}
	return s.routes()
}

// response is a recorded exchange with its body decoded.
type response struct {
	status int
	header http.Header
	raw    []byte
	body   any // decoded JSON, nil for an empty body
}

func (r response) obj(t *testing.T) map[string]any {
	t.Helper()
	m, ok := r.body.(map[string]any)
	require.Truef(t, ok, "want a JSON object, got %s", r.raw)
	return m
}

func (r response) arr(t *testing.T) []any {
	t.Helper()
	a, ok := r.body.([]any)
	require.Truef(t, ok, "want a JSON array, got %s", r.raw)
	return a
}

// do sends one request; body is marshalled unless it is a string (sent verbatim).
func do(t *testing.T, h http.Handler, method, path, token string, body any) response {
	t.Helper()
	var reader *bytes.Reader
	switch b := body.(type) {
	case nil:
		reader = bytes.NewReader(nil)
	case string:
		reader = bytes.NewReader([]byte(b))
	default:
		data, err := json.Marshal(b)
		require.NoError(t, err)
		reader = bytes.NewReader(data)
	}
	req := httptest.NewRequest(method, path, reader)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if _, ok := h.(conforming); ok {
		checkAgainstSpec(t, req, rec)
	}
	res := response{status: rec.Code, header: rec.Header(), raw: rec.Body.Bytes()}
	if len(res.raw) > 0 {
		require.NoErrorf(t, json.Unmarshal(res.raw, &res.body), "body %s", res.raw)
	}
	return res
}

// createClient creates a client with main and returns it.
func createClient(t *testing.T, h http.Handler, body map[string]any) map[string]any {
	t.Helper()
	if _, ok := body["name"]; !ok {
		body["name"] = "test " + strings.ToLower(t.Name())
	}
	res := do(t, h, "POST", "/clients", tokMain, body)
	require.Equalf(t, http.StatusCreated, res.status, "create: %s", res.raw)
	return res.obj(t)
}

// requireError checks an Auth0 error response: status, body shape and errorCode ("" = absent).
func requireError(t *testing.T, res response, status int, code string) {
	t.Helper()
	require.Equalf(t, status, res.status, "body %s", res.raw)
	require.Equal(t, "application/json; charset=utf-8", res.header.Get("Content-Type"))
	body := res.obj(t)
	require.EqualValues(t, status, body["statusCode"])
	require.Equal(t, http.StatusText(status), body["error"])
	require.NotEmpty(t, body["message"])
	if code == "" {
		require.NotContains(t, body, "errorCode")
	} else {
		require.Equal(t, code, body["errorCode"])
	}
}

const testPEM = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEwQ2lG8wRdT8bq8Ue3uA6Jq9I1LXW
0x0wYkXsL0Lz8VbSxb3Fz1cW+e5kZz6nH2oGmWk0tKZ9Xl8XH9n1JdQdNw==
-----END PUBLIC KEY-----`
