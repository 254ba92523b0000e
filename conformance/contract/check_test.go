package contract_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/contract"
)

const validClient = `{"app_id":"app-main","tenant_id":"tnt","client_id":"cl-1","client_secret":"s3cr3t-value",
"name":"web","description":"","resources":[],"created_at":"2026-01-15T09:30:00Z","updated_at":"2026-01-15T09:30:00Z",
"authentication_protocol":"oidc","client_group_id":"","default_custom_claims":[],"redirect_uris":["https://x.example.com/cb"],
"device_authorization":{"enabled":false,"approval_uri":"","success_uri":"","input_uri":""},"ciba_authorization":{"enabled":false},
"supported_prompts":[],"token_expiration":{},"session_expiration":3600,"enforce_par":false,"fapi_version_compliancy":false}`

func loadClients(t testing.TB) *contract.Spec {
	t.Helper()
	sp, err := contract.Load("clients")
	require.NoError(t, err)
	return sp
}

func TestCheck(t *testing.T) {
	t.Parallel()
	sp := loadClients(t)
	get := sp.Op("getClientById")
	del := sp.Op("deleteClient")
	require.NotNil(t, get)
	jsonCT := http.Header{"Content-Type": {"application/json; charset=utf-8"}}
	for _, tc := range []struct {
		name    string
		op      *contract.Op
		status  int
		header  http.Header
		body    string
		rule    string // "" means valid
		pointer string
	}{
		{"valid client", get, 200, jsonCT, validClient, "", ""},
		{"undocumented status", get, 418, jsonCT, `{}`, contract.RuleStatus, ""},
		{"html content type", get, 200, http.Header{"Content-Type": {"text/html"}}, validClient, contract.RuleContentType, ""},
		{"missing content type", get, 200, http.Header{}, validClient, contract.RuleContentType, ""},
		{"missing required field", get, 200, jsonCT, `{"client_id":"x"}`, contract.RuleBody, ""},
		{"bad date-time", get, 200, jsonCT, strings.Replace(validClient, `"created_at":"2026-01-15T09:30:00Z"`, `"created_at":"yesterday"`, 1), contract.RuleBody, "/created_at"},
		{"relative redirect uri", get, 200, jsonCT, strings.Replace(validClient, `"https://x.example.com/cb"`, `"/cb"`, 1), contract.RuleBody, "/redirect_uris/0"},
		{"not JSON", get, 200, jsonCT, `{"client_id":`, contract.RuleBody, ""},
		{"404 error body", get, 404, jsonCT, `{"message":"no such client","error_code":404}`, "", ""},
		{"404 without error_code", get, 404, jsonCT, `{"message":"no such client"}`, contract.RuleBody, "/error_code"},
		{"401 without challenge", get, 401, jsonCT, `{"message":"no token","error_code":401}`, contract.RuleHeaders, ""},
		{"401 with challenge", get, 401, http.Header{"Content-Type": {"application/json"}, "Www-Authenticate": {`Bearer realm="x"`}}, `{"message":"no token","error_code":401}`, "", ""},
		{"204 empty", del, 204, http.Header{}, ``, "", ""},
		{"204 with body", del, 204, jsonCT, `{"ok":true}`, contract.RuleEmptyBody, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			vs := contract.Check(context.Background(), contract.Exchange{Op: tc.op, Method: tc.op.Method, Status: tc.status, Header: tc.header, Body: []byte(tc.body)})
			if tc.rule == "" {
				assert.Empty(t, vs)
				return
			}
			require.NotEmpty(t, vs, "expected a %s violation", tc.rule)
			assert.Equal(t, tc.rule, vs[0].Rule, "violations: %v", vs)
			if tc.pointer != "" {
				assert.Equal(t, tc.pointer, vs[0].Pointer, "violations: %v", vs)
			}
			for _, v := range vs {
				assert.NotContains(t, v.String(), "s3cr3t-value", "a violation must not carry body values")
			}
		})
	}
}

func TestRoute(t *testing.T) {
	t.Parallel()
	sp := loadClients(t)
	op, params, ok := sp.Route(http.MethodGet, "/v1/clients/abc")
	require.True(t, ok)
	require.NotNil(t, op)
	assert.Equal(t, "getClientById", op.ID)
	assert.Equal(t, "abc", params["clientId"])
	op, _, ok = sp.Route(http.MethodPatch, "/v1/clients/abc")
	assert.True(t, ok, "the path exists")
	assert.Nil(t, op, "PATCH is not documented")
	_, _, ok = sp.Route(http.MethodGet, "/v2/nothing")
	assert.False(t, ok)
	assert.Equal(t, []string{"clientId"}, sp.Op("updateClientResources").PathParams())
	assert.True(t, sp.Op("deleteClients").Destructive)
	require.NotNil(t, sp.Op("createClient").Cleanup)
	assert.Equal(t, "deleteClient", sp.Op("createClient").Cleanup.OperationID)
}

// BenchmarkCheckClient measures checking one client response against the spec.
func BenchmarkCheckClient(b *testing.B) {
	sp := loadClients(b)
	ex := contract.Exchange{Op: sp.Op("getClientById"), Method: http.MethodGet, Status: 200,
		Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(validClient)}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if vs := contract.Check(ctx, ex); len(vs) > 0 {
			b.Fatal(vs)
		}
	}
}

// BenchmarkLoad measures loading and validating a spec (done once per run).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := contract.Load("clients"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFormatReasonIsShort: a format failure names the format, without the regular expression
// kin-openapi appends (noise in every summary line and root cause).
func TestFormatReasonIsShort(t *testing.T) {
	t.Parallel()
	get := loadClients(t).Op("getClientById")
	body := strings.Replace(validClient, `"created_at":"2026-01-15T09:30:00Z"`, `"created_at":"2026-01-15 09:30:00"`, 1)
	vs := contract.Check(context.Background(), contract.Exchange{Op: get, Method: get.Method, Status: 200,
		Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(body)})
	require.Len(t, vs, 1)
	assert.Equal(t, "format", vs[0].Keyword)
	assert.Contains(t, vs[0].Reason, `"date-time"`)
	assert.NotContains(t, vs[0].Reason, "pattern")
}
