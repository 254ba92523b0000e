package auth0

import (
	"net/http"
	"strings"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// Scopes of the Auth0 Management API that the scope scenarios mint tokens with.
const (
	a0ScopeCreateClients = "create:clients"
	a0ScopeReadClients   = "read:clients"
	a0ScopeUpdateClients = "update:clients"
	a0ScopeReadKeys      = "read:client_keys"
	a0ScopeReadSummary   = "read:client_summary"
)

// a0Writer is a token that may update clients but holds neither key nor credential scopes: the
// rules about client_secret, client_authentication_methods and rotation need exactly that.
// read:clients rides along so that the token is what a configuration tool would hold.
func a0Writer(s *scenario.S) scenario.Role { return s.Scoped(a0ScopeReadClients, a0ScopeUpdateClients) }

// a0AuthMethods is a client_authentication_methods value with the given private_key_jwt
// credentials (definitions on create, {id} references on PATCH).
func a0AuthMethods(credentials ...any) map[string]any {
	return map[string]any{"private_key_jwt": map[string]any{"credentials": credentials}}
}

// a0RS256 is the jwt_configuration that client_authentication_methods needs (the contract
// leaves it open with HS256); a fresh map per body, as bodies are built concurrently.
func a0RS256() map[string]any { return map[string]any{"alg": "RS256"} }

// a0Forbidden checks a 403 with errorCode insufficient_scope: the answer to a missing scope.
func a0Forbidden(s *scenario.S, r *scenario.Response) {
	s.T.Helper()
	if r.Check(http.StatusForbidden) {
		a0ErrorCode(s, r, "insufficient_scope")
	}
}

// a0ScopeScenarios: the field-level and per-operation scope rules that only a token holding some
// client scopes and lacking others can show; each scenario mints its tokens (S.Scoped) and is
// skipped on a target that cannot.
func a0ScopeScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "auth0/permissions/secret-write-needs-update-client-keys", Basis: scenario.Documented,
			Requirement: "A token with update:clients but not update:client_keys gets 403 insufficient_scope for a PATCH of client_secret, " +
				"and the secret stays unchanged; the same token may PATCH description (200).",
			Run: func(s *scenario.S) {
				writer := a0Writer(s)
				id := a0NewClient(s)
				a0Secret(s, id) // the state (with the secret) the read-back compares with
				newSecret := s.Name("secret") + "-" + strings.Repeat("s", 32)
				// The secret staying is the context's read-back after the refused PATCH (postcheck.go).
				a0Forbidden(s, s.Do(writer, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{"client_secret": newSecret})))
				s.Do(writer, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{"description": "changed with update:clients"})).
					Check(http.StatusOK)
			}},
		{ID: "auth0/permissions/auth-methods-create-needs-create-client-credentials", Basis: scenario.Documented,
			Requirement: "A token with create:clients but not create:client_credentials gets 403 insufficient_scope for a create with " +
				"client_authentication_methods, and creates a client without that field (201).",
			Run: func(s *scenario.S) {
				creator := s.Scoped(a0ScopeCreateClients)
				a0Forbidden(s, s.Do(creator, http.MethodPost, "/clients", scenario.JSON(a0With(s, map[string]any{
					"jwt_configuration":             a0RS256(),
					"client_authentication_methods": a0AuthMethods(a0PublicKeyBody(s, 0)),
				}))))
				// Created clients are deleted by the engine (x-cleanup), as Main.
				s.Do(creator, http.MethodPost, "/clients", scenario.JSON(a0With(s, map[string]any{"jwt_configuration": a0RS256()}))).
					Check(http.StatusCreated)
			}},
		{ID: "auth0/permissions/auth-methods-patch-needs-update-client-credentials", Basis: scenario.Documented,
			Requirement: "A token with update:clients but not update:client_credentials gets 403 insufficient_scope for a PATCH of " +
				"client_authentication_methods.",
			Run: func(s *scenario.S) {
				writer := a0Writer(s)
				id, _ := a0Create(s, a0With(s, map[string]any{"jwt_configuration": a0RS256()}))
				cred := a0NewCredential(s, id, a0PublicKeyBody(s, 0))
				a0Forbidden(s, s.Do(writer, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{
					"client_authentication_methods": a0AuthMethods(map[string]any{"id": cred}),
				})))
			}},
		{ID: "auth0/permissions/rotate-needs-update-client-keys", Basis: scenario.Documented,
			Requirement: "A token with update:clients but not update:client_keys gets 403 insufficient_scope for rotate-secret, " +
				"and the secret stays unchanged.",
			Run: func(s *scenario.S) {
				writer := a0Writer(s)
				id := a0NewClient(s)
				a0Secret(s, id) // the state (with the secret) the read-back compares with
				// The secret staying is the context's read-back after the refused rotate (postcheck.go).
				a0Forbidden(s, s.Do(writer, http.MethodPost, a0Rotate(id)))
			}},
		{ID: "auth0/permissions/summary-scope-reads", Basis: scenario.Documented,
			Requirement: "A token with only read:client_summary may list clients and read one (200), without the secret-tier fields " +
				"(client_secret, encryption_key, client_authentication_methods, signing_keys).",
			Run: func(s *scenario.S) {
				summary := s.Scoped(a0ScopeReadSummary)
				id := a0NewClient(s)
				if list := s.Do(summary, http.MethodGet, "/clients", scenario.Query("per_page", "10")); list.Check(http.StatusOK) {
					raw, _ := list.JSON().([]any)
					for _, c := range a0Objects(raw) {
						a0Absent(s, list, c, "secret tier hidden from read:client_summary in the list", a0SecretFields...)
					}
				}
				if got := s.Do(summary, http.MethodGet, a0Client(id)); got.Check(http.StatusOK) {
					obj, _ := got.Object().(map[string]any)
					a0Absent(s, got, obj, "secret tier hidden from read:client_summary", a0SecretFields...)
				}
			}},
		{ID: "auth0/permissions/client-keys-scope-sees-secret", Basis: scenario.Documented,
			Requirement: "A token with only read:client_keys reads a client (200) with its client_secret.",
			Run: func(s *scenario.S) {
				keys := s.Scoped(a0ScopeReadKeys)
				id := a0NewClient(s)
				secret := a0Secret(s, id)
				scenario.RequireField(s, a0Get(s, keys, id), "/client_secret", secret)
			}},
	}
}
