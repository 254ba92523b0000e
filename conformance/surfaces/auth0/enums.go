package auth0

import (
	"github.com/clientconf/clientconf/conformance/scenario"
	"net/http"
	"time"
)

// a0EnumScenarios: the request enums the derived table leaves out (see auth0Scenarios), with
// the companion values they need, and near misses a server could take for valid.
func a0EnumScenarios() []scenario.Scenario {
	// refresh_token needs both types whenever it is sent, and rotating tokens must expire, so
	// each value is sent with a partner that makes the pair valid.
	pairs := []struct {
		field, value      string
		rotation, expires string
	}{
		{"rotation_type", "rotating", "rotating", "expiring"},
		{"rotation_type", "non-rotating", "non-rotating", "non-expiring"},
		{"expiration_type", "expiring", "non-rotating", "expiring"},
		{"expiration_type", "non-expiring", "non-rotating", "non-expiring"},
	}
	var out []scenario.Scenario
	for _, p := range pairs {
		out = append(out, scenario.Scenario{ID: "auth0/enums/client/refresh_token." + p.field + "/" + p.value, Basis: scenario.Spec,
			Requirement: "createClient accepts refresh_token." + p.field + " = " + p.value + " and echoes it.",
			Run: func(s *scenario.S) {
				rt := map[string]any{"rotation_type": p.rotation, "expiration_type": p.expires}
				_, r := a0Create(s, a0With(s, map[string]any{"oidc_conformant": true, "refresh_token": rt}))
				scenario.RequireField(s, r, "/refresh_token/rotation_type", p.rotation)
				scenario.RequireField(s, r, "/refresh_token/expiration_type", p.expires)
			}})
	}
	nearMisses := []struct {
		name string
		body map[string]any
		why  string
	}{
		{"refresh_token.rotation_type/invalid", map[string]any{"refresh_token": map[string]any{"rotation_type": "not-a-valid-rotation_type", "expiration_type": "non-expiring"}},
			"refresh_token.rotation_type outside its enum"},
		{"refresh_token.expiration_type/invalid", map[string]any{"refresh_token": map[string]any{"rotation_type": "non-rotating", "expiration_type": "not-a-valid-expiration_type"}},
			"refresh_token.expiration_type outside its enum"},
		{"near-miss/token-endpoint-auth-method-private-key-jwt", map[string]any{"token_endpoint_auth_method": "private_key_jwt"},
			"token_endpoint_auth_method private_key_jwt: key-based methods go through client_authentication_methods"},
		{"near-miss/token-endpoint-auth-method-client-secret-jwt", map[string]any{"token_endpoint_auth_method": "client_secret_jwt"},
			"token_endpoint_auth_method client_secret_jwt, an OIDC method Auth0 does not offer"},
		{"near-miss/jwt-alg-rs384", map[string]any{"jwt_configuration": map[string]any{"alg": "RS384"}},
			"jwt_configuration.alg RS384, a credential alg, not a client signing alg"},
		{"near-miss/app-type-web", map[string]any{"app_type": "web"},
			"app_type web, Transmit's client_type, not an Auth0 app_type (regular_web is)"},
		{"near-miss/organization-usage-optional", map[string]any{"organization_usage": "optional"},
			"organization_usage optional, not one of deny|allow|require"},
	}
	for _, nm := range nearMisses {
		out = append(out, scenario.Scenario{ID: "auth0/enums/client/" + nm.name, Basis: scenario.Spec,
			Requirement: "createClient with " + nm.why + " gives 400.",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodPost, "/clients", scenario.JSON(a0With(s, nm.body))).Check(http.StatusBadRequest)
			}})
	}
	return out
}

