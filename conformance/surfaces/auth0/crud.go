package auth0

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0CRUDScenarios: create, read, update, delete and rotate of clients.
func a0CRUDScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "auth0/crud/lifecycle", Basis: scenario.Documented,
			Requirement: "A client can be created (201), read, listed, updated by PATCH (200) and deleted (204); afterwards GET gives 404.",
			Run: func(s *scenario.S) {
				id, created := a0Create(s, a0Minimal(s))
				got := a0Get(s, scenario.Main, id)
				scenario.RequireField(s, got, "/name", created.String("/name"))
				if c, list := a0Find(s, scenario.Main, id); c == nil {
					s.Errorf(list, "list contains the new client", "client_id "+id+" in the list", "not listed")
				}
				upd := s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{"description": "updated by lifecycle"})).Expect(http.StatusOK)
				scenario.RequireField(s, upd, "/description", "updated by lifecycle")
				scenario.RequireField(s, a0Get(s, scenario.Main, id), "/description", "updated by lifecycle")
				s.Do(scenario.Main, http.MethodDelete, a0Client(id)).Expect(http.StatusNoContent)
				s.Do(scenario.Main, http.MethodGet, a0Client(id)).Check(http.StatusNotFound)
			}},
		{ID: "auth0/crud/create-generated-fields", Basis: scenario.Documented,
			Requirement: "A created client has a generated, non-empty client_id and client_secret (the secret readable with read:client_keys).",
			Run: func(s *scenario.S) {
				id, created := a0Create(s, a0Minimal(s))
				secret := a0Secret(s, id)
				if v, ok := created.Field("/client_secret"); ok && v != secret {
					s.Errorf(created, "create shows the stored secret", "client_secret equal to the one GET shows", "a different client_secret")
				}
			}},
		{ID: "auth0/crud/client-ids-unique", Basis: scenario.Assumed,
			Requirement: "Two created clients get different client_ids.",
			Run: func(s *scenario.S) {
				id1, id2 := a0NewClient(s), a0NewClient(s)
				if id1 == id2 {
					s.Errorf(nil, "unique client_id", "two different ids", "both "+id1)
				}
			}},
		{ID: "auth0/crud/create-echoes-fields", Basis: scenario.Spec,
			Requirement: "A create with many fields set returns each of them as sent, and GET returns the same.",
			Run: func(s *scenario.S) {
				body := a0FullBody(s)
				id, created := a0Create(s, body)
				got := a0Get(s, scenario.Main, id)
				for k, v := range body {
					a0RequireHolds(s, created, k, v)
					a0RequireHolds(s, got, k, v)
				}
			}},
		{ID: "auth0/crud/patch-keeps-omitted-fields", Basis: scenario.Documented,
			Requirement: "PATCH is a partial update: fields it does not send keep their stored values, the client_secret included.",
			Run: func(s *scenario.S) {
				body := a0FullBody(s)
				id, _ := a0Create(s, body)
				secret := a0Secret(s, id)
				s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{"description": "only this changes"})).Expect(http.StatusOK)
				got := a0Get(s, scenario.Main, id)
				scenario.RequireField(s, got, "/description", "only this changes")
				for _, k := range []string{"name", "app_type", "callbacks", "allowed_logout_urls", "grant_types", "token_endpoint_auth_method", "client_metadata", "oidc_conformant"} {
					a0RequireHolds(s, got, k, body[k])
				}
				scenario.RequireField(s, got, "/client_secret", secret)
			}},
		{ID: "auth0/crud/patch-returns-full-client", Basis: scenario.Documented,
			Requirement: "PATCH answers 200 with the full client, not only the fields it changed.",
			Run: func(s *scenario.S) {
				body := a0FullBody(s)
				id, _ := a0Create(s, body)
				r := s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{"description": "patched"})).Expect(http.StatusOK)
				scenario.RequireField(s, r, "/client_id", id)
				scenario.RequireField(s, r, "/description", "patched")
				for _, k := range []string{"name", "app_type", "callbacks", "grant_types", "oidc_conformant"} {
					a0RequireHolds(s, r, k, body[k])
				}
			}},
		{ID: "auth0/crud/patch-persists", Basis: scenario.Documented,
			Requirement: "Fields set by PATCH are returned by the PATCH and by a later GET.",
			Run: func(s *scenario.S) {
				id := a0NewClient(s)
				change := map[string]any{
					"name":                s.Name("renamed"),
					"app_type":            "spa",
					"callbacks":           []any{"https://conformance.example.com/other"},
					"allowed_logout_urls": []any{"https://conformance.example.com/bye"},
					"grant_types":         []any{"authorization_code", "implicit"},
					"client_metadata":     map[string]any{"changed": "yes"},
					"sso_disabled":        true,
				}
				r := s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(change)).Expect(http.StatusOK)
				got := a0Get(s, scenario.Main, id)
				for k, v := range change {
					a0RequireHolds(s, r, k, v)
					a0RequireHolds(s, got, k, v)
				}
			}},
		{ID: "auth0/crud/patch-nested-sent-keys", Basis: scenario.Documented,
			Requirement: "PATCH of a nested object sets the keys it sends (whether unsent keys are kept is left open).",
			Run: func(s *scenario.S) {
				id, _ := a0Create(s, a0With(s, map[string]any{"jwt_configuration": map[string]any{"alg": "HS256", "lifetime_in_seconds": 3600}}))
				r := s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{"jwt_configuration": map[string]any{"alg": "RS256"}})).Expect(http.StatusOK)
				got := a0Get(s, scenario.Main, id)
				for _, resp := range []*scenario.Response{r, got} {
					scenario.RequireField(s, resp, "/jwt_configuration/alg", "RS256")
				}
				v, kept := got.Field("/jwt_configuration/lifetime_in_seconds")
				s.Observe("patch-nested-merge-or-replace", "after PATCH of jwt_configuration.alg, lifetime_in_seconds is %s (merge or replace is left open)", scenario.DescribeField(v, kept))
			}},
		{ID: "auth0/crud/patch-client-secret", Basis: scenario.Documented,
			Requirement: "PATCH with client_secret by a token with update:client_keys sets the secret.",
			Run: func(s *scenario.S) {
				id := a0NewClient(s)
				secret := a0NewSecret()
				s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{"client_secret": secret})).Expect(http.StatusOK)
				scenario.RequireField(s, a0Get(s, scenario.Main, id), "/client_secret", secret)
			}},
		{ID: "auth0/crud/delete-twice", Basis: scenario.Documented,
			Requirement: "DELETE is idempotent: 204, and 204 again for the client already deleted.",
			Run: func(s *scenario.S) {
				id := a0NewClient(s)
				s.Do(scenario.Main, http.MethodDelete, a0Client(id)).Expect(http.StatusNoContent)
				s.Do(scenario.Main, http.MethodDelete, a0Client(id)).Check(http.StatusNoContent)
			}},
		{ID: "auth0/crud/delete-unknown-id", Basis: scenario.Spec,
			Requirement: "DELETE of a client id that never existed gives 204 (the operation documents no 404).",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodDelete, a0Client(a0UnknownClientID)).Check(http.StatusNoContent)
			}},
		{ID: "auth0/crud/delete-removes-from-list", Basis: scenario.Documented,
			Requirement: "A deleted client is no longer listed, and other clients stay.",
			Run: func(s *scenario.S) {
				id, keep := a0NewClient(s), a0NewClient(s)
				s.Do(scenario.Main, http.MethodDelete, a0Client(id)).Expect(http.StatusNoContent)
				all, list := a0ListAll(s, scenario.Main)
				found := map[string]bool{}
				for _, c := range all {
					if cid, ok := c["client_id"].(string); ok {
						found[cid] = true
					}
				}
				if found[id] {
					s.Errorf(list, "deleted client not listed", "no "+id+" in the list", "still listed")
				}
				if !found[keep] {
					if c, _ := a0Find(s, scenario.Main, keep); c == nil {
						s.Errorf(list, "other clients kept", keep+" still listed", "missing")
					}
				}
			}},
		{ID: "auth0/crud/rotate-secret", Basis: scenario.Documented,
			Requirement: "rotate-secret answers 200 and replaces the client_secret: GET then shows a new one, different from the old one and equal to the one rotate returned (when it shows one).",
			Run: func(s *scenario.S) {
				id := a0NewClient(s)
				old := a0Secret(s, id)
				r := s.Do(scenario.Main, http.MethodPost, a0Rotate(id)).Expect(http.StatusOK)
				scenario.RequireField(s, r, "/client_id", id)
				// Secret-tier fields in write responses are left open: the new secret is checked
				// where it is shown, and always through GET.
				rotated := r.String("/client_secret")
				switch {
				case rotated == "":
					s.Observe("rotate-response-secret", "the rotate response shows no client_secret (secret-tier fields in write responses are left open)")
				case rotated == old:
					s.Errorf(r, "rotate changes the secret", "a client_secret different from the old one", "the old client_secret")
				}
				now := a0Secret(s, id)
				if now == old {
					s.Errorf(nil, "old secret gone", "GET shows a client_secret different from the old one", "GET still shows the old client_secret")
				} else if rotated != "" && now != rotated {
					s.Errorf(nil, "GET shows the rotated secret", "the client_secret that rotate returned", "another client_secret")
				}
			}},
		{ID: "auth0/crud/rotate-keeps-client", Basis: scenario.Documented,
			Requirement: "rotate-secret changes only the secret: the client's other fields stay.",
			Run: func(s *scenario.S) {
				body := a0FullBody(s)
				id, _ := a0Create(s, body)
				s.Do(scenario.Main, http.MethodPost, a0Rotate(id)).Expect(http.StatusOK)
				got := a0Get(s, scenario.Main, id)
				for _, k := range []string{"name", "description", "app_type", "callbacks", "grant_types"} {
					a0RequireHolds(s, got, k, body[k])
				}
			}},
		{ID: "auth0/crud/global-client-not-deletable", Basis: scenario.Documented, Destructive: true,
			Requirement: "The tenant's global client cannot be deleted: DELETE gives 400 and the client stays.",
			Run: func(s *scenario.S) {
				globals, list := a0ListAll(s, scenario.Main, scenario.Query("is_global", "true"))
				if len(globals) != 1 {
					s.Fatalf(list, "one global client", "exactly one client listed with is_global=true", scenario.DescribeJSON(len(globals))+" clients")
				}
				id, _ := globals[0]["client_id"].(string)
				if id == "" {
					s.Fatalf(list, "global client has an id", "a client_id on the global client", "none")
				}
				s.Do(scenario.Main, http.MethodDelete, a0Client(id)).Check(http.StatusBadRequest)
				got := s.Do(scenario.Main, http.MethodGet, a0Client(id))
				if got.Check(http.StatusOK) {
					scenario.RequireField(s, got, "/global", true)
				}
			}},
	}
}
