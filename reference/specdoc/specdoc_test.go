package specdoc

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func transmit(t *testing.T) Router {
	t.Helper()
	clients, err := Load("clients")
	require.NoError(t, err)
	apps, err := Load("applications")
	require.NoError(t, err)
	return Router{clients, apps}
}

func TestFindPrefersLiteralSegments(t *testing.T) {
	rt := transmit(t)
	for _, tc := range []struct {
		method, path, op string
		params           map[string]string
	}{
		{"GET", "/v1/applications/list", "getAppsList", nil},
		{"GET", "/v1/applications/signing-keys", "getClientTokenSigningKeys", nil},
		{"POST", "/v1/applications/signing-keys/upload", "uploadClientTokenSigningKey", nil},
		{"PUT", "/v1/applications/signing-keys/clients", "updateTokenSigningKey", map[string]string{"id": "clients"}},
		{"GET", "/v1/applications/app-1/clients", "getAppClients", map[string]string{"appId": "app-1"}},
		{"GET", "/v1/applications/app-1", "getAppById", map[string]string{"appId": "app-1"}},
		{"GET", "/v1/clients/a%2Fb", "getClientById", map[string]string{"clientId": "a/b"}},
		{"PUT", "/v1/clients/c-1/resources", "updateClientResources", map[string]string{"clientId": "c-1"}},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			route, err := rt.Find(httptest.NewRequest(tc.method, tc.path, nil))
			require.NoError(t, err)
			assert.Equal(t, tc.op, route.ID)
			for k, v := range tc.params {
				assert.Equal(t, v, route.Params[k], k)
			}
		})
	}
}

func TestFindErrors(t *testing.T) {
	rt := transmit(t)
	_, err := rt.Find(httptest.NewRequest("GET", "/v1/nothing", nil))
	assert.ErrorIs(t, err, ErrNoPath)
	_, err = rt.Find(httptest.NewRequest("PATCH", "/v1/clients", nil))
	var na *MethodNotAllowedError
	require.True(t, errors.As(err, &na), "%v", err)
	assert.Equal(t, []string{"GET", "POST", "DELETE"}, na.Allow)
	assert.Equal(t, "/v1/clients", na.Path)
}

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &m))
	return m
}

func TestValidateBody(t *testing.T) {
	d, err := Load("clients")
	require.NoError(t, err)
	create := d.Operation("createClient")
	require.NotNil(t, create)
	for _, tc := range []struct {
		name, body, field string
	}{
		{"minimal", `{"name":"n","redirect_uris":["https://a.example/cb"]}`, ""},
		{"native scheme", `{"name":"n","redirect_uris":["com.example.app:/cb"]}`, ""},
		{"relative redirect", `{"name":"n","redirect_uris":["/cb"]}`, "-"},
		{"no name", `{"redirect_uris":["https://a.example/cb"]}`, "-"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := create.ValidateBody(decode(t, tc.body))
			if tc.field == "" {
				assert.NoError(t, err)
				return
			}
			var p *Problem
			require.True(t, errors.As(err, &p), "%v", err)
			assert.Equal(t, "body", p.In)
		})
	}
	err = d.ValidateBodyAs("OidcClientUpdate", decode(t, `{"client_type":"spa"}`))
	var p *Problem
	require.True(t, errors.As(err, &p), "%v", err)
	assert.Equal(t, "client_type", p.Field)
	assert.NotContains(t, p.Error(), "spa", "a problem never repeats the value sent")
}

func TestKnownDropsUndeclaredMembers(t *testing.T) {
	d, err := Load("clients")
	require.NoError(t, err)
	in := decode(t, `{"name":"n","surprise":1,"ciba_authorization":{"enabled":true,"extra":1},
		"authentication_configuration":{"method":"private_key_jwt","jwks":{"keys":[{"kty":"RSA"}]}}}`)
	out := Known(d.Schema("OidcClientCreate"), in)
	assert.Equal(t, decode(t, `{"name":"n","ciba_authorization":{"enabled":true},
		"authentication_configuration":{"method":"private_key_jwt","jwks":{"keys":[{"kty":"RSA"}]}}}`), out)
	assert.Contains(t, in, "surprise", "the input is not changed")
}

func TestRewriteSeesEachValueWithItsSchema(t *testing.T) {
	d, err := Load("clients")
	require.NoError(t, err)
	in := decode(t, `{"enforce_par":"true","redirect_uris":["x"],"ciba_authorization":{"enabled":"false"}}`)
	Rewrite(d.Schema("OidcClientCreate"), in, func(s *openapi3.Schema, v any) any {
		if str, ok := v.(string); ok && s != nil && s.Type.Is(openapi3.TypeBoolean) {
			return str == "true"
		}
		return v
	})
	assert.Equal(t, decode(t, `{"enforce_par":true,"redirect_uris":["x"],"ciba_authorization":{"enabled":false}}`), in)
}

func TestPatches(t *testing.T) {
	for _, tc := range []struct {
		name  string
		patch Patch
		ok    bool
	}{
		{"component", Component("Claim", func(s *openapi3.Schema) { s.Enum = nil }), true},
		{"missing component", Component("Nope", func(*openapi3.Schema) {}), false},
		{"property", Property("OidcClientCreate", "name", func(s *openapi3.Schema) { s.MinLength = 0 }), true},
		{"missing property", Property("OidcClientCreate", "nope", func(*openapi3.Schema) {}), false},
		{"every property", EveryProperty("client_type", func(s *openapi3.Schema) { s.Enum = nil }), true},
		{"no such property anywhere", EveryProperty("nope", func(*openapi3.Schema) {}), false},
		{"optional", Optional("OidcClientCreate", "name"), true},
		{"not required", Optional("OidcClientCreate", "description"), false},
		{"remove path", RemovePath("/v1/clients/{clientId}/resources"), true},
		{"missing path", RemovePath("/v1/nope"), false},
		{"missing query parameter", QueryParameter("getClients", "nope", func(*openapi3.Schema) {}), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load("clients", tc.patch)
			if tc.ok {
				assert.NoError(t, err)
			} else {
				assert.Error(t, err)
			}
		})
	}
}

func TestPatchedDocumentIsPrivate(t *testing.T) {
	patched, err := Load("clients", Component("Claim", func(s *openapi3.Schema) { s.Enum = nil }))
	require.NoError(t, err)
	shared, err := Load("clients")
	require.NoError(t, err)
	assert.Nil(t, patched.Schema("Claim").Enum)
	assert.NotEmpty(t, shared.Schema("Claim").Enum)
}

func TestValidateQuery(t *testing.T) {
	d, err := Load("auth0")
	require.NoError(t, err)
	list := d.Operation("getClients")
	require.NotNil(t, list)
	for _, tc := range []struct {
		query, field string
	}{
		{"per_page=100&page=0&include_totals=true", ""},
		{"per_page=101", "per_page"},
		{"page=-1", "page"},
		{"include_totals=maybe", "include_totals"},
		{"app_type=spa,nope", "app_type"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			err := list.ValidateQuery(context.Background(), httptest.NewRequest("GET", "/clients?"+tc.query, nil))
			if tc.field == "" {
				assert.NoError(t, err)
				return
			}
			var p *Problem
			require.True(t, errors.As(err, &p), "%v", err)
			assert.Equal(t, "query", p.In)
			assert.Equal(t, tc.field, p.Field)
		})
	}
}