// a0SchemaScenarios: each kind of response, produced once, so a schema fault is caught in its
// own category (every exchange of every scenario is checked against the spec as well).
func a0SchemaScenarios() []scenario.Scenario {
	sc := func(name, req string, run func(s *scenario.S)) scenario.Scenario {
		return scenario.Scenario{ID: "auth0/schema/" + name, Basis: scenario.Spec, Requirement: req, Run: run}
	}
	return []scenario.Scenario{
		sc("client-responses", "Create, get, list (bare and with totals), PATCH and rotate responses of a client match the spec.", func(s *scenario.S) {
			id, _ := a0Create(s, a0FullBody(s))
			a0Get(s, scenario.Main, id)
			a0Page(s, scenario.Main, 0, 5)
			s.Do(scenario.Main, http.MethodGet, "/clients", scenario.Query("include_totals", "true"), scenario.Query("per_page", "5")).Expect(http.StatusOK)
			s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{"description": "schema"})).Expect(http.StatusOK)
			s.Do(scenario.Main, http.MethodPost, a0Rotate(id)).Expect(http.StatusOK)
		}),
		sc("minimal-client", "The response to a minimal create matches the spec.", func(s *scenario.S) {
			a0NewClient(s)
		}),
		sc("credential-responses", "Create, list, get and PATCH responses of credentials match the spec (timestamps are RFC 3339 date-times).", func(s *scenario.S) {
			client := a0NewClient(s)
			id := a0NewCredential(s, client, a0PublicKeyBody(s, 0))
			a0NewCredential(s, client, map[string]any{"credential_type": "x509_cert", "name": s.Name("cert"), "pem": a0CertPEM(s)})
			a0CredentialIDs(s, client)
			s.Do(scenario.Main, http.MethodGet, a0Credential(client, id)).Expect(http.StatusOK)
			s.Do(scenario.Main, http.MethodPatch, a0Credential(client, id), scenario.JSON(map[string]any{"expires_at": a0Expiry(5).Format(time.RFC3339)})).Expect(http.StatusOK)
		}),
		sc("delete-empty-body", "Client and credential DELETE answer 204 with an empty body.", func(s *scenario.S) {
			client := a0NewClient(s)
			id := a0NewCredential(s, client, a0PublicKeyBody(s, 0))
			s.Do(scenario.Main, http.MethodDelete, a0Credential(client, id)).Expect(http.StatusNoContent)
			s.Do(scenario.Main, http.MethodDelete, a0Client(client)).Expect(http.StatusNoContent)
		}),
		sc("error-400", "A 400 answer carries the documented error body (statusCode 400, error Bad Request).", func(s *scenario.S) {
			s.Do(scenario.Main, http.MethodPost, "/clients", scenario.JSON(map[string]any{"name": ""})).Expect(http.StatusBadRequest)
		}),
		sc("error-401", "A 401 answer carries the documented error body (statusCode 401, error Unauthorized).", func(s *scenario.S) {
			s.Do(scenario.NoToken, http.MethodGet, "/clients").Expect(http.StatusUnauthorized)
		}),
		{ID: "auth0/schema/error-403", Basis: scenario.Spec, Roles: []scenario.Role{scenario.NoPerm},
			Requirement: "A 403 answer carries the documented error body (statusCode 403, error Forbidden).",
			Run: func(s *scenario.S) {
				s.Do(scenario.NoPerm, http.MethodGet, "/clients").Expect(http.StatusForbidden)
			}},
		sc("error-404", "A 404 answer carries the documented error body (statusCode 404, error Not Found).", func(s *scenario.S) {
			s.Do(scenario.Main, http.MethodGet, a0Client(a0UnknownClientID)).Expect(http.StatusNotFound)
		}),
		sc("error-404-credential", "A 404 for an unknown credential carries the documented error body.", func(s *scenario.S) {
			s.Do(scenario.Main, http.MethodGet, a0Credential(a0NewClient(s), a0UnknownCredentialID)).Expect(http.StatusNotFound)
		}),
		sc("error-409", "A 409 answer carries the documented error body (statusCode 409, error Conflict).", func(s *scenario.S) {
			alias := s.Name("alias")
			a0Create(s, a0With(s, map[string]any{"client_aliases": []any{alias}}))
			s.Do(scenario.Main, http.MethodPost, "/clients", scenario.JSON(a0With(s, map[string]any{"client_aliases": []any{alias}}))).Expect(http.StatusConflict)
		}),
	}
}
