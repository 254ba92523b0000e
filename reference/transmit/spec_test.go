package transmit

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/specs"
)

// loadSpec loads a surface's document; the specs are written in parallel, so a missing one skips.
func loadSpec(t *testing.T, surface string) *openapi3.T {
	t.Helper()
	name, ok := specs.File(surface)
	require.True(t, ok)
	data, err := fs.ReadFile(specs.FS, name)
	if err != nil {
		t.Skipf("spec of %s not readable: %v", surface, err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	require.NoError(t, err)
	require.NoError(t, doc.Validate(context.Background()))
	return doc
}

// checkAgainstSpec validates one response with the options the suite's engine uses: documented
// status, content type, schema, and `uri`/`date-time` formats.
func checkAgainstSpec(t *testing.T, doc *openapi3.T, method, template string, r resp) {
	t.Helper()
	item := doc.Paths.Value(template)
	require.NotNil(t, item, "path %s", template)
	op := item.GetOperation(method)
	require.NotNil(t, op, "%s %s", method, template)
	route := &routers.Route{Spec: doc, Path: template, PathItem: item, Method: method, Operation: op}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: httptest.NewRequest(method, "https://api.sbx.transmitsecurity.io/cis"+template, nil),
			Route:   route,
		},
		Status: r.status,
		Header: r.header,
		Options: &openapi3filter.Options{
			MultiError:            true,
			IncludeResponseStatus: true,
			SchemaValidationOptions: []openapi3.SchemaValidationOption{
				openapi3.WithStringFormatValidator("uri", openapi3.NewCallbackValidator(func(s string) error {
					if u, err := url.Parse(s); err != nil || u.Scheme == "" {
						return fmt.Errorf("not an absolute URI")
					}
					return nil
				})),
			},
		},
	}
	in.SetBodyBytes(r.raw)
	assert.NoError(t, openapi3filter.ValidateResponse(context.Background(), in), "%s %s → %d %s", method, template, r.status, r.raw)
}

