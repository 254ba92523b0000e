package auth0

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCreateDefaults: a minimal create returns the live defaults of CONTRACT.md §auth0.
func TestCreateDefaults(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	res := do(t, h, "POST", "/clients", tokMain, map[string]any{"name": "Minimal", "description": "just a test"})
	require.Equal(t, http.StatusCreated, res.status, string(res.raw))
	require.Equal(t, "application/json; charset=utf-8", res.header.Get("Content-Type"))
	c := res.obj(t)
	assert.NotEmpty(t, c["client_id"])
	assert.NotEmpty(t, c["client_secret"])
	want := map[string]any{
		"name":                                "Minimal",
		"description":                         "just a test",
		"is_first_party":                      true,
		"oidc_conformant":                     false,
		"jwt_configuration":                   map[string]any{"lifetime_in_seconds": 36000.0, "secret_encoded": false},
		"grant_types":                         []any{"authorization_code", "implicit", "refresh_token", "client_credentials"},
		"custom_login_page_on":                true,
		"sso_disabled":                        false,
		"is_token_endpoint_ip_header_trusted": false,
		"global":                              false,
	}
	for k, v := range want {
		assert.Equal(t, v, c[k], k)
	}
	rt := c["refresh_token"].(map[string]any)
	assert.Equal(t, "non-rotating", rt["rotation_type"])
	assert.Equal(t, "non-expiring", rt["expiration_type"])

	// The stored client reads back the same, and ids are unique.
	got := do(t, h, "GET", "/clients/"+c["client_id"].(string), tokMain, nil).obj(t)
	assert.Equal(t, c, got)
	other := createClient(t, h, map[string]any{})
	assert.NotEqual(t, c["client_id"], other["client_id"])
}

// TestCreateValidation: each body is rejected with 400 invalid_body.
func TestCreateValidation(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	cases := map[string]any{
		"missing name":       map[string]any{"description": "x"},
		"empty name":         map[string]any{"name": ""},
		"name with <":        map[string]any{"name": "a<b"},
		"name with >":        map[string]any{"name": "a>b"},
		"long description":   map[string]any{"name": "n", "description": strings.Repeat("d", 141)},
		"unknown key":        map[string]any{"name": "n", "colour": "blue"},
		"client_secret":      map[string]any{"name": "n", "client_secret": "mine"},
		"wrong type bool":    map[string]any{"name": "n", "is_first_party": "true"},
		"wrong type name":    map[string]any{"name": 5},
		"wrong type array":   map[string]any{"name": "n", "callbacks": "https://x"},
		"bad app_type":       map[string]any{"name": "n", "app_type": "desktop"},
		"bad auth method":    map[string]any{"name": "n", "token_endpoint_auth_method": "private_key_jwt"},
		"bad grant type":     map[string]any{"name": "n", "grant_types": []any{"magic"}},
		"bad rotation type":  map[string]any{"name": "n", "refresh_token": map[string]any{"rotation_type": "sometimes", "expiration_type": "expiring"}},
		"refresh_token part": map[string]any{"name": "n", "refresh_token": map[string]any{"rotation_type": "rotating"}},
		"float lifetime":     map[string]any{"name": "n", "jwt_configuration": map[string]any{"lifetime_in_seconds": 1.5}},
		"bad addon":          map[string]any{"name": "n", "addons": map[string]any{"myspace": map[string]any{}}},
		"metadata not str":   map[string]any{"name": "n", "client_metadata": map[string]any{"a": 1}},
		"two auth methods": map[string]any{"name": "n", "client_authentication_methods": map[string]any{
			"private_key_jwt": map[string]any{"credentials": []any{}}, "tls_client_auth": map[string]any{"credentials": []any{}},
		}},
		"auth method with endpoint method": map[string]any{"name": "n", "token_endpoint_auth_method": "client_secret_post",
			"client_authentication_methods": map[string]any{"private_key_jwt": map[string]any{"credentials": []any{
				map[string]any{"credential_type": "public_key", "pem": testPEM},
			}}}},
		"inline credential without pem": map[string]any{"name": "n", "client_authentication_methods": map[string]any{
			"private_key_jwt": map[string]any{"credentials": []any{map[string]any{"credential_type": "public_key"}}},
		}},
		"malformed JSON": `{"name": `,
		"trailing data":  `{"name": "n"} {}`,
		"not an object":  `["n"]`,
		"empty body":     "",
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			requireError(t, do(t, h, "POST", "/clients", tokMain, body), http.StatusBadRequest, "invalid_body")
		})
	}
}

