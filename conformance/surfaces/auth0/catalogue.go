package auth0

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// The auth0 surface: Auth0 Management API v2 clients (/clients…) and their credentials, checked
// against CONTRACT.md §auth0 and specs/auth0-clients.openapi.yaml. Roles: Main holds every
// client scope, ReadOnly only read:clients, NoPerm an unrelated scope.

// Ids no Auth0 tenant has issued (client ids are 32 alphanumerics, credential ids cred_ + 22).
const (
	a0UnknownClientID     = "ccsNoSuchClient00000000000000000"
	a0UnknownCredentialID = "cred_ccsNoSuchCredential000"
)

// a0SecretFields are the secret-tier fields of CONTRACT.md: left out of reads by a token without
// read:client_keys or read:client_credentials.
var a0SecretFields = []string{"client_secret", "encryption_key", "client_authentication_methods", "signing_keys"}

// Catalogue is the full table of the auth0 surface.
func Catalogue(sp *contract.Spec) []scenario.Scenario {
	var out []scenario.Scenario
	out = append(out, a0CRUDScenarios()...)
	out = append(out, a0CredentialCRUDScenarios()...)
	out = append(out, a0CredentialTypeScenarios()...)
	out = append(out, a0CredentialBadRequestScenarios()...)
	out = append(out, a0CredentialNotFoundScenarios()...)
	out = append(out, a0BadCreateScenarios()...)
	out = append(out, a0BadPatchScenarios()...)
	out = append(out, a0NotFoundScenarios()...)
	out = append(out, a0ConflictScenarios()...)
	out = append(out, a0EnumScenarios()...)
	out = append(out, a0AccessScenarios()...)
	out = append(out, a0ScopeScenarios()...)
	out = append(out, a0SecretTierScenarios()...)
	out = append(out, a0ReadOnlyScenarios()...)
	out = append(out, a0NullableScenarios()...)
	out = append(out, a0SchemaScenarios()...)
	out = append(out, a0PaginationScenarios()...)
	out = append(out, a0PagingWalkScenarios()...)
	out = append(out, scenario.CreateTable{
		Surface:         "auth0",
		OpID:            "createClient",
		Variants:        []scenario.Variant{{Label: "client", Schema: "ClientCreate"}},
		DefaultsPresent: true, // the contract asserts Auth0's live defaults: they must be there
		// Enums whose values are accepted on their own on any tenant; the others (grant_types,
		// compliance_level, third_party_security_mode, session_transfer, …) need tenant features
		// or companion settings, and refresh_token's two enums constrain each other (rotating
		// needs expiring): those are hand-written in enums.go.
		Enums: []string{"app_type", "token_endpoint_auth_method", "jwt_configuration.alg",
			"organization_usage", "organization_require_behavior"},
		Open: map[string][]int{
			// Left open by the contract: none with the default client_credentials grant.
			"token_endpoint_auth_method=none": {http.StatusBadRequest},
			// Left open: post_login_prompt without oidc_conformant.
			"organization_require_behavior=post_login_prompt": {http.StatusBadRequest},
		},
	}.Scenarios(sp)...)
	params := map[string]scenario.Provider{
		"id":            func(s *scenario.S, _ map[string]string) string { return a0NewClient(s) },
		"client_id":     func(s *scenario.S, _ map[string]string) string { return a0NewClient(s) },
		"credential_id": a0PermCredential,
	}
	out = append(out, scenario.OrderTable{Surface: "auth0", Params: params}.Scenarios(sp)...)
	out = append(out, scenario.PermTable{
		Surface: "auth0",
		Params:  params,
		// Credentials are read with read:client_credentials, which the read-only
		// (read:clients) token lacks.
		ReadOnlyDenied: map[string]bool{"getCredentials": true, "getCredential": true},
	}.Scenarios(sp)...)
	return out
}

// Paths of the surface.
func a0Client(id string) string            { return "/clients/" + url.PathEscape(id) }
func a0Rotate(id string) string            { return a0Client(id) + "/rotate-secret" }
func a0Credentials(clientID string) string { return a0Client(clientID) + "/credentials" }
func a0Credential(clientID, id string) string {
	return a0Credentials(clientID) + "/" + url.PathEscape(id)
}

// a0Minimal is the smallest valid create body: a fresh, run-prefixed name.
func a0Minimal(s *scenario.S) map[string]any { return map[string]any{"name": s.Name("client")} }

// a0With is a minimal body plus the given fields.
func a0With(s *scenario.S, fields map[string]any) map[string]any {
	body := a0Minimal(s)
	for k, v := range fields {
		body[k] = v
	}
	return body
}

