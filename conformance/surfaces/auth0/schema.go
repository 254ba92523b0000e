package auth0

import (
	"net/http"
	"time"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0SchemaScenarios: each kind of response, produced once, so a schema fault is caught in its
// own category (every exchange of every scenario is checked against the spec as well).
func a0SchemaScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "auth0/schema/client-responses", Basis: scenario.Spec,
			Requirement: "Create, get, list (bare and with totals), PATCH and rotate responses of a client match the spec.",
			Run: func(s *scenario.S) {
				id, _ := a0Create(s, a0FullBody(s))
				a0Get(s, scenario.Main, id)
				a0Page(s, scenario.Main, 0, 5)
				s.Do(scenario.Main, http.MethodGet, "/clients", scenario.Query("include_totals", "true"), scenario.Query("per_page", "5")).Expect(http.StatusOK)
				s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{"description": "schema"})).Expect(http.StatusOK)
				s.Do(scenario.Main, http.MethodPost, a0Rotate(id)).Expect(http.StatusOK)
			}},
		{ID: "auth0/schema/minimal-client", Basis: scenario.Spec,
			Requirement: "The response to a minimal create matches the spec.",
			Run: func(s *scenario.S) {
				a0NewClient(s)
			}},
		{ID: "auth0/schema/credential-responses", Basis: scenario.Spec,
			Requirement: "Create, list, get and PATCH responses of credentials match the spec (timestamps are RFC 3339 date-times).",
			Run: func(s *scenario.S) {
				client := a0NewClient(s)
				id := a0NewCredential(s, client, a0PublicKeyBody(s, 0))
				a0NewCredential(s, client, map[string]any{"credential_type": "x509_cert", "name": s.Name("cert"), "pem": a0CertPEM(s)})
				a0CredentialIDs(s, client)
				s.Do(scenario.Main, http.MethodGet, a0Credential(client, id)).Expect(http.StatusOK)
				s.Do(scenario.Main, http.MethodPatch, a0Credential(client, id), scenario.JSON(map[string]any{"expires_at": a0Expiry(5).Format(time.RFC3339)})).Expect(http.StatusOK)
			}},
		{ID: "auth0/schema/delete-empty-body", Basis: scenario.Spec,
			Requirement: "Client and credential DELETE answer 204 with an empty body.",
			Run: func(s *scenario.S) {
				client := a0NewClient(s)
				id := a0NewCredential(s, client, a0PublicKeyBody(s, 0))
				s.Do(scenario.Main, http.MethodDelete, a0Credential(client, id)).Expect(http.StatusNoContent)
				s.Do(scenario.Main, http.MethodDelete, a0Client(client)).Expect(http.StatusNoContent)
			}},
		{ID: "auth0/schema/error-400", Basis: scenario.Spec,
			Requirement: "A 400 answer carries the documented error body (statusCode 400, error Bad Request).",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodPost, "/clients", scenario.JSON(map[string]any{"name": ""})).Expect(http.StatusBadRequest)
			}},
		{ID: "auth0/schema/error-401", Basis: scenario.Spec,
			Requirement: "A 401 answer carries the documented error body (statusCode 401, error Unauthorized).",
			Run: func(s *scenario.S) {
				s.Do(scenario.NoToken, http.MethodGet, "/clients").Expect(http.StatusUnauthorized)
			}},
		{ID: "auth0/schema/error-403", Basis: scenario.Spec, Roles: []scenario.Role{scenario.NoPerm},
			Requirement: "A 403 answer carries the documented error body (statusCode 403, error Forbidden).",
			Run: func(s *scenario.S) {
				s.Do(scenario.NoPerm, http.MethodGet, "/clients").Expect(http.StatusForbidden)
			}},
		{ID: "auth0/schema/error-404", Basis: scenario.Spec,
			Requirement: "A 404 answer carries the documented error body (statusCode 404, error Not Found).",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodGet, a0Client(a0UnknownClientID)).Expect(http.StatusNotFound)
			}},
		{ID: "auth0/schema/error-404-credential", Basis: scenario.Spec,
			Requirement: "A 404 for an unknown credential carries the documented error body.",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodGet, a0Credential(a0NewClient(s), a0UnknownCredentialID)).Expect(http.StatusNotFound)
			}},
		{ID: "auth0/schema/error-409", Basis: scenario.Spec,
			Requirement: "A 409 answer carries the documented error body (statusCode 409, error Conflict).",
			Run: func(s *scenario.S) {
				alias := s.Name("alias")
				a0Create(s, a0With(s, map[string]any{"client_aliases": []any{alias}}))
				s.Do(scenario.Main, http.MethodPost, "/clients", scenario.JSON(a0With(s, map[string]any{"client_aliases": []any{alias}}))).Expect(http.StatusConflict)
			}},
	}
}
