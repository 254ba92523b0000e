package conformance

import (
	"net/http"
)

// clientAccessScenarios: authentication order and app isolation beyond the per-operation
// permission table.
func clientAccessScenarios(a clientAPI) []Scenario {
	return []Scenario{
		{ID: a.id("permissions/401-before-400"), Basis: Assumed,
			Requirement: "Without a token, a malformed create body still gives 401 (authentication is decided first).",
			Run: func(s *S) {
				s.Do(NoToken, http.MethodPost, a.collection(s, Main), Raw("application/json", []byte(`{"name":`))).Check(http.StatusUnauthorized)
			}},
		{ID: a.id("permissions/403-before-400"), Basis: Assumed, Roles: []Role{NoPerm},
			Requirement: "A token without permission gets 403 even for a malformed body (403 before validation).",
			Run: func(s *S) {
				s.Do(NoPerm, http.MethodPost, a.collection(s, Main), Raw("application/json", []byte(`{"name":`))).Check(http.StatusForbidden)
			}},
		{ID: a.id("permissions/403-before-404"), Basis: Assumed, Roles: []Role{NoPerm},
			Requirement: "A token without permission gets 403 for an unknown client id (403 before the id lookup).",
			Run: func(s *S) {
				s.Do(NoPerm, http.MethodGet, a.item(s, Main, unknownClientID)).Check(http.StatusForbidden)
			}},
		{ID: a.id("permissions/non-bearer-scheme"), Basis: Assumed,
			Requirement: "A valid token under another scheme than Bearer (Token, Basic) gives 401.",
			Run: func(s *S) {
				tok, _, err := s.env.token(s.T.Context(), Main)
				if err != nil {
					s.SuiteFatalf("%v", err)
				}
				for _, scheme := range []string{"Token ", "Basic "} {
					s.Do(NoToken, http.MethodGet, a.collection(s, Main), Header("Authorization", scheme+tok)).Check(http.StatusUnauthorized)
				}
			}},
		{ID: a.id("permissions/other-app-client-inaccessible"), Basis: Assumed, Roles: []Role{Other},
			Requirement: "Another app's client cannot be read, updated, deleted or have its resources set by this app's token.",
			Run: func(s *S) {
				other := a.create(s, Other, minimalOIDC(s)).String("/client_id")
				path := a.item(s, Other, other)
				if a.otherAppStatus == http.StatusNotFound {
					path = a.item(s, Main, other) // through /v1/clients the other app's client simply does not exist
				}
				s.Do(Main, http.MethodGet, path).Check(a.otherAppStatus)
				s.Do(Main, http.MethodPut, path, JSON(map[string]any{"description": "hijacked"})).Check(a.otherAppStatus)
				s.Do(Main, http.MethodPut, path+"/resources", JSON(map[string]any{"resource_ids": []any{"res-x"}})).Check(a.otherAppStatus)
				s.Do(Main, http.MethodDelete, path).Check(a.otherAppStatus)
				got := s.Do(Other, http.MethodGet, a.item(s, Other, other)).Expect(http.StatusOK)
				requireField(s, got, "/client_id", other)
				if _, ok := got.Field("/description"); ok && got.String("/description") == "hijacked" {
					s.Errorf(got, "other app's client unchanged", "description not hijacked", "hijacked")
				}
			}},
		{ID: a.id("permissions/other-app-client-not-listed"), Basis: Assumed, Roles: []Role{Other},
			Requirement: "This app's client list does not contain another app's clients.",
			Run: func(s *S) {
				other := a.create(s, Other, minimalOIDC(s)).String("/client_id")
				list := s.Do(Main, http.MethodGet, a.collection(s, Main)).Expect(http.StatusOK)
				if listIDs(list)[other] {
					s.Errorf(list, "other app's client not listed", "no "+other+" in the list", "listed")
				}
			}},
	}
}

// clientSchemaScenarios: each kind of response, produced once, so a schema fault is caught in
// its own category (every exchange of every scenario is checked against the spec as well).
func clientSchemaScenarios(a clientAPI) []Scenario {
	sc := func(name, req string, run func(s *S)) Scenario {
		return Scenario{ID: a.id("schema/" + name), Basis: Spec, Requirement: req, Run: run}
	}
	return []Scenario{
		{ID: a.id("schema/input-only-fields-not-echoed"), Basis: Assumed,
			Requirement: "Input-only fields (is_third_party, allowed_scopes, consent_uri, consent_validity_period, role_ids) are accepted and not echoed.",
			Run: func(s *S) {
				body := minimalOIDC(s)
				inputOnly := map[string]any{"is_third_party": true, "allowed_scopes": []any{"openid"},
					"consent_uri": "https://conformance.example.com/consent", "consent_validity_period": 30, "role_ids": []any{"role-1"}}
				for k, v := range inputOnly {
					body[k] = v
				}
				r := a.create(s, Main, body)
				for k := range inputOnly {
					if _, ok := r.Field("/" + k); ok {
						s.Errorf(r, "input-only "+k+" not echoed", "no "+k+" in the response", "echoed")
					}
				}
			}},
		sc("oidc-client", "Create, get, list and update responses of an OIDC client match the spec.", func(s *S) {
			r := a.create(s, Main, fixtureBody(s, "client-oidc-full.json"))
			id := r.String("/client_id")
			s.Do(Main, http.MethodGet, a.item(s, Main, id)).Expect(http.StatusOK)
			s.Do(Main, http.MethodGet, a.collection(s, Main)).Expect(http.StatusOK)
			s.Do(Main, http.MethodPut, a.item(s, Main, id), JSON(map[string]any{"description": "schema"})).Expect(http.StatusOK)
			s.Do(Main, http.MethodPut, a.item(s, Main, id)+"/resources", JSON(map[string]any{"resource_ids": []any{"res-a"}})).Expect(http.StatusOK)
		}),
		sc("saml-client", "Create and get responses of a SAML client match the spec.", func(s *S) {
			r := a.create(s, Main, fixtureBody(s, "client-saml.json"))
			s.Do(Main, http.MethodGet, a.item(s, Main, r.String("/client_id"))).Expect(http.StatusOK)
		}),
		sc("minimal-client", "The response to a minimal create has every field the spec requires.", func(s *S) {
			a.createMinimal(s)
		}),
		sc("delete-empty-body", "DELETE answers 204 with an empty body.", func(s *S) {
			id, _ := a.createMinimal(s)
			s.Do(Main, http.MethodDelete, a.item(s, Main, id)).Expect(http.StatusNoContent)
		}),
		sc("error-400", "A 400 answer carries the documented JSON error body.", func(s *S) {
			s.Do(Main, http.MethodPost, a.collection(s, Main), JSON(map[string]any{"name": ""})).Expect(http.StatusBadRequest)
		}),
		sc("error-401", "A 401 answer carries the documented JSON error body and a Bearer challenge.", func(s *S) {
			s.Do(NoToken, http.MethodGet, a.collection(s, Main)).Expect(http.StatusUnauthorized)
		}),
		sc("error-404", "A 404 answer carries the documented JSON error body.", func(s *S) {
			s.Do(Main, http.MethodGet, a.item(s, Main, unknownClientID)).Expect(http.StatusNotFound)
		}),
		sc("error-409", "A 409 answer carries the documented JSON error body with ts_error_code.", func(s *S) {
			_, first := a.createMinimal(s)
			body := minimalOIDC(s)
			body["name"] = first.String("/name")
			s.Do(Main, http.MethodPost, a.collection(s, Main), JSON(body)).Expect(http.StatusConflict)
		}),
	}
}
