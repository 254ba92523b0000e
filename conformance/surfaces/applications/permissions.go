package applications

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
	"github.com/clientconf/clientconf/conformance/surfaces/clients"
)

// appAccessScenarios: a client token acts on, and lists, its own app only (another appId → 403,
// existing or not); an admin token acts on any app.
func appAccessScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "applications/permissions/client-token-other-app-403", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Other},
			Requirement: "A client token on another app's /v1/applications/{appId}… paths gets 403.",
			Run: func(s *scenario.S) {
				other := appPath(s.AppID(scenario.Other))
				s.Do(scenario.Main, http.MethodGet, other).Check(http.StatusForbidden)
				s.Do(scenario.Main, http.MethodPut, other, scenario.JSON(map[string]any{"app_description": "hijacked"})).Check(http.StatusForbidden)
				s.Do(scenario.Main, http.MethodGet, other+"/clients").Check(http.StatusForbidden)
				s.Do(scenario.Main, http.MethodPost, other+"/clients", scenario.JSON(clients.MinimalOIDC(s))).Check(http.StatusForbidden)
			}},
		{ID: "applications/permissions/client-token-cannot-empty-other-app", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Other},
			Destructive: true, // a faulty target would delete the other app's clients
			Requirement: "A client token cannot delete another app's clients (403); they stay.",
			Run: func(s *scenario.S) {
				other := applicationsClientAPI().Create(s, scenario.Other, clients.MinimalOIDC(s)).String("/client_id")
				s.Do(scenario.Main, http.MethodDelete, appPath(s.AppID(scenario.Other))+"/clients").Check(http.StatusForbidden)
				s.Do(scenario.Main, http.MethodPut, appPath(s.AppID(scenario.Other))+"/resources", scenario.JSON(map[string]any{"resource_ids": []any{"res-x"}})).Check(http.StatusForbidden)
				s.Do(scenario.Other, http.MethodGet, appPath(s.AppID(scenario.Other))+"/clients/"+other).Check(http.StatusOK)
			}},
		{ID: "applications/permissions/client-token-unknown-app-403", Basis: scenario.Assumed,
			Requirement: "A client token on an app id that does not exist gets 403, not 404.",
			Run: func(s *scenario.S) {
				unknown := appPath("ccs-no-such-app-0000")
				s.Do(scenario.Main, http.MethodGet, unknown).Check(http.StatusForbidden)
				s.Do(scenario.Main, http.MethodGet, unknown+"/clients").Check(http.StatusForbidden)
			}},
		{ID: "applications/permissions/client-token-cannot-delete-other-app", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Admin},
			Requirement: "A client token cannot delete another app (403); the app stays.",
			Run: func(s *scenario.S) {
				id, _ := s.ScratchApp()
				s.Do(scenario.Main, http.MethodDelete, appPath(id)).Check(http.StatusForbidden)
				s.Do(scenario.Admin, http.MethodGet, appPath(id)).Check(http.StatusOK)
			}},
		{ID: "applications/permissions/delete-app-needs-token", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Admin},
			Requirement: "DELETE of an app without a token, or with an unknown token, gives 401; the app stays.",
			Run: func(s *scenario.S) {
				id, _ := s.ScratchApp()
				s.Do(scenario.NoToken, http.MethodDelete, appPath(id)).Check(http.StatusUnauthorized)
				s.Do(scenario.BadToken, http.MethodDelete, appPath(id)).Check(http.StatusUnauthorized)
				s.Do(scenario.Admin, http.MethodGet, appPath(id)).Check(http.StatusOK)
			}},
		{ID: "applications/permissions/admin-token-any-app", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Admin},
			Requirement: "An admin token may read and manage the clients of any app of the tenant.",
			Run: func(s *scenario.S) {
				path := appPath(s.AppID(scenario.Main))
				s.Do(scenario.Admin, http.MethodGet, path).Check(http.StatusOK)
				s.Do(scenario.Admin, http.MethodGet, path+"/clients").Check(http.StatusOK)
				s.Do(scenario.Admin, http.MethodPost, path+"/clients", scenario.JSON(clients.MinimalOIDC(s))).Check(http.StatusCreated)
			}},
		{ID: "applications/permissions/readonly-cannot-create-app-client", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.ReadOnly},
			Requirement: "A read-only token cannot create a client in its own app (403).",
			Run: func(s *scenario.S) {
				s.Do(scenario.ReadOnly, http.MethodPost, appPath(s.AppID(scenario.Main))+"/clients", scenario.JSON(clients.MinimalOIDC(s))).Check(http.StatusForbidden)
			}},
		{ID: "applications/permissions/client-token-sees-own-app", Basis: scenario.Assumed,
			Requirement: "With a client token, GET /v1/applications and /list show only the token's own app.",
			Run: func(s *scenario.S) {
				own := s.AppID(scenario.Main)
				for _, path := range []string{"/v1/applications", "/v1/applications/list"} {
					l := s.Do(scenario.Main, http.MethodGet, path).Expect(http.StatusOK)
					ids := appIDsIn(l)
					if len(ids) != 1 || !ids[own] {
						s.Errorf(l, "only the own app listed", "exactly "+own, scenario.DescribeJSON(keys(ids)))
					}
				}
			}},
	}
}