func TestCreateAccepts(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	c := createClient(t, h, map[string]any{
		"name": "Full", "app_type": "regular_web", "callbacks": []any{"https://app.example/cb"},
		"token_endpoint_auth_method": "client_secret_post", "client_metadata": map[string]any{"team": "a"},
		"jwt_configuration": map[string]any{"alg": "RS256"},
		"refresh_token":     map[string]any{"rotation_type": "rotating", "expiration_type": "expiring", "leeway": 3},
		"addons":            map[string]any{"samlp": map[string]any{"audience": "aud"}, "wsfed": map[string]any{}},
	})
	assert.Equal(t, "client_secret_post", c["token_endpoint_auth_method"])
	assert.Equal(t, map[string]any{"alg": "RS256", "secret_encoded": false}, c["jwt_configuration"])
	rt := c["refresh_token"].(map[string]any)
	assert.Equal(t, 3.0, rt["leeway"])
	assert.Equal(t, false, rt["infinite_token_lifetime"])

	pk := createClient(t, h, map[string]any{"client_authentication_methods": map[string]any{"private_key_jwt": map[string]any{
		"credentials": []any{map[string]any{"credential_type": "public_key", "pem": testPEM, "name": "k1"}},
	}}})
	echoed := pk["client_authentication_methods"].(map[string]any)["private_key_jwt"].(map[string]any)["credentials"].([]any)
	require.Len(t, echoed, 1)
	credID := echoed[0].(map[string]any)["id"].(string)
	assert.True(t, strings.HasPrefix(credID, "cred_"))
	read := do(t, h, "GET", "/clients/"+pk["client_id"].(string), tokMain, nil).obj(t)
	assert.Equal(t, map[string]any{"private_key_jwt": map[string]any{"credentials": []any{map[string]any{"id": credID}}}},
		read["client_authentication_methods"])
	creds := do(t, h, "GET", "/clients/"+pk["client_id"].(string)+"/credentials", tokMain, nil).arr(t)
	require.Len(t, creds, 1)
}

func TestThirdPartyOrganizations(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	res := do(t, h, "POST", "/clients", tokMain, map[string]any{"name": "tp", "is_first_party": false, "organization_usage": "allow"})
	requireError(t, res, http.StatusForbidden, "")
	c := createClient(t, h, map[string]any{"organization_usage": "allow"})
	res = do(t, h, "PATCH", "/clients/"+c["client_id"].(string), tokMain, map[string]any{"is_first_party": false})
	requireError(t, res, http.StatusForbidden, "")
	// The rejected PATCH left no trace.
	assert.Equal(t, true, do(t, h, "GET", "/clients/"+c["client_id"].(string), tokMain, nil).obj(t)["is_first_party"])
	createClient(t, h, map[string]any{"is_first_party": false})
}

func TestAliases(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	a := createClient(t, h, map[string]any{"client_aliases": []any{"urn:a", "urn:b"}})
	requireError(t, do(t, h, "POST", "/clients", tokMain, map[string]any{"name": "dup", "client_aliases": []any{"urn:b"}}), http.StatusConflict, "")
	require.Equal(t, 204, do(t, h, "DELETE", "/clients/"+a["client_id"].(string), tokMain, nil).status)
	createClient(t, h, map[string]any{"client_aliases": []any{"urn:b"}}) // free again
}

// TestConcurrentAliases: of many concurrent creates with one alias, exactly one wins.
func TestConcurrentAliases(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	var wg sync.WaitGroup
	statuses := make([]int, 16)
	for i := range statuses {
		wg.Go(func() {
			statuses[i] = do(t, h, "POST", "/clients", tokMain, map[string]any{"name": "race", "client_aliases": []any{"urn:race"}}).status
		})
	}
	wg.Wait()
	won := 0
	for _, s := range statuses {
		if s == 201 {
			won++
		} else {
			assert.Equal(t, 409, s)
		}
	}
	assert.Equal(t, 1, won)
}

func TestPatch(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	c := createClient(t, h, map[string]any{"description": "before", "callbacks": []any{"https://a"}, "organization_usage": "allow"})
	path := "/clients/" + c["client_id"].(string)
	res := do(t, h, "PATCH", path, tokMain, map[string]any{
		"description": "after", "jwt_configuration": map[string]any{"alg": "RS256"}, "organization_usage": nil,
	})
	require.Equal(t, 200, res.status, string(res.raw))
	got := res.obj(t)
	assert.Equal(t, "after", got["description"])
	assert.Equal(t, c["name"], got["name"], "omitted fields keep their value")
	assert.Equal(t, c["callbacks"], got["callbacks"])
	assert.Equal(t, c["client_secret"], got["client_secret"])
	assert.Equal(t, map[string]any{"alg": "RS256", "secret_encoded": false, "lifetime_in_seconds": 36000.0}, got["jwt_configuration"])
	assert.NotContains(t, got, "organization_usage", "null clears")
	assert.Equal(t, got, do(t, h, "GET", path, tokMain, nil).obj(t))

	requireError(t, do(t, h, "PATCH", path, tokMain, map[string]any{"colour": "x"}), 400, "invalid_body")
	requireError(t, do(t, h, "PATCH", path, tokMain, map[string]any{}), 400, "invalid_body")
	requireError(t, do(t, h, "PATCH", path, tokMain, map[string]any{"resource_server_identifier": "x"}), 400, "invalid_body")
	requireError(t, do(t, h, "PATCH", "/clients/nope", tokMain, map[string]any{"description": "x"}), 404, "inexistent_client")
}

