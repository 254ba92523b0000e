package clients

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// appScopedScenarios: permissions of the form <appId>:<action> count for that app only. The
// /v1/clients operations list such permissions; the /v1/applications/{appId}/clients ones do
// not (api-facts §4–5), so this runs on the clients surface only.
func appScopedScenarios(a ClientAPI) []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "clients/permissions/app-scoped-permission", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.AppScoped},
			Requirement: "A token whose only client permissions are <its appId>:read and <another appId>:edit may list and read its app's clients (200), " +
				"but a PUT of one gets 403 and changes nothing: an app-scoped permission counts only for the app it names.",
			Run: func(s *scenario.S) {
				id, _ := a.CreateMinimal(s)
				item := a.item(s, scenario.Main, id)
				s.Do(scenario.AppScoped, http.MethodGet, a.Collection(s, scenario.Main)).Check(http.StatusOK)
				s.Do(scenario.AppScoped, http.MethodGet, item).Check(http.StatusOK)
				s.Do(scenario.AppScoped, http.MethodPut, item, scenario.JSON(map[string]any{"description": "edited under another app's permission"})).
					Check(http.StatusForbidden)
				got := s.Do(scenario.Main, http.MethodGet, item).Expect(http.StatusOK)
				if d, _ := got.Field("/description"); d == "edited under another app's permission" {
					s.Errorf(got, "refused PUT changes nothing", "the description as created", scenario.DescribeJSON(d))
				}
			}},
	}
}