// TestResponsesMatchSpecs drives every documented operation through success and error paths
// and validates each response against the surface's OpenAPI document.
func TestResponsesMatchSpecs(t *testing.T) {
	t.Parallel()
	s := newTS(t)
	full := with(oidcBody("full"), map[string]any{
		"description": "d", "resources": []any{"r"}, "client_group_id": "g", "default_custom_claims": []any{"email"},
		"default_user_info_claims": []any{"roles"}, "sync_id_token_claims_to_userinfo": false, "client_type": "native",
		"response_types": []any{"code"}, "pkce": "allowPkceAlongsideClientCredentials", "supported_prompts": []any{"login"},
		"device_authorization": map[string]any{"enabled": true, "approval_uri": "a", "success_uri": "b", "input_uri": "c"},
		"ciba_authorization":   map[string]any{"enabled": true, "login_uri": "https://c.example/l"},
		"authentication_configuration": map[string]any{"method": "private_key_jwt", "isMtlsCertTokenBound": true,
			"jwks": map[string]any{"keys": []any{}}, "tls_client_auth": map[string]any{"distinguished_name": 6, "ocsp_on": true}},
		"id_token_encryption": map[string]any{"enabled": true, "jwks": map[string]any{"keys": []any{}}},
		"token_expiration":    map[string]any{"access_token_ttl": 60}, "session_expiration": 3600, "enforce_par": true,
		"fapi_version_compliancy": true,
	})
	oidc := s.mustCreate("main", full)
	saml := s.mustCreate("main", with(samlBody("saml"), map[string]any{"sp_acs_url": "https://sp.example/acs", "sign_assertion": true}))
	oid, sid := oidc["client_id"].(string), saml["client_id"].(string)

	type call struct {
		role, method, path, template string
		body                         any
	}
	clients := []call{
		{"main", "POST", "/v1/clients", "/v1/clients", oidcBody("spec oidc")},
		{"main", "POST", "/v1/clients", "/v1/clients", samlBody("spec saml")},
		{"main", "POST", "/v1/clients", "/v1/clients", oidcBody("full")},
		{"main", "POST", "/v1/clients", "/v1/clients", "{"},
		{"", "POST", "/v1/clients", "/v1/clients", oidcBody("x")},
		{"noperm", "POST", "/v1/clients", "/v1/clients", oidcBody("x")},
		{"main", "GET", "/v1/clients", "/v1/clients", nil},
		{"main", "GET", "/v1/clients/" + oid, "/v1/clients/{clientId}", nil},
		{"main", "GET", "/v1/clients/" + sid, "/v1/clients/{clientId}", nil},
		{"main", "GET", "/v1/clients/nope", "/v1/clients/{clientId}", nil},
		{"main", "PUT", "/v1/clients/" + oid, "/v1/clients/{clientId}", map[string]any{"description": "e"}},
		{"main", "PUT", "/v1/clients/" + sid, "/v1/clients/{clientId}", map[string]any{"sp_name_id_type": "username"}},
		{"main", "PUT", "/v1/clients/" + sid, "/v1/clients/{clientId}", map[string]any{"name": "full"}},
		{"main", "PUT", "/v1/clients/" + oid + "/resources", "/v1/clients/{clientId}/resources", map[string]any{"resource_ids": []any{"a"}}},
		{"main", "PUT", "/v1/clients/" + oid + "/resources", "/v1/clients/{clientId}/resources", map[string]any{}},
		{"main", "DELETE", "/v1/clients/" + oid, "/v1/clients/{clientId}", nil},
		{"main", "DELETE", "/v1/clients/" + oid, "/v1/clients/{clientId}", nil},
		{"admin", "DELETE", "/v1/clients", "/v1/clients", nil},
	}
	doc := loadSpec(t, "clients")
	for _, c := range clients {
		checkAgainstSpec(t, doc, c.method, c.template, s.do(c.role, c.method, c.path, c.body))
	}

	apps := []call{
		{"admin", "POST", "/v1/applications", "/v1/applications", with(appBody("spec app"), map[string]any{"custom_domain": "login.example.com", "logo": "https://l.example/logo.png"})},
		{"admin", "POST", "/v1/applications", "/v1/applications", appBody("spec app")},
		{"main", "GET", "/v1/applications", "/v1/applications", nil},
		{"admin", "GET", "/v1/applications", "/v1/applications", nil},
		{"admin", "GET", "/v1/applications/list", "/v1/applications/list", nil},
		{"main", "GET", "/v1/applications/app-main", "/v1/applications/{appId}", nil},
		{"main", "GET", "/v1/applications/app-other", "/v1/applications/{appId}", nil},
		{"main", "PUT", "/v1/applications/app-main", "/v1/applications/{appId}", map[string]any{"app_description": "x", "custom_domain": "a.example.com"}},
		{"main", "PUT", "/v1/applications/app-main/resources", "/v1/applications/{appId}/resources", map[string]any{"resource_ids": []any{"r"}}},
		{"admin", "POST", "/v1/applications/app-main/clients", "/v1/applications/{appId}/clients", oidcBody("app client")},
		{"admin", "POST", "/v1/applications/app-nope/clients", "/v1/applications/{appId}/clients", oidcBody("app client")},
		{"admin", "GET", "/v1/applications/app-main/clients", "/v1/applications/{appId}/clients", nil},
		{"admin", "GET", "/v1/applications/app-main/clients/" + sid, "/v1/applications/{appId}/clients/{clientId}", nil},
		{"admin", "PUT", "/v1/applications/app-main/clients/" + sid, "/v1/applications/{appId}/clients/{clientId}", map[string]any{"description": "z"}},
		{"admin", "PUT", "/v1/applications/app-main/clients/" + sid + "/resources", "/v1/applications/{appId}/clients/{clientId}/resources", map[string]any{"resource_ids": []any{}}},
		{"main", "POST", "/v1/applications/signing-keys", "/v1/applications/signing-keys", map[string]any{"name": "k"}},
		{"main", "POST", "/v1/applications/signing-keys", "/v1/applications/signing-keys", map[string]any{"name": "k"}},
		{"main", "POST", "/v1/applications/signing-keys/upload", "/v1/applications/signing-keys/upload", map[string]any{"name": "u", "jwk": map[string]any{"kty": "RSA"}}},
		{"main", "GET", "/v1/applications/signing-keys", "/v1/applications/signing-keys", nil},
		{"main", "PUT", "/v1/applications/signing-keys/nope", "/v1/applications/signing-keys/{id}", map[string]any{"name": "x"}},
		{"main", "DELETE", "/v1/applications/signing-keys/nope", "/v1/applications/signing-keys/{id}", nil},
		{"admin", "DELETE", "/v1/applications/app-main/clients/" + sid, "/v1/applications/{appId}/clients/{clientId}", nil},
		{"admin", "DELETE", "/v1/applications/app-main/clients", "/v1/applications/{appId}/clients", nil},
		{"", "DELETE", "/v1/applications/app-other", "/v1/applications/{appId}", nil},
		{"admin", "DELETE", "/v1/applications/app-other", "/v1/applications/{appId}", nil},
	}
	adoc := loadSpec(t, "applications")
	var keyID string
	for _, c := range apps {
		r := s.do(c.role, c.method, c.path, c.body)
		checkAgainstSpec(t, adoc, c.method, c.template, r)
		if c.template == "/v1/applications/signing-keys" && r.status == http.StatusCreated {
			keyID = r.obj()["id"].(string)
		}
	}
	require.NotEmpty(t, keyID)
	kp := "/v1/applications/signing-keys/" + keyID
	checkAgainstSpec(t, adoc, "PUT", "/v1/applications/signing-keys/{id}", s.do("main", "PUT", kp, map[string]any{"status": "disabled"}))
	checkAgainstSpec(t, adoc, "DELETE", "/v1/applications/signing-keys/{id}", s.do("main", "DELETE", kp, nil))
	// Every app-level body is wrapped, every client and key body bare.
	assert.True(t, strings.HasPrefix(string(s.do("main", "GET", "/v1/applications/app-main", nil).raw), `{"result":`))
}
