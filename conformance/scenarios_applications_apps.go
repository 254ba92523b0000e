package conformance

import (
	"net/http"
	"net/url"
)

func appPath(appID string) string { return "/v1/applications/" + url.PathEscape(appID) }

// appIDsIn returns the app_ids of an app list response.
func appIDsIn(r *Response) map[string]bool {
	ids := map[string]bool{}
	list, _ := r.Object().([]any)
	for _, item := range list {
		if m, ok := item.(map[string]any); ok {
			if id, ok := m["app_id"].(string); ok {
				ids[id] = true
			}
		}
	}
	return ids
}

// appScenarios: the application lifecycle, with apps the suite creates with the admin token.
func appScenarios() []Scenario {
	admin := []Role{Admin}
	return []Scenario{
		{ID: "applications/crud/app-lifecycle", Basis: Documented, Roles: admin,
			Requirement: "An app can be created (with its default client), read, listed, updated and deleted; afterwards it and its clients are gone.",
			Run: func(s *S) {
				id, created := s.scratchApp()
				clients := s.Do(Admin, http.MethodGet, appPath(id)+"/clients").Expect(http.StatusOK)
				list, _ := clients.Object().([]any)
				if len(list) != 1 {
					s.Fatalf(clients, "default client created", "exactly one default client", describe(len(list))+" clients")
				}
				defaultClient, _ := list[0].(map[string]any)["client_id"].(string)
				got := s.Do(Admin, http.MethodGet, appPath(id)).Expect(http.StatusOK)
				requireField(s, got, "/app_name", created.String("/app_name"))
				for _, path := range []string{"/v1/applications", "/v1/applications/list"} {
					l := s.Do(Admin, http.MethodGet, path).Expect(http.StatusOK)
					if !appIDsIn(l)[id] {
						s.Errorf(l, "list contains the new app", "app_id "+id+" in "+path, "not listed")
					}
				}
				upd := s.Do(Admin, http.MethodPut, appPath(id), JSON(map[string]any{"app_description": "updated by lifecycle"})).Expect(http.StatusOK)
				requireField(s, upd, "/app_description", "updated by lifecycle")
				requireField(s, s.Do(Admin, http.MethodGet, appPath(id)).Expect(http.StatusOK), "/app_description", "updated by lifecycle")
				s.Do(Admin, http.MethodDelete, appPath(id)).Expect(http.StatusNoContent)
				s.Do(Admin, http.MethodGet, appPath(id)).Check(http.StatusNotFound, http.StatusBadRequest)
				// An unknown appId with an admin token may give 400 as well (CONTRACT: no 404 documented there).
				s.Do(Admin, http.MethodGet, appPath(id)+"/clients/"+url.PathEscape(defaultClient)).Check(http.StatusNotFound, http.StatusBadRequest)
				s.Do(Admin, http.MethodGet, appPath(id)+"/clients").Check(http.StatusNotFound, http.StatusBadRequest)
			}},
		{ID: "applications/crud/default-client-named-by-display-name", Basis: Documented, Roles: admin,
			Requirement: "A new app has one default client, named by client_display_name.",
			Run: func(s *S) {
				display := s.Name("default-client")
				body := map[string]any{"app_name": s.Name("app"), "client_display_name": display}
				id := s.Do(Admin, http.MethodPost, "/v1/applications", JSON(body)).Expect(http.StatusCreated).String("/app_id")
				clients := s.Do(Admin, http.MethodGet, appPath(id)+"/clients").Expect(http.StatusOK)
				list, _ := clients.Object().([]any)
				if len(list) != 1 {
					s.Fatalf(clients, "one default client", "exactly one client", describe(len(list))+" clients")
				}
				if name, _ := list[0].(map[string]any)["name"].(string); name != display {
					s.Errorf(clients, "default client name", "name "+describe(display), describe(name))
				}
			}},
		{ID: "applications/crud/app-put-keeps-omitted-fields", Basis: Documented, Roles: admin,
			Requirement: "PUT of an app is partial: fields it omits keep their values.",
			Run: func(s *S) {
				id, created := s.scratchApp()
				s.Do(Admin, http.MethodPut, appPath(id), JSON(map[string]any{"app_description": "partial"})).Expect(http.StatusOK)
				got := s.Do(Admin, http.MethodGet, appPath(id)).Expect(http.StatusOK)
				requireField(s, got, "/app_name", created.String("/app_name"))
				requireField(s, got, "/app_description", "partial")
			}},
		{ID: "applications/crud/app-put-replaces-objects-whole", Basis: Documented, Roles: admin,
			Requirement: "PUT of an app replaces an object-valued field whole: members it omits do not keep their stored values.",
			Run: func(s *S) {
				const triggers = "refresh_token_invalidation_trigger_configuration"
				allFalse := map[string]any{"invalidateOnMemberSuspension": false, "invalidateOnMemberPasswordReset": false, "invalidateOnMemberRoleUpdate": false}
				body := map[string]any{"app_name": s.Name("app"), "client_display_name": s.Name("default-client"), triggers: allFalse}
				id := s.Do(Admin, http.MethodPost, "/v1/applications", JSON(body)).Expect(http.StatusCreated).String("/app_id")
				s.Do(Admin, http.MethodPut, appPath(id), JSON(map[string]any{triggers: map[string]any{"invalidateOnMemberSuspension": true}})).Expect(http.StatusOK)
				got := s.Do(Admin, http.MethodGet, appPath(id)).Expect(http.StatusOK)
				requireField(s, got, "/"+triggers+"/invalidateOnMemberSuspension", true)
				for _, m := range []string{"invalidateOnMemberPasswordReset", "invalidateOnMemberRoleUpdate"} {
					if v, ok := got.Field("/" + triggers + "/" + m); ok && sameJSON(v, false) {
						s.Errorf(got, "object replaced, not merged", m+" absent or reset (the PUT omitted it)", m+" false kept from the stored object (merged)")
					}
				}
			}},
		{ID: "applications/crud/last-client-deletable", Basis: Documented, Roles: admin,
			Requirement: "Deleting the last client of an app is allowed (204); the app then lists no client.",
			Run: func(s *S) {
				id, _ := s.scratchApp()
				clients := s.Do(Admin, http.MethodGet, appPath(id)+"/clients").Expect(http.StatusOK)
				for cid := range listIDs(clients) {
					s.Do(Admin, http.MethodDelete, appPath(id)+"/clients/"+url.PathEscape(cid)).Check(http.StatusNoContent)
				}
				if n := len(listIDs(s.Do(Admin, http.MethodGet, appPath(id)+"/clients").Expect(http.StatusOK))); n != 0 {
					s.Errorf(nil, "no client left", "an empty list", describe(n)+" clients")
				}
			}},
		{ID: "applications/crud/app-put-timestamps", Basis: Documented, Roles: admin,
			Requirement: "PUT of an app advances updated_at and keeps created_at and app_id.",
			Run: func(s *S) {
				id, created := s.scratchApp()
				waitForNextTick(created.String("/updated_at"))
				r := s.Do(Admin, http.MethodPut, appPath(id), JSON(map[string]any{"app_description": "tick"})).Expect(http.StatusOK)
				if !parseTime(r.String("/updated_at")).After(parseTime(created.String("/updated_at"))) {
					s.Errorf(r, "updated_at advances", "updated_at later than "+created.String("/updated_at"), r.String("/updated_at"))
				}
				requireField(s, r, "/created_at", created.String("/created_at"))
				requireField(s, r, "/app_id", id)
			}},
		{ID: "applications/crud/app-resources", Basis: Documented, Roles: admin,
			Requirement: "The deprecated PUT /v1/applications/{appId}/resources answers 200 with the app in its envelope.",
			Run: func(s *S) {
				id, _ := s.scratchApp()
				r := s.Do(Admin, http.MethodPut, appPath(id)+"/resources", JSON(map[string]any{"resource_ids": []any{"res-app"}})).Expect(http.StatusOK)
				requireField(s, r, "/app_id", id)
			}},
		{ID: "applications/permissions/client-token-sees-own-app", Basis: Assumed,
			Requirement: "With a client token, GET /v1/applications and /list show only the token's own app.",
			Run: func(s *S) {
				own := s.appID(Main)
				for _, path := range []string{"/v1/applications", "/v1/applications/list"} {
					l := s.Do(Main, http.MethodGet, path).Expect(http.StatusOK)
					ids := appIDsIn(l)
					if len(ids) != 1 || !ids[own] {
						s.Errorf(l, "only the own app listed", "exactly "+own, describe(keys(ids)))
					}
				}
			}},
		{ID: "applications/crud/admin-sees-all-apps", Basis: Assumed, Roles: []Role{Admin, Other},
			Requirement: "With an admin token, GET /v1/applications shows every app of the tenant.",
			Run: func(s *S) {
				l := s.Do(Admin, http.MethodGet, "/v1/applications").Expect(http.StatusOK)
				for _, id := range []string{s.appID(Main), s.appID(Other)} {
					if !appIDsIn(l)[id] {
						s.Errorf(l, "admin lists "+id, "app_id "+id+" listed", "not listed")
					}
				}
			}},
		{ID: "applications/conflict/duplicate-app-name", Basis: Assumed, Roles: admin,
			Requirement: "A second app with the same app_name in the tenant gives 409.",
			Run: func(s *S) {
				_, first := s.scratchApp()
				body := map[string]any{"app_name": first.String("/app_name"), "client_display_name": s.Name("dup")}
				s.Do(Admin, http.MethodPost, "/v1/applications", JSON(body)).Check(http.StatusConflict)
			}},
		{ID: "applications/conflict/rename-app-onto-existing", Basis: Assumed, Roles: admin,
			Requirement: "Renaming an app to another app's name gives 409.",
			Run: func(s *S) {
				_, first := s.scratchApp()
				id, _ := s.scratchApp()
				s.Do(Admin, http.MethodPut, appPath(id), JSON(map[string]any{"app_name": first.String("/app_name")})).Check(http.StatusConflict)
			}},
		{ID: "applications/not-found/app-unknown-id", Basis: Spec, Roles: admin,
			Requirement: "GET, PUT and DELETE of an app id that does not exist give 404 (or 400) to an admin token, never success.",
			Run: func(s *S) {
				// CONTRACT: for an unknown appId with an admin token, 400 is accepted too.
				path := appPath("ccs-no-such-app-0000")
				s.Do(Admin, http.MethodGet, path).Check(http.StatusNotFound, http.StatusBadRequest)
				s.Do(Admin, http.MethodPut, path, JSON(map[string]any{"app_description": "x"})).Check(http.StatusNotFound, http.StatusBadRequest)
				s.Do(Admin, http.MethodDelete, path).Check(http.StatusNotFound, http.StatusBadRequest)
			}},
		{ID: "applications/not-found/unknown-app-clients", Basis: Assumed, Roles: admin,
			Requirement: "The clients of an app id that does not exist give 404 (or 400) to an admin token, never a list.",
			Run: func(s *S) {
				s.Do(Admin, http.MethodGet, appPath("ccs-no-such-app-0000")+"/clients").Check(http.StatusNotFound, http.StatusBadRequest)
			}},
		{ID: "applications/not-found/literal-list-is-not-an-app-id", Basis: Spec, Roles: admin,
			Requirement: "GET /v1/applications/list is the list operation, never a lookup of an app with id \"list\" (no 404).",
			Run: func(s *S) {
				s.Do(Admin, http.MethodGet, "/v1/applications/list").Check(http.StatusOK)
			}},
		{ID: "applications/schema/signing-keys", Basis: Spec,
			Requirement: "Signing key create (201), upload (201), list and update answer with the documented bodies.",
			Run: func(s *S) {
				id := createKey(s, Main).String("/id")
				s.Do(Main, http.MethodPost, keysPath+"/upload", JSON(map[string]any{"name": s.Name("uploaded"), "jwk": testJWK})).Expect(http.StatusCreated)
				s.Do(Main, http.MethodGet, keysPath).Expect(http.StatusOK)
				s.Do(Main, http.MethodPut, keyPath(id), JSON(map[string]any{"status": "signing"})).Expect(http.StatusOK)
			}},
		{ID: "applications/schema/literal-routes", Basis: Spec,
			Requirement: "The literal paths /v1/applications/list and /signing-keys are their own operations, not an app id.",
			Run: func(s *S) {
				s.Do(Main, http.MethodGet, "/v1/applications/list").Expect(http.StatusOK)
				s.Do(Main, http.MethodGet, "/v1/applications/signing-keys").Expect(http.StatusOK)
			}},
		{ID: "applications/schema/app-envelopes", Basis: Spec, Roles: admin,
			Requirement: "App operations answer {\"result\": …} as documented; the app's clients are bare.",
			Run: func(s *S) {
				id, _ := s.scratchApp()
				s.Do(Admin, http.MethodGet, appPath(id)).Expect(http.StatusOK)
				s.Do(Admin, http.MethodGet, "/v1/applications").Expect(http.StatusOK)
				s.Do(Admin, http.MethodGet, appPath(id)+"/clients").Expect(http.StatusOK)
			}},
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
