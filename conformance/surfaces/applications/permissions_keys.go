package applications

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// permissionKeyScenarios: signing keys act on the token's own app: another app's key is out of reach, an admin token gets 403.
func permissionKeyScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "applications/permissions/other-app-key-invisible", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Other},
			Requirement: "Signing keys belong to the token's app: another app's key is not listed, and PUT/DELETE of it give 404.",
			Run: func(s *scenario.S) {
				other := createKey(s, scenario.Other).String("/id")
				if l := s.Do(scenario.Main, http.MethodGet, keysPath).Expect(http.StatusOK); keyIDsIn(l)[other] {
					s.Errorf(l, "other app's key not listed", "no "+other, "listed")
				}
				s.Do(scenario.Main, http.MethodPut, keyPath(other), scenario.JSON(map[string]any{"status": "disabled"})).Check(http.StatusNotFound)
				// The key staying is the context's read-back, as its owner, after the refused DELETE.
				s.Do(scenario.Main, http.MethodDelete, keyPath(other)).Check(http.StatusNotFound)
			}},
		{ID: "applications/permissions/admin-token-keys-403", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Admin},
			Requirement: "Signing keys act on the token's own app, so an admin token gets 403.",
			Run: func(s *scenario.S) {
				s.Do(scenario.Admin, http.MethodGet, keysPath).Check(http.StatusForbidden)
				s.Do(scenario.Admin, http.MethodPost, keysPath, scenario.JSON(map[string]any{"name": s.Name("admin-key")})).Check(http.StatusForbidden)
				id := createKey(s, scenario.Main).String("/id")
				s.Do(scenario.Admin, http.MethodPut, keyPath(id), scenario.JSON(map[string]any{"status": "disabled"})).Check(http.StatusForbidden)
				// The key staying is the context's read-back after the refused DELETE (postcheck.go).
				s.Do(scenario.Admin, http.MethodDelete, keyPath(id)).Check(http.StatusForbidden)
			}},
	}
}
