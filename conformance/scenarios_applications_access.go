package conformance

import (
	"net/http"
)

// appAccessScenarios: a client token acts on its own app only (another appId → 403, existing
// or not); an admin token acts on any app.
func appAccessScenarios() []Scenario {
	return []Scenario{
		{ID: "applications/permissions/client-token-other-app-403", Basis: Assumed, Roles: []Role{Other},
			Requirement: "A client token on another app's /v1/applications/{appId}… paths gets 403.",
			Run: func(s *S) {
				other := appPath(s.appID(Other))
				s.Do(Main, http.MethodGet, other).Check(http.StatusForbidden)
				s.Do(Main, http.MethodPut, other, JSON(map[string]any{"app_description": "hijacked"})).Check(http.StatusForbidden)
				s.Do(Main, http.MethodGet, other+"/clients").Check(http.StatusForbidden)
				s.Do(Main, http.MethodPost, other+"/clients", JSON(minimalOIDC(s))).Check(http.StatusForbidden)
			}},
		{ID: "applications/permissions/client-token-cannot-empty-other-app", Basis: Assumed, Roles: []Role{Other},
			Destructive: true, // a faulty target would delete the other app's clients
			Requirement: "A client token cannot delete another app's clients (403); they stay.",
			Run: func(s *S) {
				other := applicationsClientAPI().create(s, Other, minimalOIDC(s)).String("/client_id")
				s.Do(Main, http.MethodDelete, appPath(s.appID(Other))+"/clients").Check(http.StatusForbidden)
				s.Do(Main, http.MethodPut, appPath(s.appID(Other))+"/resources", JSON(map[string]any{"resource_ids": []any{"res-x"}})).Check(http.StatusForbidden)
				s.Do(Other, http.MethodGet, appPath(s.appID(Other))+"/clients/"+other).Check(http.StatusOK)
			}},
		{ID: "applications/permissions/client-token-unknown-app-403", Basis: Assumed,
			Requirement: "A client token on an app id that does not exist gets 403, not 404.",
			Run: func(s *S) {
				unknown := appPath("ccs-no-such-app-0000")
				s.Do(Main, http.MethodGet, unknown).Check(http.StatusForbidden)
				s.Do(Main, http.MethodGet, unknown+"/clients").Check(http.StatusForbidden)
			}},
		{ID: "applications/permissions/client-token-cannot-delete-other-app", Basis: Assumed, Roles: []Role{Admin},
			Requirement: "A client token cannot delete another app (403); the app stays.",
			Run: func(s *S) {
				id, _ := s.scratchApp()
				s.Do(Main, http.MethodDelete, appPath(id)).Check(http.StatusForbidden)
				s.Do(Admin, http.MethodGet, appPath(id)).Check(http.StatusOK)
			}},
		{ID: "applications/permissions/delete-app-needs-token", Basis: Assumed, Roles: []Role{Admin},
			Requirement: "DELETE of an app without a token, or with an unknown token, gives 401; the app stays.",
			Run: func(s *S) {
				id, _ := s.scratchApp()
				s.Do(NoToken, http.MethodDelete, appPath(id)).Check(http.StatusUnauthorized)
				s.Do(BadToken, http.MethodDelete, appPath(id)).Check(http.StatusUnauthorized)
				s.Do(Admin, http.MethodGet, appPath(id)).Check(http.StatusOK)
			}},
		{ID: "applications/permissions/admin-token-any-app", Basis: Assumed, Roles: []Role{Admin},
			Requirement: "An admin token may read and manage the clients of any app of the tenant.",
			Run: func(s *S) {
				path := appPath(s.appID(Main))
				s.Do(Admin, http.MethodGet, path).Check(http.StatusOK)
				s.Do(Admin, http.MethodGet, path+"/clients").Check(http.StatusOK)
				s.Do(Admin, http.MethodPost, path+"/clients", JSON(minimalOIDC(s))).Check(http.StatusCreated)
			}},
		{ID: "applications/permissions/readonly-cannot-create-app-client", Basis: Assumed, Roles: []Role{ReadOnly},
			Requirement: "A read-only token cannot create a client in its own app (403).",
			Run: func(s *S) {
				s.Do(ReadOnly, http.MethodPost, appPath(s.appID(Main))+"/clients", JSON(minimalOIDC(s))).Check(http.StatusForbidden)
			}},
	}
}
