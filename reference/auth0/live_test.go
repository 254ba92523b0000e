package auth0

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/fixtures"
)

// Behaviour taken from recorded Auth0 traffic (replay_test.go checks it against the recordings;
// these pin it without them).

func TestNoContentIsLabelledJSON(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	id := createClient(t, h, map[string]any{})["client_id"].(string)
	for _, path := range []string{"/clients/" + id + "/credentials/cred_none", "/clients/" + id} {
		res := do(t, h, http.MethodDelete, path, tokMain, nil)
		require.Equal(t, http.StatusNoContent, res.status)
		assert.Equal(t, contentTypeJSON, res.header.Get("Content-Type"), path)
		assert.Empty(t, res.raw)
	}
}

func TestPatchMergesObjects(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	id := createClient(t, h, map[string]any{
		"mobile":              map[string]any{"ios": map[string]any{"team_id": "T1"}, "android": map[string]any{"app_package_name": "a"}},
		"native_social_login": map[string]any{"apple": map[string]any{"enabled": true}, "google": map[string]any{"enabled": true}},
		"session_transfer": map[string]any{"allow_refresh_token": true,
			"delegation": map[string]any{"allow_delegated_access": true}},
	})["client_id"].(string)
	got := do(t, h, http.MethodPatch, "/clients/"+id, tokMain, map[string]any{
		"mobile":              map[string]any{"android": map[string]any{"app_package_name": "b"}},
		"native_social_login": map[string]any{"google": map[string]any{"enabled": false}},
		"session_transfer":    map[string]any{"enforce_device_binding": "asn", "delegation": nil},
	}).obj(t)
	assert.Equal(t, map[string]any{"ios": map[string]any{"team_id": "T1"}, "android": map[string]any{"app_package_name": "b"}}, got["mobile"])
	assert.Equal(t, map[string]any{"apple": map[string]any{"enabled": true}, "google": map[string]any{"enabled": false}}, got["native_social_login"])
	st := got["session_transfer"].(map[string]any)
	assert.Equal(t, true, st["allow_refresh_token"], "unsent keys kept")
	assert.Equal(t, "asn", st["enforce_device_binding"])
	assert.NotContains(t, st, "delegation", "null removes a nested key")
}

func TestLiveCreateDefaults(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	cases := []struct {
		name string
		body map[string]any
		want map[string]any
	}{
		{"minimal", map[string]any{}, map[string]any{"async_approval_notification_channels": []any{"guardian-push"}}},
		{"resource server", map[string]any{"app_type": "resource_server", "resource_server_identifier": "https://api.example.com/"},
			map[string]any{"jwt_configuration": map[string]any{"secret_encoded": false, "alg": "RS256"}}},
		{"express configuration", map[string]any{"app_type": "express_configuration"}, map[string]any{
			"callbacks": []any{expressCallback}, "organization_usage": "require", "organization_require_behavior": "pre_login_prompt",
			"client_authentication_methods": map[string]any{"private_key_jwt": map[string]any{"credentials": []any{}}},
		}},
		{"third party", map[string]any{"is_first_party": false}, map[string]any{"third_party_security_mode": "permissive"}},
		{"session transfer filled", map[string]any{"session_transfer": map[string]any{"enforce_device_binding": "asn"}}, map[string]any{
			"session_transfer": map[string]any{"can_create_session_transfer_token": false, "allowed_authentication_methods": []any{},
				"enforce_device_binding": "asn", "allow_refresh_token": false, "enforce_online_refresh_tokens": true, "enforce_cascade_revocation": true},
		}},
		{"oidc_logout mirrored", map[string]any{"oidc_logout": map[string]any{"backchannel_logout_urls": []any{"https://a.example/logout"}}},
			map[string]any{"oidc_backchannel_logout": map[string]any{"backchannel_logout_urls": []any{"https://a.example/logout"}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := createClient(t, h, tc.body)
			for k, v := range tc.want {
				assert.Equal(t, v, got[k], k)
			}
		})
	}
}

func TestFieldsIncludeTenant(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	id := createClient(t, h, map[string]any{})["client_id"].(string)
	got := do(t, h, http.MethodGet, "/clients/"+id+"?fields=client_id&include_fields=true", tokMain, nil).obj(t)
	assert.Equal(t, map[string]any{"client_id": id, "tenant": "tnt-test"}, got)
}

// TestCredentialDerivedValues: the kid of a public key is its RFC 7638 thumbprint whether the
// key comes bare or in a certificate, and a cert_subject_dn given as a certificate takes its
// subject, one attribute per line, without its expiry.
func TestCredentialDerivedValues(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	id := createClient(t, h, map[string]any{})["client_id"].(string)
	pub, err := fixtures.PEM("test-key-1.pub.pem")
	require.NoError(t, err)
	cert, err := fixtures.PEM("test-key-1.cert.pem")
	require.NoError(t, err)
	want, err := jwkThumbprint(pub)
	require.NoError(t, err)
	base := "/clients/" + id + "/credentials"
	for _, material := range []string{pub, cert} {
		c := do(t, h, http.MethodPost, base, tokMain, map[string]any{"credential_type": "public_key", "pem": material}).obj(t)
		assert.Equal(t, want, c["kid"])
	}
	dn := do(t, h, http.MethodPost, base, tokMain, map[string]any{"credential_type": "cert_subject_dn", "pem": cert}).obj(t)
	assert.NotContains(t, dn, "expires_at")
	assert.Regexp(t, `^[A-Z]+=[^\n]+(\n[A-Z]+=[^\n]+)*$`, dn["subject_dn"])
}
