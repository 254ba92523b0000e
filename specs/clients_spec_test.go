package specs_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// schemaErrors flattens a validation error into the schema errors it carries, nested oneOf
// branch errors included.
func schemaErrors(err error) []*openapi3.SchemaError {
	var out []*openapi3.SchemaError
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case nil:
			return
		case openapi3.MultiError:
			for _, e := range e {
				walk(e)
			}
			return
		case *openapi3.SchemaError:
			out = append(out, e)
			walk(e.Origin)
			return
		case interface{ Unwrap() []error }:
			for _, e := range e.Unwrap() {
				walk(e)
			}
			return
		}
		walk(errors.Unwrap(err))
	}
	walk(err)
	return out
}

// pointers renders the JSON pointers of the schema errors in err, for assertions and messages
// that do not depend on kin-openapi's wording.
func pointers(err error) []string {
	var ps []string
	for _, se := range schemaErrors(err) {
		ps = append(ps, "/"+strings.Join(se.JSONPointer(), "/")+" ("+se.SchemaField+")")
	}
	return ps
}

// describe renders err for a failure message: its schema error pointers when it has any.
func describe(err error) string {
	if ps := pointers(err); len(ps) > 0 {
		return strings.Join(ps, ", ")
	}
	return fmt.Sprint(err)
}

// absoluteURI is the check the engine applies to `format: uri`.
func absoluteURI(s string) error {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return errors.New("not an absolute URI")
	}
	return nil
}

// validateResponse validates one response of an operation, with the options the engine uses;
// the route is built by hand so that no server host has to match.
func validateResponse(t *testing.T, doc *openapi3.T, method, path string, status int, header http.Header, body []byte) error {
	t.Helper()
	item := doc.Paths.Value(path)
	if item == nil {
		t.Fatalf("no path %s", path)
	}
	op := item.GetOperation(method)
	if op == nil {
		t.Fatalf("no operation %s %s", method, path)
	}
	route := &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: httptest.NewRequest(method, "https://api.sbx.transmitsecurity.io/cis"+path, nil),
			Route:   route,
		},
		Status: status,
		Header: header,
		Options: &openapi3filter.Options{
			MultiError:            true,
			IncludeResponseStatus: true,
			SchemaValidationOptions: []openapi3.SchemaValidationOption{
				openapi3.WithStringFormatValidator("uri", openapi3.NewCallbackValidator(absoluteURI)),
			},
		},
	}
	in.SetBodyBytes(body)
	return openapi3filter.ValidateResponse(context.Background(), in)
}

