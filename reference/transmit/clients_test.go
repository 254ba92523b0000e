package transmit

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthOrder(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	main := s.mustCreate("main", oidcBody("auth-order"))
	id := main["client_id"].(string)
	for _, tc := range []struct {
		name, auth, method, path string
		body                     any
		want                     int
	}{
		{"no header", "", "GET", "/v1/clients", nil, 401},
		{"basic scheme with a valid token", "Basic " + strings.TrimPrefix(s.token("main"), "Bearer "), "GET", "/v1/clients", nil, 401},
		{"unknown token", "Bearer nope", "GET", "/v1/clients", nil, 401},
		{"empty bearer", "Bearer ", "GET", "/v1/clients", nil, 401},
		{"no token beats bad body", "", "POST", "/v1/clients", "{bad", 401},
		{"lowercase scheme is fine", "bearer " + strings.TrimPrefix(s.token("main"), "Bearer "), "GET", "/v1/clients", nil, 200},
		{"noperm read", s.token("noperm"), "GET", "/v1/clients", nil, 403},
		{"noperm beats unknown id", s.token("noperm"), "GET", "/v1/clients/unknown", nil, 403},
		{"noperm beats bad body", s.token("noperm"), "POST", "/v1/clients", "{bad", 403},
		{"readonly cannot create", s.token("readonly"), "POST", "/v1/clients", oidcBody("ro"), 403},
		{"readonly cannot delete", s.token("readonly"), "DELETE", "/v1/clients/" + id, nil, 403},
		{"readonly reads", s.token("readonly"), "GET", "/v1/clients/" + id, nil, 200},
		{"admin token on /v1/clients", s.token("admin"), "GET", "/v1/clients", nil, 403},
		{"other app's client is not there", s.token("other"), "GET", "/v1/clients/" + id, nil, 404},
		{"405 with a token", s.token("main"), "PATCH", "/v1/clients", nil, 405},
		{"405 on an item", s.token("main"), "POST", "/v1/clients/" + id, nil, 405},
		{"405 without a token is 401", "", "PATCH", "/v1/clients", nil, 401},
		{"unknown path", s.token("main"), "GET", "/v1/nothing", nil, 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.doAuth(tc.auth, tc.method, tc.path, tc.body)
			require.Equal(t, tc.want, r.status, "%s", r.raw)
			if tc.want >= 400 {
				assertErrorBody(t, r)
			}
			if tc.want == 401 {
				assert.True(t, strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer"), "WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
			}
			if tc.want == 405 {
				assert.NotEmpty(t, r.header.Get("Allow"))
			}
		})
	}
}

func assertErrorBody(t *testing.T, r resp) {
	t.Helper()
	assert.Equal(t, "application/json", r.header.Get("Content-Type"))
	m := r.obj()
	require.NotNil(t, m, "error body %s", r.raw)
	assert.EqualValues(t, r.status, m["error_code"])
	assert.IsType(t, "", m["message"])
	if r.status == http.StatusConflict {
		assert.IsType(t, "", m["ts_error_code"])
		assert.NotEmpty(t, m["ts_error_code"])
	}
}

