package clients

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// clientCRUDScenarios: create, read, list, update and delete of clients, shared by the
// clients and applications surfaces.
func clientCRUDScenarios(a ClientAPI) []scenario.Scenario {
	return []scenario.Scenario{
		{ID: a.id("clients/crud/lifecycle"), Basis: scenario.Documented,
			Requirement: "A client can be created, read, listed, updated and deleted; afterwards GET gives 404.",
			Run: func(s *scenario.S) {
				id, created := a.CreateMinimal(s)
				got := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
				scenario.RequireField(s, got, "/name", created.String("/name"))
				list := s.Do(scenario.Main, http.MethodGet, a.Collection(s, scenario.Main)).Expect(http.StatusOK)
				if !ListIDs(list)[id] {
					s.Errorf(list, "list contains the new client", "client_id "+id+" in the list", "not listed")
				}
				upd := s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"description": "updated by lifecycle"})).Expect(http.StatusOK)
				scenario.RequireField(s, upd, "/description", "updated by lifecycle")
				again := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
				scenario.RequireField(s, again, "/description", "updated by lifecycle")
				s.Do(scenario.Main, http.MethodDelete, a.item(s, scenario.Main, id)).Expect(http.StatusNoContent)
				s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Check(http.StatusNotFound)
			}},
		{ID: a.id("clients/crud/create-generated-fields"), Basis: scenario.Spec,
			Requirement: "A created client has a non-empty client_id and client_secret, the caller's app_id and a tenant_id, and RFC 3339 timestamps.",
			Run: func(s *scenario.S) {
				_, r := a.CreateMinimal(s)
				for _, f := range []string{"/client_id", "/client_secret", "/app_id", "/tenant_id"} {
					if r.String(f) == "" {
						s.Errorf(r, "generated "+f, "a non-empty string at "+f, "empty or absent")
					}
				}
				app := s.Facts().AppID
				if a.ScratchApps { // the app is in the path: it is known even when not configured
					app = s.AppID(scenario.Main)
				}
				if app != "" {
					scenario.RequireField(s, r, "/app_id", app)
				}
				// A second client of the same app belongs to the same app and tenant.
				_, second := a.CreateMinimal(s)
				for _, f := range []string{"/app_id", "/tenant_id"} {
					if second.String(f) != r.String(f) {
						s.Errorf(second, "same "+f+" for clients of one app", f+" "+scenario.DescribeJSON(r.String(f)), scenario.DescribeJSON(second.String(f)))
					}
				}
			}},
		{ID: a.id("clients/crud/created-at-equals-updated-at"), Basis: scenario.Assumed,
			Requirement: "On create, created_at equals updated_at.",
			Run: func(s *scenario.S) {
				_, r := a.CreateMinimal(s)
				c, u := scenario.ParseTime(r.String("/created_at")), scenario.ParseTime(r.String("/updated_at"))
				if c.IsZero() || !c.Equal(u) {
					s.Errorf(r, "created_at = updated_at", "equal timestamps", r.String("/created_at")+" vs "+r.String("/updated_at"))
				}
			}},
		{ID: a.id("clients/crud/client-ids-unique"), Basis: scenario.Assumed,
			Requirement: "Two created clients get different client_ids.",
			Run: func(s *scenario.S) {
				id1, _ := a.CreateMinimal(s)
				id2, r := a.CreateMinimal(s)
				if id1 == id2 {
					s.Errorf(r, "unique client_id", "two different ids", "both "+id1)
				}
			}},
		{ID: a.id("clients/crud/create-echoes-fields"), Basis: scenario.Spec,
			Requirement: "A create with many fields set returns each of them as sent, and GET returns the same.",
			Run: func(s *scenario.S) {
				body := fixtureBody(s, "client-oidc-full.json")
				r := a.Create(s, scenario.Main, body)
				got := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, r.String("/client_id"))).Expect(http.StatusOK)
				for k, v := range body {
					scenario.RequireEcho(s, r, "/"+k, v)
					scenario.RequireEcho(s, got, "/"+k, v)
				}
			}},
		{ID: a.id("clients/crud/saml-create"), Basis: scenario.Documented,
			Requirement: "A body with authentication_protocol saml creates a SAML client that keeps its SAML fields.",
			Run: func(s *scenario.S) {
				body := fixtureBody(s, "client-saml.json")
				r := a.Create(s, scenario.Main, body)
				for _, f := range []string{"authentication_protocol", "sp_entity_id", "sp_acs_url", "sp_name_id_type", "sign_assertion"} {
					scenario.RequireField(s, r, "/"+f, body[f])
				}
			}},
		{ID: a.id("clients/crud/put-keeps-omitted-fields"), Basis: scenario.Documented,
			Requirement: "PUT is partial at the top level: fields it omits keep their stored values.",
			Run: func(s *scenario.S) {
				body := fixtureBody(s, "client-oidc-full.json")
				id := a.Create(s, scenario.Main, body).String("/client_id")
				s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"description": "only this changes"})).Expect(http.StatusOK)
				got := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
				scenario.RequireField(s, got, "/description", "only this changes")
				// Fields without an update-schema default: whether those with one (client_type,
				// response_types, …) are kept or reset is left open by the contract.
				for _, f := range []string{"name", "redirect_uris", "pkce", "token_expiration", "device_authorization", "resources"} {
					scenario.RequireField(s, got, "/"+f, body[f])
				}
			}},
		{ID: a.id("clients/crud/put-replaces-objects-whole"), Basis: scenario.Documented,
			Requirement: "PUT replaces an object-valued field whole: members it omits are not kept from the stored object.",
			Run: func(s *scenario.S) {
				body := MinimalOIDC(s)
				body["token_expiration"] = map[string]any{"access_token_ttl": 3600, "refresh_token_ttl": 7777}
				id := a.Create(s, scenario.Main, body).String("/client_id")
				r := s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"token_expiration": map[string]any{"access_token_ttl": 1800}})).Expect(http.StatusOK)
				got := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
				for _, resp := range []*scenario.Response{r, got} {
					scenario.RequireField(s, resp, "/token_expiration/access_token_ttl", 1800)
					if v, ok := resp.Field("/token_expiration/refresh_token_ttl"); ok && scenario.SameJSON(v, 7777) {
						s.Errorf(resp, "object replaced, not merged", "token_expiration without the old refresh_token_ttl 7777", "refresh_token_ttl 7777 kept (merged)")
					}
				}
			}},
		{ID: a.id("clients/crud/put-persists"), Basis: scenario.Documented,
			Requirement: "Fields set by PUT are returned by the PUT and by a later GET.",
			Run: func(s *scenario.S) {
				id, _ := a.CreateMinimal(s)
				change := map[string]any{"name": s.Name("renamed"), "redirect_uris": []any{"https://conformance.example.com/other"}, "client_type": "native"}
				r := s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(change)).Expect(http.StatusOK)
				got := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
				for k, v := range change {
					scenario.RequireEcho(s, r, "/"+k, v)
					scenario.RequireEcho(s, got, "/"+k, v)
				}
			}},
		{ID: a.id("clients/crud/put-advances-updated-at"), Basis: scenario.Documented,
			Requirement: "PUT advances updated_at and keeps created_at, client_id and client_secret.",
			Run: func(s *scenario.S) {
				id, created := a.CreateMinimal(s)
				scenario.WaitForNextTick(created.String("/updated_at"))
				r := s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"description": "tick"})).Expect(http.StatusOK)
				if !scenario.ParseTime(r.String("/updated_at")).After(scenario.ParseTime(created.String("/updated_at"))) {
					s.Errorf(r, "updated_at advances", "updated_at later than "+created.String("/updated_at"), r.String("/updated_at"))
				}
				for _, f := range []string{"/created_at", "/client_id", "/client_secret"} {
					if r.String(f) != created.String(f) {
						s.Errorf(r, f+" unchanged by PUT", f+" as on create", "changed")
					}
				}
			}},
		{ID: a.id("clients/crud/protocol-not-changed-by-put"), Basis: scenario.Assumed,
			Requirement: "PUT cannot change authentication_protocol: 400, or ignored with the protocol unchanged.",
			Run: func(s *scenario.S) {
				id, _ := a.CreateMinimal(s)
				r := s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"authentication_protocol": "saml"}))
				if !r.Check(http.StatusBadRequest, http.StatusOK) {
					return
				}
				s.Observe("put-authentication-protocol", "authentication_protocol on PUT answered %d (400 and ignored are both allowed)", r.Status)
				got := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
				scenario.RequireField(s, got, "/authentication_protocol", "oidc")
			}},
		{ID: a.id("clients/crud/resources-set-exactly"), Basis: scenario.Documented,
			Requirement: "PUT …/resources sets resources to exactly the list sent and returns the client.",
			Run: func(s *scenario.S) {
				id, _ := a.CreateMinimal(s)
				path := a.item(s, scenario.Main, id) + "/resources"
				r := s.Do(scenario.Main, http.MethodPut, path, scenario.JSON(map[string]any{"resource_ids": []any{"res-a", "res-b"}})).Expect(http.StatusOK)
				scenario.RequireField(s, r, "/resources", []any{"res-a", "res-b"})
				r = s.Do(scenario.Main, http.MethodPut, path, scenario.JSON(map[string]any{"resource_ids": []any{"res-c"}})).Expect(http.StatusOK)
				scenario.RequireField(s, r, "/resources", []any{"res-c"})
				got := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
				scenario.RequireField(s, got, "/resources", []any{"res-c"})
			}},
		{ID: a.id("clients/crud/delete-removes-from-list"), Basis: scenario.Documented,
			Requirement: "DELETE gives 204 and the client is no longer listed.",
			Run: func(s *scenario.S) {
				id, _ := a.CreateMinimal(s)
				keep, _ := a.CreateMinimal(s)
				s.Do(scenario.Main, http.MethodDelete, a.item(s, scenario.Main, id)).Expect(http.StatusNoContent)
				list := s.Do(scenario.Main, http.MethodGet, a.Collection(s, scenario.Main)).Expect(http.StatusOK)
				ids := ListIDs(list)
				if ids[id] {
					s.Errorf(list, "deleted client not listed", "no "+id+" in the list", "still listed")
				}
				if !ids[keep] {
					s.Errorf(list, "other clients kept", keep+" still listed", "missing")
				}
			}},
		{ID: a.id("clients/crud/unknown-fields-ignored"), Basis: scenario.Assumed,
			Requirement: "An unknown top-level field in a create body is ignored: 201, and it is not echoed.",
			Run: func(s *scenario.S) {
				body := MinimalOIDC(s)
				body["x_conformance_unknown"] = "ignored"
				r := a.Create(s, scenario.Main, body)
				got := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, r.String("/client_id"))).Expect(http.StatusOK)
				for _, resp := range []*scenario.Response{r, got} {
					if _, ok := resp.Field("/x_conformance_unknown"); ok {
						s.Errorf(resp, "unknown field not echoed", "no x_conformance_unknown", "echoed")
					}
				}
			}},
		{ID: a.id("clients/crud/client-id-server-generated"), Basis: scenario.Assumed,
			Requirement: "client_id is generated by the server: one sent in the create body is not taken.",
			Run: func(s *scenario.S) {
				body := MinimalOIDC(s)
				chosen := s.Name("chosen-id")
				body["client_id"] = chosen
				r := a.Create(s, scenario.Main, body)
				if id := r.String("/client_id"); id == chosen || id == "" {
					s.Errorf(r, "client_id generated", "a non-empty client_id chosen by the server", scenario.DescribeJSON(id))
				}
			}},
		{ID: a.id("clients/crud/put-ignores-unknown-and-input-only"), Basis: scenario.Assumed,
			Requirement: "PUT ignores unknown top-level fields and does not echo input-only ones, in its answer or a later GET.",
			Run: func(s *scenario.S) {
				id, _ := a.CreateMinimal(s)
				r := s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"description": "with extras",
					"x_conformance_unknown": "ignored", "role_ids": []any{"role-1"}})).Expect(http.StatusOK)
				got := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
				for _, resp := range []*scenario.Response{r, got} {
					scenario.RequireField(s, resp, "/description", "with extras")
					for _, k := range []string{"x_conformance_unknown", "role_ids"} {
						if _, ok := resp.Field("/" + k); ok {
							s.Errorf(resp, k+" not echoed", "no "+k+" in the client", "echoed")
						}
					}
				}
			}},
		{ID: a.id("clients/crud/saml-put-partial"), Basis: scenario.Documented,
			Requirement: "PUT of a SAML client is partial too: it stays SAML and keeps the fields the PUT omits.",
			Run: func(s *scenario.S) {
				body := fixtureBody(s, "client-saml.json")
				id := a.Create(s, scenario.Main, body).String("/client_id")
				s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"sp_acs_url": "https://payroll.example.com/saml/acs2"})).Expect(http.StatusOK)
				got := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
				scenario.RequireField(s, got, "/sp_acs_url", "https://payroll.example.com/saml/acs2")
				scenario.RequireField(s, got, "/authentication_protocol", "saml")
				scenario.RequireField(s, got, "/sp_entity_id", body["sp_entity_id"])
				scenario.RequireField(s, got, "/name", body["name"])
			}},
		{ID: a.id("clients/crud/nested-unknown-keys-accepted"), Basis: scenario.Assumed,
			Requirement: "An unknown key inside a nested object does not make a create fail (stored or dropped: left open).",
			Run: func(s *scenario.S) {
				body := MinimalOIDC(s)
				body["token_expiration"] = map[string]any{"access_token_ttl": 3600, "x_conformance_unknown": "kept or dropped"}
				r := a.Create(s, scenario.Main, body)
				scenario.RequireField(s, r, "/token_expiration/access_token_ttl", 3600)
			}},
		{ID: a.id("clients/crud/list-contains-created"), Basis: scenario.Spec, Serial: true,
			Requirement: "The list holds every client of the app, including the ones just created.",
			Run: func(s *scenario.S) {
				id1, _ := a.CreateMinimal(s)
				id2, _ := a.CreateMinimal(s)
				list := s.Do(scenario.Main, http.MethodGet, a.Collection(s, scenario.Main)).Expect(http.StatusOK)
				for _, id := range []string{id1, id2} {
					if !ListIDs(list)[id] {
						s.Errorf(list, "list contains "+id, "client_id "+id+" in the list", "not listed")
					}
				}
			}},
		a.collectionDeleteScenario(),
	}
}

