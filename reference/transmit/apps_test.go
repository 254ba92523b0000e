package transmit

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func appBody(name string) map[string]any {
	return map[string]any{"app_name": name, "client_display_name": name + " default"}
}

// mustCreateApp creates an app with the admin token and returns the unwrapped app.
func (s *ts) mustCreateApp(body map[string]any) map[string]any {
	s.t.Helper()
	r := s.do("admin", "POST", "/v1/applications", body)
	require.Equal(s.t, http.StatusCreated, r.status, "%s", r.raw)
	app, ok := r.result().(map[string]any)
	require.True(s.t, ok, "envelope: %s", r.raw)
	return app
}

func TestCreateAppDefaultsAndDefaultClient(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	app := s.mustCreateApp(with(appBody("demo"), map[string]any{"redirect_uris": []any{"https://demo.example/cb"}}))
	for k, v := range map[string]any{
		"allow_public_signup": false, "invite_member_email_expiration_minutes": float64(2880),
		"signing_key_enabled": false, "client_type": "web", "client_auth_method": "client_secret_basic",
		"tenant_id": "tnt-reference", "client_display_name": "demo default", "logo": "",
	} {
		assert.Equal(t, v, app[k], k)
	}
	assert.Equal(t, map[string]any{"language": "en"}, app["external_communication"])
	assert.Equal(t, map[string]any{"is_centralized": false, "login_uri": ""}, app["authenticator_preferences"])
	assert.Equal(t, map[string]any{
		"invalidateOnMemberSuspension": true, "invalidateOnMemberPasswordReset": true, "invalidateOnMemberRoleUpdate": true,
	}, app["refresh_token_invalidation_trigger_configuration"])
	appID := app["app_id"].(string)
	clients := s.do("admin", "GET", "/v1/applications/"+appID+"/clients", nil)
	require.Equal(t, http.StatusOK, clients.status, "%s", clients.raw)
	require.Len(t, clients.list(), 1)
	def := clients.list()[0].(map[string]any)
	assert.Equal(t, "demo default", def["name"])
	assert.Equal(t, app["client_id"], def["client_id"])
	assert.Equal(t, []any{"https://demo.example/cb"}, def["redirect_uris"])

	assert.Equal(t, http.StatusConflict, s.do("admin", "POST", "/v1/applications", appBody("demo")).status)
	assert.Equal(t, http.StatusBadRequest, s.do("admin", "POST", "/v1/applications", map[string]any{"app_name": "x"}).status)
	assert.Equal(t, http.StatusBadRequest, s.do("admin", "POST", "/v1/applications", map[string]any{"client_display_name": "x"}).status)
	// external_communication is output only: ignored in a create body, the default stays.
	lang := s.mustCreateApp(with(appBody("lang"), map[string]any{"external_communication": map[string]any{"language": "de"}}))
	assert.Equal(t, map[string]any{"language": "en"}, lang["external_communication"])

	first := s.mustCreateApp(with(appBody("saml first"), map[string]any{
		"first_client_authentication_protocol": "saml", "first_client": map[string]any{"sp_entity_id": "https://sp.example/m"},
	}))
	fc := s.do("admin", "GET", "/v1/applications/"+first["app_id"].(string)+"/clients/"+first["client_id"].(string), nil)
	require.Equal(t, http.StatusOK, fc.status, "%s", fc.raw)
	assert.Equal(t, "saml", fc.obj()["authentication_protocol"])
	assert.Equal(t, "saml first default", fc.obj()["name"])
}