func TestCreateDefaultsAndShape(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	body := with(oidcBody("defaults"), map[string]any{
		"is_third_party": true, "allowed_scopes": []any{"openid"}, "consent_uri": "https://x.example/c",
		"consent_validity_period": 30, "role_ids": []any{"r1"}, "surprise": "ignored",
	})
	c := s.mustCreate("main", body)
	for k, v := range map[string]any{
		"client_type": "web", "token_endpoint_auth_method": "client_secret_basic", "authentication_protocol": "oidc",
		"short_cookies_samesite_type": "lax", "app_id": "app-main", "tenant_id": "tnt-reference",
		"description": "", "client_group_id": "", "enforce_par": false, "fapi_version_compliancy": false,
	} {
		assert.Equal(t, v, c[k], k)
	}
	assert.Equal(t, []any{"code", "id_token"}, c["response_types"])
	assert.Equal(t, map[string]any{"enabled": false, "approval_uri": "", "success_uri": "", "input_uri": ""}, c["device_authorization"])
	assert.Equal(t, map[string]any{"enabled": false}, c["ciba_authorization"])
	assert.IsType(t, float64(0), c["session_expiration"])
	for _, k := range []string{"is_third_party", "allowed_scopes", "consent_uri", "consent_validity_period", "role_ids", "surprise"} {
		assert.NotContains(t, c, k)
	}
	assert.NotEmpty(t, c["client_id"])
	assert.NotEmpty(t, c["client_secret"])
	assert.Equal(t, c["created_at"], c["updated_at"])
	_, err := time.Parse(time.RFC3339, c["created_at"].(string))
	assert.NoError(t, err)
	other := s.mustCreate("main", oidcBody("defaults 2"))
	assert.NotEqual(t, c["client_id"], other["client_id"])

	saml := s.mustCreate("main", samlBody("saml"))
	assert.Equal(t, "saml", saml["authentication_protocol"])
	for _, k := range []string{"sp_acs_url", "sp_entity_id", "metadata_url", "sso_url", "entity_id", "x509_certificate", "sp_name_id_type", "sign_assertion", "optional_acs_url"} {
		assert.Contains(t, saml, k)
	}
	for _, k := range []string{"redirect_uris", "client_type", "response_types", "device_authorization"} {
		assert.NotContains(t, saml, k)
	}
	assert.Equal(t, "lax", saml["short_cookies_samesite_type"])
}

func TestCreateValidation(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	base := oidcBody("valid")
	for _, tc := range []struct {
		name string
		body any
	}{
		{"malformed JSON", `{"name": "x",`},
		{"not an object", `["x"]`},
		{"empty body", ""},
		{"trailing data", `{"name":"x","redirect_uris":["https://a.example/cb"]} {}`},
		{"missing name", with(base, map[string]any{"name": nil})},
		{"missing redirect_uris", with(base, map[string]any{"redirect_uris": nil})},
		{"empty name", with(base, map[string]any{"name": ""})},
		{"empty redirect_uris", with(base, map[string]any{"redirect_uris": []any{}})},
		{"relative redirect", with(base, map[string]any{"redirect_uris": []any{"/cb"}})},
		{"no scheme redirect", with(base, map[string]any{"redirect_uris": []any{"shop.example.com/cb"}})},
		{"name wrong type", with(base, map[string]any{"name": 5})},
		{"bool as string", with(base, map[string]any{"enforce_par": "true"})},
		{"number as string", with(base, map[string]any{"session_expiration": "3600"})},
		{"list as string", with(base, map[string]any{"redirect_uris": "https://a.example/cb"})},
		{"null value", with(base, map[string]any{"description": "NULL"})},
		{"bad client_type", with(base, map[string]any{"client_type": "spa"})},
		{"bad claim", with(base, map[string]any{"default_custom_claims": []any{"shoe_size"}})},
		{"bad samesite", with(base, map[string]any{"short_cookies_samesite_type": "strict"})},
		{"bad response type", with(base, map[string]any{"response_types": []any{"none"}})},
		{"bad prompt", with(base, map[string]any{"supported_prompts": []any{"select_account"}})},
		{"bad pkce", with(base, map[string]any{"pkce": "always"})},
		{"bad auth method", with(base, map[string]any{"token_endpoint_auth_method": "client_secret_post"})},
		{"none in configuration method", with(base, map[string]any{"authentication_configuration": map[string]any{"method": "none"}})},
		{"bad protocol", with(base, map[string]any{"authentication_protocol": "ws-fed"})},
		{"device_authorization incomplete", with(base, map[string]any{"device_authorization": map[string]any{"enabled": true}})},
		{"ciba without enabled", with(base, map[string]any{"ciba_authorization": map[string]any{"login_uri": "https://a.example/l"}})},
		{"saml without sp_entity_id", map[string]any{"name": "s", "authentication_protocol": "saml"}},
		{"bad sp_name_id_type", with(samlBody("s"), map[string]any{"sp_name_id_type": "upn"})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.body
			if m, ok := body.(map[string]any); ok && m["description"] == "NULL" {
				body = `{"name":"n","redirect_uris":["https://a.example/cb"],"description":null}`
			}
			r := s.do("main", "POST", "/v1/clients", body)
			require.Equal(t, http.StatusBadRequest, r.status, "%s", r.raw)
			assertErrorBody(t, r)
		})
	}
	for _, ok := range []map[string]any{
		with(base, map[string]any{"name": "native", "client_type": "native", "redirect_uris": []any{"com.example.app:/cb"}}),
		with(base, map[string]any{"name": "claims", "default_custom_claims": specClaims(t), "default_user_info_claims": []any{"ai_actor"}}),
		with(base, map[string]any{"name": "methods", "token_endpoint_auth_method": "private_key_jwt", "authentication_configuration": map[string]any{"method": "tls_client_auth"}}),
		with(base, map[string]any{"name": "nested unknown", "ciba_authorization": map[string]any{"enabled": true, "extra": 1}}),
	} {
		r := s.do("main", "POST", "/v1/clients", ok)
		assert.Equal(t, http.StatusCreated, r.status, "%v: %s", ok["name"], r.raw)
	}
}

