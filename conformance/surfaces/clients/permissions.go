package clients

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// clientAccessScenarios: authentication order and app isolation beyond the per-operation
// permission table.
func clientAccessScenarios(a ClientAPI) []scenario.Scenario {
	return []scenario.Scenario{
		{ID: a.id("clients/permissions/401-before-400"), Basis: scenario.Assumed,
			Requirement: "Without a token, a malformed create body still gives 401 (authentication is decided first).",
			Run: func(s *scenario.S) {
				s.Do(scenario.NoToken, http.MethodPost, a.Collection(s, scenario.Main), scenario.Raw("application/json", []byte(`{"name":`))).Check(http.StatusUnauthorized)
			}},
		{ID: a.id("clients/permissions/403-before-400"), Basis: scenario.Assumed, Roles: []scenario.Role{scenario.NoPerm},
			Requirement: "A token without permission gets 403 even for a malformed body (403 before validation).",
			Run: func(s *scenario.S) {
				s.Do(scenario.NoPerm, http.MethodPost, a.Collection(s, scenario.Main), scenario.Raw("application/json", []byte(`{"name":`))).Check(http.StatusForbidden)
			}},
		{ID: a.id("clients/permissions/403-before-404"), Basis: scenario.Assumed, Roles: []scenario.Role{scenario.NoPerm},
			Requirement: "A token without permission gets 403 for an unknown client id (403 before the id lookup).",
			Run: func(s *scenario.S) {
				s.Do(scenario.NoPerm, http.MethodGet, a.item(s, scenario.Main, unknownClientID)).Check(http.StatusForbidden)
			}},
		{ID: a.id("clients/permissions/non-bearer-scheme"), Basis: scenario.Assumed,
			Requirement: "A valid token under another scheme than Bearer (Token, Basic) gives 401.",
			Run: func(s *scenario.S) {
				tok := s.Token(scenario.Main)
				for _, scheme := range []string{"Token ", "Basic "} {
					s.Do(scenario.NoToken, http.MethodGet, a.Collection(s, scenario.Main), scenario.Header("Authorization", scheme+tok)).Check(http.StatusUnauthorized)
				}
			}},
		{ID: a.id("clients/permissions/other-app-client-inaccessible"), Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Other},
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
				// That the client stays, unchanged, is the context's read-back as its owner after each
				// refused write (postcheck.go).
				s.Do(scenario.Main, http.MethodDelete, path).Check(a.OtherAppStatus)
			}},
		{ID: a.id("clients/permissions/other-app-client-not-listed"), Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Other},
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
