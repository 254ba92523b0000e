package clients

import (
	"github.com/clientconf/clientconf/conformance/scenario"
	"net/http"
)

// clientAccessScenarios: authentication order and app isolation beyond the per-operation
// permission table.
func clientAccessScenarios(a ClientAPI) []scenario.Scenario {
	return []scenario.Scenario{
		{ID: a.id("permissions/401-before-400"), Basis: scenario.Assumed,
			Requirement: "Without a token, a malformed create body still gives 401 (authentication is decided first).",
			Run: func(s *scenario.S) {
				s.Do(scenario.NoToken, http.MethodPost, a.Collection(s, scenario.Main), scenario.Raw("application/json", []byte(`{"name":`))).Check(http.StatusUnauthorized)
			}},
		{ID: a.id("permissions/403-before-400"), Basis: scenario.Assumed, Roles: []scenario.Role{scenario.NoPerm},
			Requirement: "A token without permission gets 403 even for a malformed body (403 before validation).",
			Run: func(s *scenario.S) {
				s.Do(scenario.NoPerm, http.MethodPost, a.Collection(s, scenario.Main), scenario.Raw("application/json", []byte(`{"name":`))).Check(http.StatusForbidden)
			}},
		{ID: a.id("permissions/403-before-404"), Basis: scenario.Assumed, Roles: []scenario.Role{scenario.NoPerm},
			Requirement: "A token without permission gets 403 for an unknown client id (403 before the id lookup).",
			Run: func(s *scenario.S) {
				s.Do(scenario.NoPerm, http.MethodGet, a.item(s, scenario.Main, unknownClientID)).Check(http.StatusForbidden)
			}},
		{ID: a.id("permissions/non-bearer-scheme"), Basis: scenario.Assumed,
			Requirement: "A valid token under another scheme than Bearer (Token, Basic) gives 401.",
			Run: func(s *scenario.S) {
				tok := s.Token(scenario.Main)
				for _, scheme := range []string{"Token ", "Basic "} {
					s.Do(scenario.NoToken, http.MethodGet, a.Collection(s, scenario.Main), scenario.Header("Authorization", scheme+tok)).Check(http.StatusUnauthorized)
				}
			}},
		{ID: a.id("permissions/other-app-client-inaccessible"), Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Other},
			Requirement: "Another app's client cannot be read, updated, deleted or have its resources set by this app's token.",
			Run: func(s *scenario.S) {
				other := a.Create(s, scenario.Other, MinimalOIDC(s)).String("/client_id")
				path := a.item(s, scenario.Other, other)
				if a.OtherAppStatus == http.StatusNotFound {
					path = a.item(s, scenario.Main, other) // through /v1/clients the other app's client simply does not exist
				}
				s.Do(scenario.Main, http.MethodGet, path).Check(a.OtherAppStatus)
				s.Do(scenario.Main, http.MethodPut, path, scenario.JSON(map[string]any{"description": "hijacked"})).Check(a.OtherAppStatus)
				s.Do(scenario.Main, http.MethodPut, path+"/resources", scenario.JSON(map[string]any{"resource_ids": []any{"res-x"}})).Check(a.OtherAppStatus)
				s.Do(scenario.Main, http.MethodDelete, path).Check(a.OtherAppStatus)
				got := s.Do(scenario.Other, http.MethodGet, a.item(s, scenario.Other, other)).Expect(http.StatusOK)
				scenario.RequireField(s, got, "/client_id", other)
				if _, ok := got.Field("/description"); ok && got.String("/description") == "hijacked" {
					s.Errorf(got, "other app's client unchanged", "description not hijacked", "hijacked")
				}
			}},
		{ID: a.id("permissions/other-app-client-not-listed"), Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Other},
			Requirement: "This app's client list does not contain another app's clients.",
			Run: func(s *scenario.S) {
				other := a.Create(s, scenario.Other, MinimalOIDC(s)).String("/client_id")
				list := s.Do(scenario.Main, http.MethodGet, a.Collection(s, scenario.Main)).Expect(http.StatusOK)
				if ListIDs(list)[other] {
					s.Errorf(list, "other app's client not listed", "no "+other+" in the list", "listed")
				}
			}},
	}
}

// clientSchemaScenarios: each kind of response, produced once, so a schema fault is caught in
// its own category (every exchange of every scenario is checked against the spec as well).
func clientSchemaScenarios(a ClientAPI) []scenario.Scenario {
	sc := func(name, req string, run func(s *scenario.S)) scenario.Scenario {
		return scenario.Scenario{ID: a.id("schema/" + name), Basis: scenario.Spec, Requirement: req, Run: run}
	}
	return []scenario.Scenario{
		{ID: a.id("schema/input-only-fields-not-echoed"), Basis: scenario.Assumed,
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
		sc("oidc-client", "Create, get, list and update responses of an OIDC client match the spec.", func(s *scenario.S) {
			r := a.Create(s, scenario.Main, fixtureBody(s, "client-oidc-full.json"))
			id := r.String("/client_id")
			s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
			s.Do(scenario.Main, http.MethodGet, a.Collection(s, scenario.Main)).Expect(http.StatusOK)
			s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"description": "schema"})).Expect(http.StatusOK)
			s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id)+"/resources", scenario.JSON(map[string]any{"resource_ids": []any{"res-a"}})).Expect(http.StatusOK)
		}),
		sc("saml-client", "Create and get responses of a SAML client match the spec.", func(s *scenario.S) {
			r := a.Create(s, scenario.Main, fixtureBody(s, "client-saml.json"))
			s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, r.String("/client_id"))).Expect(http.StatusOK)
		}),
		sc("minimal-client", "The response to a minimal create has every field the spec requires.", func(s *scenario.S) {
			a.CreateMinimal(s)
		}),
		sc("delete-empty-body", "DELETE answers 204 with an empty body.", func(s *scenario.S) {
			id, _ := a.CreateMinimal(s)
			s.Do(scenario.Main, http.MethodDelete, a.item(s, scenario.Main, id)).Expect(http.StatusNoContent)
		}),
		sc("error-400", "A 400 answer carries the documented JSON error body.", func(s *scenario.S) {
			s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), scenario.JSON(map[string]any{"name": ""})).Expect(http.StatusBadRequest)
		}),
		sc("error-401", "A 401 answer carries the documented JSON error body and a Bearer challenge.", func(s *scenario.S) {
			s.Do(scenario.NoToken, http.MethodGet, a.Collection(s, scenario.Main)).Expect(http.StatusUnauthorized)
		}),
		sc("error-404", "A 404 answer carries the documented JSON error body.", func(s *scenario.S) {
			s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, unknownClientID)).Expect(http.StatusNotFound)
		}),
		sc("error-409", "A 409 answer carries the documented JSON error body with ts_error_code.", func(s *scenario.S) {
			_, first := a.CreateMinimal(s)
			body := MinimalOIDC(s)
			body["name"] = first.String("/name")
			s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), scenario.JSON(body)).Expect(http.StatusConflict)
		}),
	}
}
