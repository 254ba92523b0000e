package applications

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// notFoundScenarios: unknown app and signing key ids give 404 (an app id 400 too, to an admin token), never success.
func notFoundScenarios() []scenario.Scenario {
	admin := []scenario.Role{scenario.Admin}
	return []scenario.Scenario{
		{ID: "applications/not-found/app-unknown-id", Basis: scenario.Spec, Roles: admin,
			Requirement: "GET, PUT and DELETE of an app id that does not exist give 404 (or 400) to an admin token, never success.",
			Run: func(s *scenario.S) {
				// CONTRACT: for an unknown appId with an admin token, 400 is accepted too.
				path := appPath("ccs-no-such-app-0000")
				s.Do(scenario.Admin, http.MethodGet, path).Check(http.StatusNotFound, http.StatusBadRequest)
				s.Do(scenario.Admin, http.MethodPut, path, scenario.JSON(map[string]any{"app_description": "x"})).Check(http.StatusNotFound, http.StatusBadRequest)
				s.Do(scenario.Admin, http.MethodDelete, path).Check(http.StatusNotFound, http.StatusBadRequest)
			}},
		{ID: "applications/not-found/unknown-app-clients", Basis: scenario.Assumed, Roles: admin,
			Requirement: "The clients of an app id that does not exist give 404 (or 400) to an admin token, never a list.",
			Run: func(s *scenario.S) {
				s.Do(scenario.Admin, http.MethodGet, appPath("ccs-no-such-app-0000")+"/clients").Check(http.StatusNotFound, http.StatusBadRequest)
			}},
		{ID: "applications/not-found/literal-list-is-not-an-app-id", Basis: scenario.Spec, Roles: admin,
			Requirement: "GET /v1/applications/list is the list operation, never a lookup of an app with id \"list\" (no 404).",
			Run: func(s *scenario.S) {
				s.Do(scenario.Admin, http.MethodGet, "/v1/applications/list").Check(http.StatusOK)
			}},
		{ID: "applications/not-found/key-unknown-id", Basis: scenario.Assumed,
			Requirement: "PUT and DELETE of a signing key id that does not exist give 404.",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodPut, keyPath("ccs-no-such-key-0000"), scenario.JSON(map[string]any{"name": s.Name("x")})).Check(http.StatusNotFound)
				s.Do(scenario.Main, http.MethodDelete, keyPath("ccs-no-such-key-0000")).Check(http.StatusNotFound)
			}},
	}
}