// body returns a copy of base with edits applied: a nil value deletes the key.
func body(t *testing.T, base map[string]any, edits map[string]any) []byte {
	t.Helper()
	m := make(map[string]any, len(base))
	for k, v := range base {
		m[k] = v
	}
	for k, v := range edits {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var jsonHeader = http.Header{"Content-Type": {"application/json; charset=utf-8"}}

// oidcClient is a realistic OIDC client body, as the reference server returns it.
func oidcClient() map[string]any {
	return map[string]any{
		"app_id":                      "app-main",
		"tenant_id":                   "tnt-reference",
		"client_id":                   "cl-4f8a2c19",
		"client_secret":               "Xq3vN8rT2mK7pL1w",
		"name":                        "conf-run42 storefront",
		"description":                 "",
		"resources":                   []string{},
		"created_at":                  "2026-03-02T10:04:05.123Z",
		"updated_at":                  "2026-03-02T10:04:05.123Z",
		"authentication_protocol":     "oidc",
		"client_group_id":             "",
		"default_custom_claims":       []string{"email", "roles"},
		"default_user_info_claims":    []string{"email"},
		"short_cookies_samesite_type": "lax",
		"redirect_uris":               []string{"https://shop.example.com/cb", "com.example.shop:/oauth2redirect"},
		"client_type":                 "web",
		"response_types":              []string{"code", "id_token"},
		"token_endpoint_auth_method":  "client_secret_basic",
		"pkce":                        "allowPkceAlongsideClientCredentials",
		"device_authorization":        map[string]any{"enabled": false, "approval_uri": "", "success_uri": "", "input_uri": ""},
		"ciba_authorization":          map[string]any{"enabled": false},
		"supported_prompts":           []string{"login", "consent", "none"},
		"authentication_configuration": map[string]any{
			"method":          "tls_client_auth",
			"tls_client_auth": map[string]any{"certificate_chain": "-----BEGIN CERTIFICATE-----", "ocsp_on": false},
		},
		"token_expiration":        map[string]any{"access_token_ttl": 3600, "refresh_token_ttl": 1209600},
		"session_expiration":      1209600,
		"enforce_par":             false,
		"fapi_version_compliancy": false,
		"id_token_encryption":     map[string]any{"enabled": false},
	}
}

// samlClient is a realistic SAML client body.
func samlClient() map[string]any {
	return map[string]any{
		"app_id":                  "app-main",
		"tenant_id":               "tnt-reference",
		"client_id":               "cl-9b1d7e33",
		"client_secret":           "Lm4nB7vC1xZ9qW2e",
		"name":                    "conf-run42 payroll sso",
		"description":             "SAML SP for payroll",
		"resources":               []string{"res-payroll"},
		"created_at":              "2026-03-02T10:04:06Z",
		"updated_at":              "2026-03-02T10:04:06Z",
		"authentication_protocol": "saml",
		"client_group_id":         "",
		"default_custom_claims":   []string{},
		"optional_acs_url":        false,
		"sp_acs_url":              "https://payroll.example.com/saml/acs",
		"sp_entity_id":            "https://payroll.example.com/saml/metadata",
		"metadata_url":            "https://api.sbx.transmitsecurity.io/cis/saml/metadata/cl-9b1d7e33",
		"sso_url":                 "https://api.sbx.transmitsecurity.io/cis/saml/sso/cl-9b1d7e33",
		"entity_id":               "https://api.sbx.transmitsecurity.io/cis/saml/cl-9b1d7e33",
		"x509_certificate":        "MIIDdzCCAl+gAwIBAgIE",
		"sp_name_id_type":         "email",
		"sign_assertion":          true,
		"use_centralized_login":   false,
	}
}

// TestClientsCreateResponse checks that the 201 response of createClient accepts realistic
// OIDC and SAML clients and rejects broken ones.
func TestClientsCreateResponse(t *testing.T) {
	t.Parallel()
	doc := loadSurface(t, "clients")
	for _, tc := range []struct {
		name   string
		status int
		body   []byte
		// wantPointer is empty when the response must pass; otherwise a pointer (with the
		// failing keyword) that one of the schema errors must carry.
		wantPointer string
		wantErr     bool
	}{
		{name: "oidc client passes", status: 201, body: body(t, oidcClient(), nil)},
		{name: "saml client passes", status: 201, body: body(t, samlClient(), nil)},
		{name: "unknown extra field passes", status: 201, body: body(t, oidcClient(), map[string]any{"vendor_extension": 1})},
		{name: "oidc without optional fields passes", status: 201, body: body(t, oidcClient(), map[string]any{
			"client_type": nil, "response_types": nil, "token_endpoint_auth_method": nil, "short_cookies_samesite_type": nil,
			"pkce": nil, "authentication_configuration": nil, "id_token_encryption": nil, "default_user_info_claims": nil,
		})},
		{name: "oidc missing client_id fails", status: 201, body: body(t, oidcClient(), map[string]any{"client_id": nil}),
			wantErr: true, wantPointer: "/client_id (required)"},
		{name: "saml missing client_id fails", status: 201, body: body(t, samlClient(), map[string]any{"client_id": nil}),
			wantErr: true, wantPointer: "/client_id (required)"},
		{name: "created_at not a date-time fails", status: 201, body: body(t, oidcClient(), map[string]any{"created_at": "yesterday"}),
			wantErr: true, wantPointer: "/created_at (format)"},
		{name: "relative redirect uri fails", status: 201, body: body(t, oidcClient(), map[string]any{"redirect_uris": []string{"/cb"}}),
			wantErr: true, wantPointer: "/redirect_uris/0 (format)"},
		{name: "claim outside the enum fails", status: 201, body: body(t, oidcClient(), map[string]any{"default_custom_claims": []string{"shoe_size"}}),
			wantErr: true, wantPointer: "/default_custom_claims/0 (enum)"},
		{name: "unknown protocol fails", status: 201, body: body(t, oidcClient(), map[string]any{"authentication_protocol": "wsfed"}),
			wantErr: true},
		{name: "result envelope fails", status: 201, body: []byte(`{"result":` + string(body(t, oidcClient(), nil)) + `}`),
			wantErr: true},
		{name: "undocumented status fails", status: 200, body: body(t, oidcClient(), nil), wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := validateResponse(t, doc, http.MethodPost, "/v1/clients", tc.status, jsonHeader, tc.body)
			switch {
			case !tc.wantErr && err != nil:
				t.Errorf("want no violation, got %s", describe(err))
			case tc.wantErr && err == nil:
				t.Error("want a violation, got none")
			case tc.wantPointer != "" && !slices.Contains(pointers(err), tc.wantPointer):
				t.Errorf("want a violation at %s, got %s", tc.wantPointer, describe(err))
			}
		})
	}
}

// TestClientsErrorResponses checks the shared error responses: the 400 message may be a string
// or a list of strings, and a 401 must carry a Bearer challenge.
func TestClientsErrorResponses(t *testing.T) {
	t.Parallel()
	doc := loadSurface(t, "clients")
	bearer := http.Header{"Content-Type": {"application/json"}, "Www-Authenticate": {`Bearer realm="transmit"`}}
	basic := http.Header{"Content-Type": {"application/json"}, "Www-Authenticate": {`Basic realm="transmit"`}}
	for _, tc := range []struct {
		name    string
		status  int
		header  http.Header
		body    string
		wantErr bool
	}{
		{name: "400 string message passes", status: 400, header: jsonHeader, body: `{"message":"Bad request","error_code":400}`},
		{name: "400 list message passes", status: 400, header: jsonHeader, body: `{"message":["name should not be empty"],"error_code":400}`},
		{name: "400 numeric message fails", status: 400, header: jsonHeader, body: `{"message":42,"error_code":400}`, wantErr: true},
		{name: "400 without error_code fails", status: 400, header: jsonHeader, body: `{"message":"Bad request"}`, wantErr: true},
		{name: "401 with bearer challenge passes", status: 401, header: bearer, body: `{"message":"Unauthorized","error_code":401}`},
		{name: "401 lowercase scheme passes", status: 401, header: http.Header{"Content-Type": {"application/json"}, "Www-Authenticate": {"bearer"}},
			body: `{"message":"Unauthorized","error_code":401}`},
		{name: "401 without challenge fails", status: 401, header: jsonHeader, body: `{"message":"Unauthorized","error_code":401}`, wantErr: true},
		{name: "401 with basic challenge fails", status: 401, header: basic, body: `{"message":"Unauthorized","error_code":401}`, wantErr: true},
		{name: "409 without ts_error_code fails", status: 409, header: jsonHeader, body: `{"message":"taken","error_code":409}`, wantErr: true},
		{name: "409 with ts_error_code passes", status: 409, header: jsonHeader, body: `{"message":"taken","error_code":409,"ts_error_code":"X"}`},
		{name: "404 is not documented on create", status: 404, header: jsonHeader, body: `{"message":"nope","error_code":404}`, wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := validateResponse(t, doc, http.MethodPost, "/v1/clients", tc.status, tc.header, []byte(tc.body))
			if tc.wantErr && err == nil {
				t.Error("want a violation, got none")
			}
			if !tc.wantErr && err != nil {
				t.Errorf("want no violation, got %s", describe(err))
			}
		})
	}
}