// collectionDeleteScenario deletes every client of an app. Through /v1/clients that is the
// token's own app, so it is destructive; with an admin token it runs in a scratch app.
func (a ClientAPI) collectionDeleteScenario() scenario.Scenario {
	sc := scenario.Scenario{ID: a.id("clients/crud/collection-delete"), Basis: scenario.Documented, Roles: []scenario.Role{scenario.Other},
		Requirement: "DELETE of the collection deletes every client of the app (204) and no client of another app."}
	if a.ScratchApps {
		sc.Roles = append(sc.Roles, scenario.Admin)
	} else {
		sc.Destructive = true
	}
	sc.Run = func(s *scenario.S) {
		other := a.Create(s, scenario.Other, MinimalOIDC(s)).String("/client_id")
		role, collection := scenario.Main, a.Collection(s, scenario.Main)
		if a.ScratchApps {
			appID, _ := s.ScratchApp()
			role, collection = scenario.Admin, "/v1/applications/"+appID+"/clients"
		}
		var ids []string
		for range 2 {
			r := s.Do(role, http.MethodPost, collection, scenario.JSON(MinimalOIDC(s))).Expect(http.StatusCreated)
			ids = append(ids, r.String("/client_id"))
		}
		s.Do(role, http.MethodDelete, collection).Expect(http.StatusNoContent)
		list := s.Do(role, http.MethodGet, collection)
		if list.Status == http.StatusUnauthorized && !a.ScratchApps {
			// The token's own client was in the collection: a server may revoke its tokens.
			s.Observe("main-token-revoked-with-own-client", "the main token was revoked with its own client (allowed); the rest of this scenario cannot run")
			return
		}
		list.Expect(http.StatusOK)
		for _, id := range ids {
			if ListIDs(list)[id] {
				s.Errorf(list, "collection empty after delete", "no "+id+" in the list", "still listed")
			}
			s.Do(role, http.MethodGet, collection+"/"+id).Check(http.StatusNotFound)
		}
		s.Do(scenario.Other, http.MethodGet, a.item(s, scenario.Other, other)).Check(http.StatusOK)
		// Deleting the now empty collection: 204, or the 404 the vendor documents (left open).
		s.Do(role, http.MethodDelete, collection).Check(http.StatusNoContent, http.StatusNotFound)
	}
	return sc
}