// a0Create posts body as Main, requires 201 and a client_id, and returns both. Cleanup is
// registered by the exchange layer (x-cleanup).
func a0Create(s *scenario.S, body map[string]any) (string, *scenario.Response) {
	s.T.Helper()
	r := s.Do(scenario.Main, http.MethodPost, "/clients", scenario.JSON(body)).Expect(http.StatusCreated)
	id := r.String("/client_id")
	if id == "" {
		s.Fatalf(r, "client_id generated", "a non-empty client_id in the created client", scenario.DescribeField(r.Field("/client_id")))
	}
	return id, r
}

// a0NewClient creates a minimal client and returns its id.
func a0NewClient(s *scenario.S) string {
	s.T.Helper()
	id, _ := a0Create(s, a0Minimal(s))
	return id
}

// a0Get reads a client as role and requires 200.
func a0Get(s *scenario.S, role scenario.Role, id string, opts ...scenario.Opt) *scenario.Response {
	s.T.Helper()
	return s.Do(role, http.MethodGet, a0Client(id), opts...).Expect(http.StatusOK)
}

// a0Secret returns the client's secret as Main (which holds read:client_keys) sees it.
func a0Secret(s *scenario.S, id string) string {
	s.T.Helper()
	r := a0Get(s, scenario.Main, id)
	sec := r.String("/client_secret")
	if sec == "" {
		s.Fatalf(r, "client_secret readable with read:client_keys", "a non-empty client_secret", scenario.DescribeField(r.Field("/client_secret")))
	}
	return sec
}

// a0ErrorCode fails unless the error body carries errorCode code.
func a0ErrorCode(s *scenario.S, r *scenario.Response, code string) {
	s.T.Helper()
	obj, _ := r.JSON().(map[string]any)
	got, present := obj["errorCode"]
	if got != code {
		s.Errorf(r, "errorCode "+code, fmt.Sprintf("errorCode %q", code), scenario.DescribeField(got, present))
	}
}

// a0Absent fails when the object has any of the given top-level keys.
func a0Absent(s *scenario.S, r *scenario.Response, obj map[string]any, why string, keys ...string) {
	s.T.Helper()
	for _, k := range keys {
		if v, ok := obj[k]; ok {
			s.Errorf(r, why+": no "+k, "no "+k+" key", "present: "+scenario.DescribeJSON(v))
		}
	}
}

// a0Page fetches one page of GET /clients as a bare array; opts add filters.
func a0Page(s *scenario.S, role scenario.Role, page, perPage int, opts ...scenario.Opt) ([]map[string]any, *scenario.Response) {
	s.T.Helper()
	opts = append(opts, scenario.Query("page", strconv.Itoa(page)), scenario.Query("per_page", strconv.Itoa(perPage)))
	r := s.Do(role, http.MethodGet, "/clients", opts...).Expect(http.StatusOK)
	raw, ok := r.JSON().([]any)
	if !ok {
		s.Fatalf(r, "list without include_totals is a bare array", "a JSON array of clients", "another JSON value")
	}
	return a0Objects(raw), r
}

// a0Objects keeps the JSON objects of a list.
func a0Objects(raw []any) []map[string]any {
	out := make([]map[string]any, 0, len(raw))
	for _, item := range raw {
		if m, ok := item.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// a0MaxPages bounds every walk over the list: 100 pages of 100 is a large tenant.
const a0MaxPages = 100

// a0ListAll walks GET /clients page by page (per_page 100) until a short page and returns every
// client, with the last response for messages.
func a0ListAll(s *scenario.S, role scenario.Role, opts ...scenario.Opt) ([]map[string]any, *scenario.Response) {
	s.T.Helper()
	var all []map[string]any
	for page := range a0MaxPages {
		items, r := a0Page(s, role, page, 100, opts...)
		all = append(all, items...)
		if len(items) < 100 {
			return all, r
		}
	}
	s.SuiteFatalf("more than %d pages of clients: the tenant is too large to walk", a0MaxPages)
	return nil, nil
}

// a0Find walks the list for the client with id. A client missed because other runs created or
// deleted clients between two page requests is found by the second walk.
func a0Find(s *scenario.S, role scenario.Role, id string, opts ...scenario.Opt) (map[string]any, *scenario.Response) {
	s.T.Helper()
	var last *scenario.Response
	for range 2 {
		all, r := a0ListAll(s, role, opts...)
		last = r
		for _, c := range all {
			if c["client_id"] == id {
				return c, r
			}
		}
	}
	return nil, last
}

// a0PermCredential creates a credential of the client filled for the same path.
func a0PermCredential(s *scenario.S, filled map[string]string) string {
	id, ok := filled["client_id"]
	if !ok {
		s.SuiteFatalf("credential_id needs the client_id of the same path filled first")
	}
	return a0NewCredential(s, id, a0PublicKeyBody(s, 0))
}
