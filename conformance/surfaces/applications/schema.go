package applications

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// schemaScenarios: app and signing key operations answer with the documented bodies and routes.
func schemaScenarios() []scenario.Scenario {
	admin := []scenario.Role{scenario.Admin}
	return []scenario.Scenario{
		{ID: "applications/schema/signing-keys", Basis: scenario.Spec,
			Requirement: "Signing key create (201), upload (201), list and update answer with the documented bodies.",
			Run: func(s *scenario.S) {
				id := createKey(s, scenario.Main).String("/id")
				s.Do(scenario.Main, http.MethodPost, keysPath+"/upload", scenario.JSON(map[string]any{"name": s.Name("uploaded"), "jwk": testJWK})).Expect(http.StatusCreated)
				s.Do(scenario.Main, http.MethodGet, keysPath).Expect(http.StatusOK)
				s.Do(scenario.Main, http.MethodPut, keyPath(id), scenario.JSON(map[string]any{"status": "signing"})).Expect(http.StatusOK)
			}},
		{ID: "applications/schema/literal-routes", Basis: scenario.Spec,
			Requirement: "The literal paths /v1/applications/list and /signing-keys are their own operations, not an app id.",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodGet, "/v1/applications/list").Expect(http.StatusOK)
				s.Do(scenario.Main, http.MethodGet, "/v1/applications/signing-keys").Expect(http.StatusOK)
			}},
		{ID: "applications/schema/app-envelopes", Basis: scenario.Spec, Roles: admin,
			Requirement: "App operations answer {\"result\": …} as documented; the app's clients are bare.",
			Run: func(s *scenario.S) {
				id, _ := s.ScratchApp()
				s.Do(scenario.Admin, http.MethodGet, appPath(id)).Expect(http.StatusOK)
				s.Do(scenario.Admin, http.MethodGet, "/v1/applications").Expect(http.StatusOK)
				s.Do(scenario.Admin, http.MethodGet, appPath(id)+"/clients").Expect(http.StatusOK)
			}},
	}
}