func TestAppScopeAndRoutes(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	for _, tc := range []struct {
		name, role, method, path string
		want                     int
	}{
		{"client token, own app", "main", "GET", "/v1/applications/app-main", 200},
		{"client token, other existing app", "main", "GET", "/v1/applications/app-other", 403},
		{"client token, unknown app", "main", "GET", "/v1/applications/app-nope", 403},
		{"client token, other app's clients", "main", "GET", "/v1/applications/app-other/clients", 403},
		{"client token, unknown app's clients", "main", "POST", "/v1/applications/app-nope/clients", 403},
		{"admin, any app", "admin", "GET", "/v1/applications/app-other", 200},
		{"admin, any app's clients", "admin", "GET", "/v1/applications/app-other/clients", 200},
		{"admin, unknown app", "admin", "GET", "/v1/applications/app-nope", 404},
		{"admin, unknown app's clients", "admin", "GET", "/v1/applications/app-nope/clients", 404},
		{"admin, unknown client", "admin", "GET", "/v1/applications/app-main/clients/nope", 404},
		{"list literal", "main", "GET", "/v1/applications/list", 200},
		{"noperm cannot list", "noperm", "GET", "/v1/applications/list", 403},
		{"noperm cannot get all", "noperm", "GET", "/v1/applications", 403},
		{"signing-keys literal", "main", "GET", "/v1/applications/signing-keys", 200},
		{"signing-keys literal beats appId: 405", "main", "DELETE", "/v1/applications/signing-keys", 405},
		{"signing-keys/{id} beats {appId}/clients", "main", "DELETE", "/v1/applications/signing-keys/clients", 404},
		{"admin on signing keys", "admin", "GET", "/v1/applications/signing-keys", 403},
		{"405 on app", "main", "POST", "/v1/applications/app-main", 405},
		{"405 on list", "main", "POST", "/v1/applications/list", 405},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(tc.role, tc.method, tc.path, nil)
			require.Equal(t, tc.want, r.status, "%s", r.raw)
			if tc.want >= 400 {
				assertErrorBody(t, r)
			}
		})
	}
	all := s.do("admin", "GET", "/v1/applications", nil)
	assert.Len(t, all.result(), 2)
	own := s.do("main", "GET", "/v1/applications", nil)
	require.Len(t, own.result(), 1)
	assert.Equal(t, "app-main", own.result().([]any)[0].(map[string]any)["app_id"])
	assert.NotContains(t, own.result().([]any)[0], "logo")
	basic := s.do("other", "GET", "/v1/applications/list", nil)
	require.Len(t, basic.result(), 1)
	assert.Equal(t, "app-other", basic.result().([]any)[0].(map[string]any)["app_id"])
}

func TestAppClientsShareTheStore(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	r := s.do("admin", "POST", "/v1/applications/app-main/clients", oidcBody("via app"))
	require.Equal(t, http.StatusCreated, r.status, "%s", r.raw)
	assert.NotContains(t, r.obj(), "result", "app-client bodies are bare")
	id := r.obj()["client_id"].(string)
	assert.Equal(t, http.StatusOK, s.do("main", "GET", "/v1/clients/"+id, nil).status)
	assert.Equal(t, http.StatusConflict, s.do("main", "POST", "/v1/clients", oidcBody("via app")).status)
	assert.Equal(t, http.StatusNotFound, s.do("admin", "GET", "/v1/applications/app-other/clients/"+id, nil).status)
	u := s.do("main", "PUT", "/v1/applications/app-main/clients/"+id+"/resources", map[string]any{"resource_ids": []any{"x"}})
	require.Equal(t, http.StatusOK, u.status, "%s", u.raw)
	assert.Equal(t, []any{"x"}, u.obj()["resources"])
	require.Equal(t, http.StatusNoContent, s.do("admin", "DELETE", "/v1/applications/app-main/clients/"+id, nil).status)
	assert.Equal(t, http.StatusNotFound, s.do("main", "GET", "/v1/clients/"+id, nil).status)
}

