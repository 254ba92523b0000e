package applications

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// conflictScenarios: a duplicate app name or signing key name gives 409.
func conflictScenarios() []scenario.Scenario {
	admin := []scenario.Role{scenario.Admin}
	return []scenario.Scenario{
		{ID: "applications/conflict/duplicate-app-name", Basis: scenario.Assumed, Roles: admin,
			Requirement: "A second app with the same app_name in the tenant gives 409.",
			Run: func(s *scenario.S) {
				_, first := s.ScratchApp()
				body := map[string]any{"app_name": first.String("/app_name"), "client_display_name": s.Name("dup")}
				s.Do(scenario.Admin, http.MethodPost, "/v1/applications", scenario.JSON(body)).Check(http.StatusConflict)
			}},
		{ID: "applications/conflict/rename-app-onto-existing", Basis: scenario.Assumed, Roles: admin,
			Requirement: "Renaming an app to another app's name gives 409.",
			Run: func(s *scenario.S) {
				_, first := s.ScratchApp()
				id, _ := s.ScratchApp()
				s.Do(scenario.Admin, http.MethodPut, appPath(id), scenario.JSON(map[string]any{"app_name": first.String("/app_name")})).Check(http.StatusConflict)
			}},
		{ID: "applications/conflict/duplicate-key-name", Basis: scenario.Assumed,
			Requirement: "A second signing key with the same name gives 409.",
			Run: func(s *scenario.S) {
				first := createKey(s, scenario.Main)
				s.Do(scenario.Main, http.MethodPost, keysPath, scenario.JSON(map[string]any{"name": first.String("/name")})).Check(http.StatusConflict)
			}},
		{ID: "applications/conflict/duplicate-key-name-upload", Basis: scenario.Assumed,
			Requirement: "Uploading a key with the name of an existing key gives 409.",
			Run: func(s *scenario.S) {
				first := createKey(s, scenario.Main)
				s.Do(scenario.Main, http.MethodPost, keysPath+"/upload", scenario.JSON(map[string]any{"name": first.String("/name"), "jwk": testJWK})).Check(http.StatusConflict)
			}},
	}
}