func TestNameConflicts(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	a := s.mustCreate("main", oidcBody("taken"))
	b := s.mustCreate("main", oidcBody("free"))
	r := s.do("main", "POST", "/v1/clients", oidcBody("taken"))
	require.Equal(t, http.StatusConflict, r.status)
	assertErrorBody(t, r)
	assert.Equal(t, http.StatusConflict, s.do("main", "POST", "/v1/clients", samlBody("Main default client")).status, "the default client's name is taken too")
	assert.Equal(t, http.StatusCreated, s.do("main", "POST", "/v1/clients", oidcBody("Taken")).status, "names are compared exactly")
	assert.Equal(t, http.StatusCreated, s.do("other", "POST", "/v1/clients", oidcBody("taken")).status, "names are unique per app")
	r = s.do("main", "PUT", "/v1/clients/"+b["client_id"].(string), map[string]any{"name": "taken"})
	require.Equal(t, http.StatusConflict, r.status)
	assertErrorBody(t, r)
	assert.Equal(t, http.StatusOK, s.do("main", "PUT", "/v1/clients/"+a["client_id"].(string), map[string]any{"name": "taken"}).status, "keeping one's own name")
}

func TestPutSemantics(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	c := s.mustCreate("main", with(oidcBody("put"), map[string]any{
		"description":          "before",
		"device_authorization": map[string]any{"enabled": true, "approval_uri": "https://a.example/a", "success_uri": "https://a.example/s", "input_uri": "https://a.example/i"},
		"token_expiration":     map[string]any{"access_token_ttl": 60, "refresh_token_ttl": 600},
	}))
	path := "/v1/clients/" + c["client_id"].(string)
	r := s.do("main", "PUT", path, map[string]any{
		"token_expiration":        map[string]any{"max_refresh_rotate": 3},
		"authentication_protocol": "saml", // not in the update schema: ignored
		"client_id":               "stolen",
	})
	require.Equal(t, http.StatusOK, r.status, "%s", r.raw)
	u := r.obj()
	assert.Equal(t, map[string]any{"max_refresh_rotate": float64(3)}, u["token_expiration"], "objects are replaced whole")
	assert.Equal(t, "before", u["description"], "omitted fields are kept")
	assert.Equal(t, c["device_authorization"], u["device_authorization"])
	assert.Equal(t, "oidc", u["authentication_protocol"])
	for _, k := range []string{"client_id", "client_secret", "created_at"} {
		assert.Equal(t, c[k], u[k], k)
	}
	before, _ := time.Parse(time.RFC3339, c["updated_at"].(string))
	after, _ := time.Parse(time.RFC3339, u["updated_at"].(string))
	assert.True(t, after.After(before), "updated_at %s must be later than %s", after, before)
	assert.Equal(t, u, s.do("main", "GET", path, nil).obj(), "PUT persists")
	assert.Equal(t, http.StatusBadRequest, s.do("main", "PUT", path, map[string]any{"name": ""}).status)
	assert.Equal(t, http.StatusBadRequest, s.do("main", "PUT", path, map[string]any{"redirect_uris": []any{}}).status)
	assert.Equal(t, http.StatusBadRequest, s.do("main", "PUT", path, map[string]any{"device_authorization": map[string]any{"enabled": false}}).status)

	// Fast back-to-back writes still advance updated_at.
	prev := after
	for i := 0; i < 5; i++ {
		r := s.do("main", "PUT", path, map[string]any{"description": "again"})
		next, err := time.Parse(time.RFC3339, r.obj()["updated_at"].(string))
		require.NoError(t, err)
		require.True(t, next.After(prev))
		prev = next
	}
}