func TestAppUpdateAndDelete(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	app := s.mustCreateApp(with(appBody("upd"), map[string]any{
		"external_communication": map[string]any{"language": "fr"}, "app_description": "kept",
	}))
	path := "/v1/applications/" + app["app_id"].(string)
	r := s.do("admin", "PUT", path, map[string]any{"refresh_token_invalidation_trigger_configuration": map[string]any{"invalidateOnMemberSuspension": false}, "client_display_name": "renamed"})
	require.Equal(t, http.StatusOK, r.status, "%s", r.raw)
	u := r.result().(map[string]any)
	assert.Equal(t, map[string]any{"invalidateOnMemberSuspension": false}, u["refresh_token_invalidation_trigger_configuration"])
	assert.Equal(t, "kept", u["app_description"])
	assert.Equal(t, map[string]any{"language": "en"}, u["external_communication"], "output only: ignored on create")
	r = s.do("admin", "PUT", path, map[string]any{"external_communication": map[string]any{"language": "ja"}})
	require.Equal(t, http.StatusOK, r.status, "%s", r.raw)
	assert.Equal(t, map[string]any{"language": "en"}, r.result().(map[string]any)["external_communication"], "output only: ignored on update")
	assert.Equal(t, "renamed", u["client_display_name"])
	assert.Equal(t, app["created_at"], u["created_at"])
	assert.NotEqual(t, app["updated_at"], u["updated_at"])
	assert.Equal(t, http.StatusConflict, s.do("admin", "PUT", path, map[string]any{"app_name": "Reference main app"}).status)
	assert.Equal(t, http.StatusBadRequest, s.do("admin", "PUT", path, map[string]any{"allow_public_signup": "yes"}).status)

	res := s.do("admin", "PUT", path+"/resources", map[string]any{"resource_ids": []any{"r1"}})
	require.Equal(t, http.StatusOK, res.status, "%s", res.raw)
	assert.Equal(t, []any{"r1"}, res.result().(map[string]any)["resources"])

	require.Equal(t, http.StatusNoContent, s.do("admin", "DELETE", path, nil).status)
	assert.Equal(t, http.StatusNotFound, s.do("admin", "GET", path, nil).status)
	assert.Equal(t, http.StatusNotFound, s.do("admin", "GET", path+"/clients/"+app["client_id"].(string), nil).status)
	assert.Equal(t, http.StatusNotFound, s.do("admin", "DELETE", path, nil).status)

	// Deleting a fixture app makes its tokens unknown.
	require.Equal(t, http.StatusNoContent, s.do("admin", "DELETE", "/v1/applications/app-other", nil).status)
	r = s.do("other", "GET", "/v1/clients", nil)
	assert.Equal(t, http.StatusUnauthorized, r.status)
	assert.Equal(t, http.StatusOK, s.do("main", "GET", "/v1/clients", nil).status)
}

func TestSigningKeys(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	r := s.do("main", "POST", "/v1/applications/signing-keys", map[string]any{"name": "k1"})
	require.Equal(t, http.StatusCreated, r.status, "%s", r.raw)
	k := r.obj()
	assert.Equal(t, "validating", k["status"])
	assert.Equal(t, "mosaic", k["source"])
	assert.Equal(t, "app-main", k["app_id"])
	assert.Contains(t, k, "deleted_at")
	up := s.do("main", "POST", "/v1/applications/signing-keys/upload", map[string]any{"name": "k2", "jwk": map[string]any{"kty": "EC", "kid": "my-kid"}})
	require.Equal(t, http.StatusCreated, up.status, "%s", up.raw)
	assert.Equal(t, "uploaded", up.obj()["source"])
	assert.Equal(t, "my-kid", up.obj()["kid"])
	assert.Equal(t, http.StatusConflict, s.do("main", "POST", "/v1/applications/signing-keys", map[string]any{"name": "k1"}).status)
	assert.Equal(t, http.StatusCreated, s.do("other", "POST", "/v1/applications/signing-keys", map[string]any{"name": "k1"}).status, "names are per app")
	assert.Equal(t, http.StatusBadRequest, s.do("main", "POST", "/v1/applications/signing-keys/upload", map[string]any{"name": "k3"}).status)
	assert.Equal(t, http.StatusBadRequest, s.do("main", "POST", "/v1/applications/signing-keys", map[string]any{}).status)
	assert.Len(t, s.do("main", "GET", "/v1/applications/signing-keys", nil).list(), 2)

	path := "/v1/applications/signing-keys/" + k["id"].(string)
	u := s.do("main", "PUT", path, map[string]any{"status": "signing", "name": "k1b"})
	require.Equal(t, http.StatusOK, u.status, "%s", u.raw)
	assert.Equal(t, "signing", u.obj()["status"])
	assert.Equal(t, "k1b", u.obj()["name"])
	assert.Equal(t, http.StatusBadRequest, s.do("main", "PUT", path, map[string]any{"status": "active"}).status)
	assert.Equal(t, http.StatusConflict, s.do("main", "PUT", path, map[string]any{"name": "k2"}).status)
	assert.Equal(t, http.StatusNotFound, s.do("other", "PUT", path, map[string]any{"name": "x"}).status, "another app's key")
	assert.Equal(t, http.StatusNotFound, s.do("main", "PUT", "/v1/applications/signing-keys/nope", map[string]any{"name": "x"}).status)
	require.Equal(t, http.StatusNoContent, s.do("main", "DELETE", path, nil).status)
	assert.Equal(t, http.StatusNotFound, s.do("main", "DELETE", path, nil).status)
}
