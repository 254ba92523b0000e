package applications

import (
	"net/http"
	"net/url"

	"github.com/clientconf/clientconf/conformance/scenario"
	"github.com/clientconf/clientconf/conformance/surfaces/clients"
)

// crudAppScenarios: the application lifecycle, with apps the suite creates with the admin token.
func crudAppScenarios() []scenario.Scenario {
	admin := []scenario.Role{scenario.Admin}
	return []scenario.Scenario{
		{ID: "applications/crud/app-lifecycle", Basis: scenario.Documented, Roles: admin,
			Requirement: "An app can be created (with its default client), read, listed, updated and deleted; afterwards it and its clients are gone.",
			Run: func(s *scenario.S) {
				id, created := s.ScratchApp()
				clients := s.Do(scenario.Admin, http.MethodGet, appPath(id)+"/clients").Expect(http.StatusOK)
				list, _ := clients.Object().([]any)
				if len(list) != 1 {
					s.Fatalf(clients, "default client created", "exactly one default client", scenario.DescribeJSON(len(list))+" clients")
				}
				defaultClient, _ := list[0].(map[string]any)["client_id"].(string)
				got := s.Do(scenario.Admin, http.MethodGet, appPath(id)).Expect(http.StatusOK)
				scenario.RequireField(s, got, "/app_name", created.String("/app_name"))
				for _, path := range []string{"/v1/applications", "/v1/applications/list"} {
					l := s.Do(scenario.Admin, http.MethodGet, path).Expect(http.StatusOK)
					if !appIDsIn(l)[id] {
						s.Errorf(l, "list contains the new app", "app_id "+id+" in "+path, "not listed")
					}
				}
				upd := s.Do(scenario.Admin, http.MethodPut, appPath(id), scenario.JSON(map[string]any{"app_description": "updated by lifecycle"})).Expect(http.StatusOK)
				scenario.RequireField(s, upd, "/app_description", "updated by lifecycle")
				scenario.RequireField(s, s.Do(scenario.Admin, http.MethodGet, appPath(id)).Expect(http.StatusOK), "/app_description", "updated by lifecycle")
				s.Do(scenario.Admin, http.MethodDelete, appPath(id)).Expect(http.StatusNoContent)
				s.Do(scenario.Admin, http.MethodGet, appPath(id)).Check(http.StatusNotFound, http.StatusBadRequest)
				// An unknown appId with an admin token may give 400 as well (CONTRACT: no 404 documented there).
				s.Do(scenario.Admin, http.MethodGet, appPath(id)+"/clients/"+url.PathEscape(defaultClient)).Check(http.StatusNotFound, http.StatusBadRequest)
				s.Do(scenario.Admin, http.MethodGet, appPath(id)+"/clients").Check(http.StatusNotFound, http.StatusBadRequest)
			}},
		{ID: "applications/crud/default-client-named-by-display-name", Basis: scenario.Documented, Roles: admin,
			Requirement: "A new app has one default client, named by client_display_name.",
			Run: func(s *scenario.S) {
				display := s.Name("default-client")
				body := map[string]any{"app_name": s.Name("app"), "client_display_name": display}
				id := s.Do(scenario.Admin, http.MethodPost, "/v1/applications", scenario.JSON(body)).Expect(http.StatusCreated).String("/app_id")
				clients := s.Do(scenario.Admin, http.MethodGet, appPath(id)+"/clients").Expect(http.StatusOK)
				list, _ := clients.Object().([]any)
				if len(list) != 1 {
					s.Fatalf(clients, "one default client", "exactly one client", scenario.DescribeJSON(len(list))+" clients")
				}
				if name, _ := list[0].(map[string]any)["name"].(string); name != display {
					s.Errorf(clients, "default client name", "name "+scenario.DescribeJSON(display), scenario.DescribeJSON(name))
				}
			}},
		{ID: "applications/crud/app-put-keeps-omitted-fields", Basis: scenario.Documented, Roles: admin,
			Requirement: "PUT of an app is partial: fields it omits keep their values.",
			Run: func(s *scenario.S) {
				id, created := s.ScratchApp()
				s.Do(scenario.Admin, http.MethodPut, appPath(id), scenario.JSON(map[string]any{"app_description": "partial"})).Expect(http.StatusOK)
				got := s.Do(scenario.Admin, http.MethodGet, appPath(id)).Expect(http.StatusOK)
				scenario.RequireField(s, got, "/app_name", created.String("/app_name"))
				scenario.RequireField(s, got, "/app_description", "partial")
			}},
		{ID: "applications/crud/app-put-replaces-objects-whole", Basis: scenario.Documented, Roles: admin,
			Requirement: "PUT of an app replaces an object-valued field whole: members it omits do not keep their stored values.",
			Run: func(s *scenario.S) {
				const triggers = "refresh_token_invalidation_trigger_configuration"
				allFalse := map[string]any{"invalidateOnMemberSuspension": false, "invalidateOnMemberPasswordReset": false, "invalidateOnMemberRoleUpdate": false}
				body := map[string]any{"app_name": s.Name("app"), "client_display_name": s.Name("default-client"), triggers: allFalse}
				id := s.Do(scenario.Admin, http.MethodPost, "/v1/applications", scenario.JSON(body)).Expect(http.StatusCreated).String("/app_id")
				s.Do(scenario.Admin, http.MethodPut, appPath(id), scenario.JSON(map[string]any{triggers: map[string]any{"invalidateOnMemberSuspension": true}})).Expect(http.StatusOK)
				got := s.Do(scenario.Admin, http.MethodGet, appPath(id)).Expect(http.StatusOK)
				scenario.RequireField(s, got, "/"+triggers+"/invalidateOnMemberSuspension", true)
				for _, m := range []string{"invalidateOnMemberPasswordReset", "invalidateOnMemberRoleUpdate"} {
					if v, ok := got.Field("/" + triggers + "/" + m); ok && scenario.SameJSON(v, false) {
						s.Errorf(got, "object replaced, not merged", m+" absent or reset (the PUT omitted it)", m+" false kept from the stored object (merged)")
					}
				}
			}},
		{ID: "applications/crud/last-client-deletable", Basis: scenario.Documented, Roles: admin,
			Requirement: "Deleting the last client of an app is allowed (204); the app then lists no client.",
			Run: func(s *scenario.S) {
				id, _ := s.ScratchApp()
				list := s.Do(scenario.Admin, http.MethodGet, appPath(id)+"/clients").Expect(http.StatusOK)
				for cid := range clients.ListIDs(list) {
					s.Do(scenario.Admin, http.MethodDelete, appPath(id)+"/clients/"+url.PathEscape(cid)).Check(http.StatusNoContent)
				}
				if n := len(clients.ListIDs(s.Do(scenario.Admin, http.MethodGet, appPath(id)+"/clients").Expect(http.StatusOK))); n != 0 {
					s.Errorf(nil, "no client left", "an empty list", scenario.DescribeJSON(n)+" clients")
				}
			}},
		{ID: "applications/crud/app-put-timestamps", Basis: scenario.Documented, Roles: admin,
			Requirement: "PUT of an app advances updated_at and keeps created_at and app_id.",
			Run: func(s *scenario.S) {
				id, created := s.ScratchApp()
				scenario.WaitForNextTick(created.String("/updated_at"))
				r := s.Do(scenario.Admin, http.MethodPut, appPath(id), scenario.JSON(map[string]any{"app_description": "tick"})).Expect(http.StatusOK)
				if !scenario.ParseTime(r.String("/updated_at")).After(scenario.ParseTime(created.String("/updated_at"))) {
					s.Errorf(r, "updated_at advances", "updated_at later than "+created.String("/updated_at"), r.String("/updated_at"))
				}
				scenario.RequireField(s, r, "/created_at", created.String("/created_at"))
				scenario.RequireField(s, r, "/app_id", id)
			}},
		{ID: "applications/crud/app-resources", Basis: scenario.Documented, Roles: admin,
			Requirement: "The deprecated PUT /v1/applications/{appId}/resources answers 200 with the app in its envelope.",
			Run: func(s *scenario.S) {
				id, _ := s.ScratchApp()
				r := s.Do(scenario.Admin, http.MethodPut, appPath(id)+"/resources", scenario.JSON(map[string]any{"resource_ids": []any{"res-app"}})).Expect(http.StatusOK)
				scenario.RequireField(s, r, "/app_id", id)
			}},
		{ID: "applications/crud/admin-sees-all-apps", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Admin, scenario.Other},
			Requirement: "With an admin token, GET /v1/applications shows every app of the tenant.",
			Run: func(s *scenario.S) {
				l := s.Do(scenario.Admin, http.MethodGet, "/v1/applications").Expect(http.StatusOK)
				for _, id := range []string{s.AppID(scenario.Main), s.AppID(scenario.Other)} {
					if !appIDsIn(l)[id] {
						s.Errorf(l, "admin lists "+id, "app_id "+id+" listed", "not listed")
					}
				}
			}},
	}
}
