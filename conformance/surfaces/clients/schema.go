package clients

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// clientSchemaScenarios: each kind of response, produced once, so a schema fault is caught in
// its own category (every exchange of every scenario is checked against the spec as well).
func clientSchemaScenarios(a ClientAPI) []scenario.Scenario {
	return []scenario.Scenario{
		{ID: a.id("clients/schema/input-only-fields-not-echoed"), Basis: scenario.Assumed,
			Requirement: "Input-only fields (is_third_party, allowed_scopes, consent_uri, consent_validity_period, role_ids) are accepted and not echoed.",
			Run: func(s *scenario.S) {
				body := MinimalOIDC(s)
				inputOnly := map[string]any{"is_third_party": true, "allowed_scopes": []any{"openid"},
					"consent_uri": "https://conformance.example.com/consent", "consent_validity_period": 30, "role_ids": []any{"role-1"}}
				for k, v := range inputOnly {
					body[k] = v
				}
				r := a.Create(s, scenario.Main, body)
				for k := range inputOnly {
					if _, ok := r.Field("/" + k); ok {
						s.Errorf(r, "input-only "+k+" not echoed", "no "+k+" in the response", "echoed")
					}
				}
			}},
		{ID: a.id("clients/schema/oidc-client"), Basis: scenario.Spec,
			Requirement: "Create, get, list and update responses of an OIDC client match the spec.",
			Run: func(s *scenario.S) {
				r := a.Create(s, scenario.Main, fixtureBody(s, "client-oidc-full.json"))
				id := r.String("/client_id")
				s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
				s.Do(scenario.Main, http.MethodGet, a.Collection(s, scenario.Main)).Expect(http.StatusOK)
				s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"description": "schema"})).Expect(http.StatusOK)
				s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id)+"/resources", scenario.JSON(map[string]any{"resource_ids": []any{"res-a"}})).Expect(http.StatusOK)
			}},
		{ID: a.id("clients/schema/saml-client"), Basis: scenario.Spec,
			Requirement: "Create and get responses of a SAML client match the spec.",
			Run: func(s *scenario.S) {
				r := a.Create(s, scenario.Main, fixtureBody(s, "client-saml.json"))
				s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, r.String("/client_id"))).Expect(http.StatusOK)
			}},
		{ID: a.id("clients/schema/minimal-client"), Basis: scenario.Spec,
			Requirement: "The response to a minimal create has every field the spec requires.",
			Run: func(s *scenario.S) {
				a.CreateMinimal(s)
			}},
		{ID: a.id("clients/schema/delete-empty-body"), Basis: scenario.Spec,
			Requirement: "DELETE answers 204 with an empty body.",
			Run: func(s *scenario.S) {
				id, _ := a.CreateMinimal(s)
				s.Do(scenario.Main, http.MethodDelete, a.item(s, scenario.Main, id)).Expect(http.StatusNoContent)
			}},
		{ID: a.id("clients/schema/error-400"), Basis: scenario.Spec,
			Requirement: "A 400 answer carries the documented JSON error body.",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), scenario.JSON(map[string]any{"name": ""})).Expect(http.StatusBadRequest)
			}},
		{ID: a.id("clients/schema/error-401"), Basis: scenario.Spec,
			Requirement: "A 401 answer carries the documented JSON error body and a Bearer challenge.",
			Run: func(s *scenario.S) {
				s.Do(scenario.NoToken, http.MethodGet, a.Collection(s, scenario.Main)).Expect(http.StatusUnauthorized)
			}},
		{ID: a.id("clients/schema/error-404"), Basis: scenario.Spec,
			Requirement: "A 404 answer carries the documented JSON error body.",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, unknownClientID)).Expect(http.StatusNotFound)
			}},
		{ID: a.id("clients/schema/error-409"), Basis: scenario.Spec,
			Requirement: "A 409 answer carries the documented JSON error body with ts_error_code.",
			Run: func(s *scenario.S) {
				_, first := a.CreateMinimal(s)
				body := MinimalOIDC(s)
				body["name"] = first.String("/name")
				s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), scenario.JSON(body)).Expect(http.StatusConflict)
			}},
	}
}