// TestPatchAcceptsWhatAuth0Accepted replays PATCH bodies that real Auth0 answered with 200 in
// the recorded terraform traffic: nulls that clear a field, and fields newer than the vendor's
// document.
func TestPatchAcceptsWhatAuth0Accepted(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	c := createClient(t, h, map[string]any{
		"addons": map[string]any{"wsfed": map[string]any{}}, "fedcm_login": map[string]any{"google": map[string]any{"is_enabled": true}},
		"identity_assertion_authorization_grant": map[string]any{"active": true},
	})
	path := "/clients/" + c["client_id"].(string)
	for _, body := range []map[string]any{
		{"addons": nil, "signed_request_object": nil, "oidc_backchannel_logout": nil},
		{"fedcm_login": nil, "identity_assertion_authorization_grant": nil, "token_vault_privileged_access": nil},
		{"token_vault_privileged_access": map[string]any{"credentials": []any{map[string]any{"id": "cred_1"}},
			"grants": []any{map[string]any{"connection": "github", "scopes": []any{"repo"}}}, "ip_allowlist": []any{"10.0.0.1"}}},
		{"my_organization_configuration": map[string]any{"allowed_strategies": []any{"oidc"}, "connection_deletion_behavior": "allow",
			"invitation_landing_client_id": "abc"}},
	} {
		res := do(t, h, "PATCH", path, tokMain, body)
		require.Equal(t, 200, res.status, "%v: %s", body, res.raw)
	}
	got := do(t, h, "GET", path, tokMain, nil).obj(t)
	for _, k := range []string{"addons", "fedcm_login", "identity_assertion_authorization_grant"} {
		assert.NotContains(t, got, k, "null clears")
	}
	requireError(t, do(t, h, "PATCH", path, tokMain, map[string]any{"fedcm_login": []any{}}), 400, "invalid_body")
}

func TestDeleteAndGlobalClient(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	c := createClient(t, h, map[string]any{})
	path := "/clients/" + c["client_id"].(string)
	for range 2 {
		res := do(t, h, "DELETE", path, tokMain, nil)
		require.Equal(t, 204, res.status)
		require.Empty(t, res.raw)
	}
	requireError(t, do(t, h, "GET", path, tokMain, nil), 404, "inexistent_client")
	require.Equal(t, 204, do(t, h, "DELETE", "/clients/never-existed", tokMain, nil).status)

	globals := do(t, h, "GET", "/clients?is_global=true", tokMain, nil).arr(t)
	require.Len(t, globals, 1)
	g := globals[0].(map[string]any)
	assert.Equal(t, "All Applications", g["name"])
	assert.Equal(t, true, g["global"])
	requireError(t, do(t, h, "DELETE", "/clients/"+g["client_id"].(string), tokMain, nil), 400, "")
	require.Equal(t, 200, do(t, h, "GET", "/clients/"+g["client_id"].(string), tokMain, nil).status)
}

func TestRotateSecret(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	c := createClient(t, h, map[string]any{})
	path := "/clients/" + c["client_id"].(string)
	res := do(t, h, "POST", path+"/rotate-secret", tokMain, nil)
	require.Equal(t, 200, res.status)
	rotated := res.obj(t)
	assert.NotEmpty(t, rotated["client_secret"])
	assert.NotEqual(t, c["client_secret"], rotated["client_secret"])
	assert.Equal(t, c["name"], rotated["name"])
	assert.Equal(t, rotated["client_secret"], do(t, h, "GET", path, tokMain, nil).obj(t)["client_secret"])
	// A body, as auth0-python sends, is ignored.
	require.Equal(t, 200, do(t, h, "POST", path+"/rotate-secret", tokMain, map[string]any{"id": c["client_id"]}).status)
	requireError(t, do(t, h, "POST", "/clients/nope/rotate-secret", tokMain, nil), 404, "inexistent_client")
}

// TestVisibility: secret-tier fields only for read:client_keys / read:client_credentials;
// config fields only for read:clients / read:client_keys.
func TestVisibility(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	c := createClient(t, h, map[string]any{"description": "d", "app_type": "spa", "encryption_key": map[string]any{"pub": "k"}})
	id := c["client_id"].(string)
	cases := []struct {
		token                 string
		secrets, config, summ bool
	}{
		{tokMain, true, true, true},
		{tokReadonly, false, true, true},
		{tokCredRead, true, false, true},
		{tokSummary, false, false, true},
	}
	for _, tc := range cases {
		t.Run(tc.token, func(t *testing.T) {
			one := do(t, h, "GET", "/clients/"+id, tc.token, nil).obj(t)
			var listed map[string]any
			for _, x := range do(t, h, "GET", "/clients", tc.token, nil).arr(t) {
				if x.(map[string]any)["client_id"] == id {
					listed = x.(map[string]any)
				}
			}
			require.NotNil(t, listed)
			for _, got := range []map[string]any{one, listed} {
				for _, f := range []string{"client_secret", "encryption_key", "signing_keys"} {
					assert.Equal(t, tc.secrets, got[f] != nil, f)
				}
				assert.Equal(t, tc.config, got["grant_types"] != nil, "grant_types")
				assert.Equal(t, tc.summ, got["name"] == c["name"] && got["app_type"] == "spa")
			}
		})
	}
}