// TestClientsRequestBodies checks how the request schemas tell OIDC and SAML bodies apart: the
// create variants are disjoint (so oneOf is exact), the update variants overlap (so anyOf).
func TestClientsRequestBodies(t *testing.T) {
	t.Parallel()
	doc := loadSurface(t, "clients")
	for _, tc := range []struct {
		name, method, path, body string
		wantErr                  bool
	}{
		{name: "minimal oidc create passes", method: http.MethodPost, path: "/v1/clients",
			body: `{"name":"web","redirect_uris":["https://a.example/cb"]}`},
		{name: "explicit oidc create passes", method: http.MethodPost, path: "/v1/clients",
			body: `{"name":"web","redirect_uris":["https://a.example/cb"],"authentication_protocol":"oidc"}`},
		{name: "minimal saml create passes", method: http.MethodPost, path: "/v1/clients",
			body: `{"name":"sso","authentication_protocol":"saml","sp_entity_id":"urn:sp"}`},
		{name: "saml create with oidc fields passes as saml", method: http.MethodPost, path: "/v1/clients",
			body: `{"name":"sso","authentication_protocol":"saml","sp_entity_id":"urn:sp","redirect_uris":["https://a.example/cb"]}`},
		{name: "saml fields without the protocol are an oidc body without redirect_uris", method: http.MethodPost, path: "/v1/clients",
			body: `{"name":"sso","sp_entity_id":"urn:sp"}`, wantErr: true},
		{name: "empty name fails", method: http.MethodPost, path: "/v1/clients",
			body: `{"name":"","redirect_uris":["https://a.example/cb"]}`, wantErr: true},
		{name: "empty redirect_uris fails", method: http.MethodPost, path: "/v1/clients",
			body: `{"name":"web","redirect_uris":[]}`, wantErr: true},
		{name: "relative redirect uri fails", method: http.MethodPost, path: "/v1/clients",
			body: `{"name":"web","redirect_uris":["/cb"]}`, wantErr: true},
		{name: "unknown protocol fails", method: http.MethodPost, path: "/v1/clients",
			body: `{"name":"x","redirect_uris":["https://a.example/cb"],"authentication_protocol":"wsfed"}`, wantErr: true},
		{name: "rename passes (matches both update variants)", method: http.MethodPut, path: "/v1/clients/{clientId}",
			body: `{"name":"renamed"}`},
		{name: "empty update passes", method: http.MethodPut, path: "/v1/clients/{clientId}", body: `{}`},
		{name: "update with a bad shared enum fails", method: http.MethodPut, path: "/v1/clients/{clientId}",
			body: `{"short_cookies_samesite_type":"strict"}`, wantErr: true},
		// An update body names no protocol, so a bad value of an OIDC-only field still matches
		// the SAML variant (unknown fields are allowed). Only the server knows the stored
		// client's protocol: scenarios must pick the variant from it.
		{name: "update with a bad oidc-only enum passes the schema", method: http.MethodPut, path: "/v1/clients/{clientId}",
			body: `{"client_type":"spa"}`},
		{name: "resources without resource_ids fails", method: http.MethodPut, path: "/v1/clients/{clientId}/resources",
			body: `{}`, wantErr: true},
		{name: "resources with resource_ids passes", method: http.MethodPut, path: "/v1/clients/{clientId}/resources",
			body: `{"resource_ids":["res-1"]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			item := doc.Paths.Value(tc.path)
			op := item.GetOperation(tc.method)
			params := map[string]string{}
			url := "https://api.sbx.transmitsecurity.io/cis" + tc.path
			if strings.Contains(tc.path, "{clientId}") {
				params["clientId"] = "cl-1"
				url = strings.ReplaceAll(url, "{clientId}", "cl-1")
			}
			req := httptest.NewRequest(tc.method, url, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer token")
			err := openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
				Request:    req,
				PathParams: params,
				Route:      &routers.Route{Spec: doc, Path: tc.path, PathItem: item, Method: tc.method, Operation: op},
				Options: &openapi3filter.Options{
					MultiError:          true,
					SkipSettingDefaults: true,
					AuthenticationFunc:  openapi3filter.NoopAuthenticationFunc,
					SchemaValidationOptions: []openapi3.SchemaValidationOption{
						openapi3.WithStringFormatValidator("uri", openapi3.NewCallbackValidator(absoluteURI)),
					},
				},
			})
			if tc.wantErr && err == nil {
				t.Error("want a violation, got none")
			}
			if !tc.wantErr && err != nil {
				t.Errorf("want no violation, got %s", describe(err))
			}
		})
	}
}