func TestResources(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	c := s.mustCreate("main", with(oidcBody("res"), map[string]any{"resources": []any{"r0"}}))
	path := "/v1/clients/" + c["client_id"].(string) + "/resources"
	r := s.do("main", "PUT", path, map[string]any{"resource_ids": []any{"r1", "r2"}})
	require.Equal(t, http.StatusOK, r.status, "%s", r.raw)
	assert.Equal(t, []any{"r1", "r2"}, r.obj()["resources"])
	assert.Equal(t, http.StatusBadRequest, s.do("main", "PUT", path, map[string]any{"ids": []any{"r1"}}).status)
	assert.Equal(t, http.StatusNotFound, s.do("main", "PUT", "/v1/clients/nope/resources", map[string]any{"resource_ids": []any{}}).status)
}

func TestDeleteThenNotFound(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	c := s.mustCreate("main", oidcBody("doomed"))
	path := "/v1/clients/" + c["client_id"].(string)
	r := s.do("main", "DELETE", path, nil)
	require.Equal(t, http.StatusNoContent, r.status)
	assert.Empty(t, r.raw)
	assert.Equal(t, http.StatusNotFound, s.do("main", "GET", path, nil).status)
	assert.Equal(t, http.StatusNotFound, s.do("main", "PUT", path, map[string]any{"description": "x"}).status)
	assert.Equal(t, http.StatusNotFound, s.do("main", "DELETE", path, nil).status)
	assert.Equal(t, http.StatusNotFound, s.do("main", "PUT", path+"/resources", map[string]any{"resource_ids": []any{}}).status)
	for _, cl := range s.do("main", "GET", "/v1/clients", nil).list() {
		assert.NotEqual(t, c["client_id"], cl.(map[string]any)["client_id"])
	}
}

func TestCollectionDeleteAndList(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	s.mustCreate("main", oidcBody("one"))
	s.mustCreate("main", samlBody("two"))
	list := s.do("main", "GET", "/v1/clients", nil)
	require.Equal(t, http.StatusOK, list.status)
	assert.Len(t, list.list(), 3, "default client + two")
	otherBefore := len(s.do("other", "GET", "/v1/clients", nil).list())
	require.Equal(t, http.StatusNoContent, s.do("main", "DELETE", "/v1/clients", nil).status)
	assert.Empty(t, s.do("main", "GET", "/v1/clients", nil).list())
	assert.Len(t, s.do("other", "GET", "/v1/clients", nil).list(), otherBefore, "another app is never touched")
	assert.Equal(t, http.StatusNoContent, s.do("main", "DELETE", "/v1/clients", nil).status, "an empty app answers 204")
	assert.Equal(t, http.StatusCreated, s.do("main", "POST", "/v1/clients", oidcBody("again")).status)
}
