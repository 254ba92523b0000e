package auth0

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference/faults"
)

// TestAuthOrder: 401 (no or bad token) before 403 (missing scope) before 400/404, on every
// operation, with bodies and ids that would themselves fail.
func TestAuthOrder(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	ops := []struct {
		method, path string
		body         any
	}{
		{"GET", "/clients?per_page=1000", nil},
		{"POST", "/clients", map[string]any{"bogus": 1}},
		{"GET", "/clients/unknown?fields=bogus", nil},
		{"PATCH", "/clients/unknown", map[string]any{"bogus": 1}},
		{"DELETE", "/clients/unknown", nil},
		{"POST", "/clients/unknown/rotate-secret", nil},
		{"GET", "/clients/unknown/credentials", nil},
		{"POST", "/clients/unknown/credentials", map[string]any{"bogus": 1}},
		{"GET", "/clients/unknown/credentials/cred_x", nil},
		{"PATCH", "/clients/unknown/credentials/cred_x", map[string]any{"bogus": 1}},
		{"DELETE", "/clients/unknown/credentials/cred_x", nil},
	}
	for _, op := range ops {
		t.Run(op.method+" "+op.path, func(t *testing.T) {
			t.Parallel()
			res := do(t, h, op.method, op.path, "", op.body)
			requireError(t, res, http.StatusUnauthorized, "")
			require.Contains(t, res.header.Get("WWW-Authenticate"), "Bearer")
			requireError(t, do(t, h, op.method, op.path, "not-a-token", op.body), http.StatusUnauthorized, "")
			requireError(t, do(t, h, op.method, op.path, tokNoperm, op.body), http.StatusForbidden, "insufficient_scope")
		})
	}
}

// TestScopes: which token may do what, including the field-level scopes of writes.
func TestScopes(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	c := createClient(t, h, map[string]any{})
	id := c["client_id"].(string)
	cases := []struct {
		name, token, method, path string
		body                      any
		want                      int
	}{
		{"readonly lists", tokReadonly, "GET", "/clients", nil, 200},
		{"summary reads", tokSummary, "GET", "/clients/" + id, nil, 200},
		{"readonly cannot create", tokReadonly, "POST", "/clients", map[string]any{"name": "x"}, 403},
		{"readonly cannot patch", tokReadonly, "PATCH", "/clients/" + id, map[string]any{"name": "x"}, 403},
		{"readonly cannot delete", tokReadonly, "DELETE", "/clients/" + id, nil, 403},
		{"readonly cannot rotate", tokReadonly, "POST", "/clients/" + id + "/rotate-secret", nil, 403},
		{"readonly cannot list credentials", tokReadonly, "GET", "/clients/" + id + "/credentials", nil, 403},
		{"client_secret needs update:client_keys", tokNoKeys, "PATCH", "/clients/" + id, map[string]any{"client_secret": "s3cr3t-value"}, 403},
		{"auth methods need update:client_credentials", tokNoKeys, "PATCH", "/clients/" + id,
			map[string]any{"client_authentication_methods": nil}, 403},
		{"auth methods need create:client_credentials", tokNoKeys, "POST", "/clients", map[string]any{
			"name": "x", "client_authentication_methods": map[string]any{"private_key_jwt": map[string]any{"credentials": []any{}}},
		}, 403},
		{"rotate needs update:client_keys", tokNoKeys, "POST", "/clients/" + id + "/rotate-secret", nil, 403},
		{"plain patch without key scopes", tokNoKeys, "PATCH", "/clients/" + id, map[string]any{"description": "ok"}, 200},
		{"main sets the secret", tokMain, "PATCH", "/clients/" + id, map[string]any{"client_secret": "s3cr3t-value"}, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := do(t, h, tc.method, tc.path, tc.token, tc.body)
			require.Equalf(t, tc.want, res.status, "body %s", res.raw)
			if tc.want == 403 {
				requireError(t, res, 403, "insufficient_scope")
			}
		})
	}
}

// TestFixtureTokens: New accepts the reference tenant's role tokens with their auth0 scopes.
func TestFixtureTokens(t *testing.T) {
	t.Parallel()
	tenant, err := fixtures.ReferenceTenant()
	require.NoError(t, err)
	h, err := New(tenant, faults.Set{})
	require.NoError(t, err)
	want := map[string]int{"main": 201, "other": 201, "admin": 201, "readonly": 403, "noperm": 403}
	for role, status := range want {
		tok, ok := tenant.TokenFor(role)
		require.True(t, ok, role)
		res := do(t, h, "POST", "/clients", tok.Token, map[string]any{"name": "fixture " + role})
		require.Equalf(t, status, res.status, "%s: %s", role, res.raw)
	}
	tok, _ := tenant.TokenFor("readonly")
	require.Equal(t, 200, do(t, h, "GET", "/clients", tok.Token, nil).status)
}

func TestMethodAndPathErrors(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	res := do(t, h, "PUT", "/clients/abc", tokMain, map[string]any{})
	requireError(t, res, http.StatusMethodNotAllowed, "")
	require.Equal(t, "GET, PATCH, DELETE", res.header.Get("Allow"))
	requireError(t, do(t, h, "PUT", "/clients/abc", "", nil), http.StatusUnauthorized, "")
	requireError(t, do(t, h, "GET", "/nothing-here", tokMain, nil), http.StatusNotFound, "")
}
