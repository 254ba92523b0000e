package auth0

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0AccessScenarios: scopes, their order against validation, and field visibility, beyond the
// per-operation permission table.
func a0AccessScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "auth0/permissions/insufficient-scope-error-code", Basis: scenario.Documented, Roles: []scenario.Role{scenario.NoPerm},
			Requirement: "A token without any of an operation's scopes gets 403 with errorCode insufficient_scope.",
			Run: func(s *scenario.S) {
				for _, r := range []*scenario.Response{
					s.Do(scenario.NoPerm, http.MethodGet, "/clients"),
					s.Do(scenario.NoPerm, http.MethodPost, "/clients", scenario.JSON(a0Minimal(s))),
				} {
					if r.Check(http.StatusForbidden) {
						a0ErrorCode(s, r, "insufficient_scope")
					}
				}
			}},
		{ID: "auth0/permissions/read-scope-cannot-write", Basis: scenario.Documented, Roles: []scenario.Role{scenario.ReadOnly},
			Requirement: "A read:clients token cannot create, update, delete or rotate the secret of a client (403 insufficient_scope), and the client stays unchanged.",
			Run: func(s *scenario.S) {
				id, _ := a0Create(s, a0With(s, map[string]any{"description": "original"}))
				a0Secret(s, id) // the state (with the secret) the read-back compares with
				for _, r := range []*scenario.Response{
					s.Do(scenario.ReadOnly, http.MethodPost, "/clients", scenario.JSON(a0Minimal(s))),
					s.Do(scenario.ReadOnly, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{"description": "changed by read-only"})),
					s.Do(scenario.ReadOnly, http.MethodPost, a0Rotate(id)),
					s.Do(scenario.ReadOnly, http.MethodDelete, a0Client(id)),
				} {
					if r.Check(http.StatusForbidden) {
						a0ErrorCode(s, r, "insufficient_scope")
					}
				}
				// That the client stays unchanged is the context's read-back after each refused
				// write (postcheck.go), against the state a0Secret read.
			}},
		{ID: "auth0/permissions/401-before-400", Basis: scenario.Assumed,
			Requirement: "Without a token, or with an unknown one, a malformed body still gives 401 (authentication is decided first).",
			Run: func(s *scenario.S) {
				malformed := scenario.Raw("application/json", []byte(`{"name":`))
				s.Do(scenario.NoToken, http.MethodPost, "/clients", malformed).Check(http.StatusUnauthorized)
				s.Do(scenario.BadToken, http.MethodPatch, a0Client(a0UnknownClientID), malformed).Check(http.StatusUnauthorized)
			}},
		{ID: "auth0/permissions/403-before-400", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.NoPerm},
			Requirement: "A token without the operation's scopes gets 403 even for an invalid body (403 before validation).",
			Run: func(s *scenario.S) {
				s.Do(scenario.NoPerm, http.MethodPost, "/clients", scenario.Raw("application/json", []byte(`{"name":`))).Check(http.StatusForbidden)
				s.Do(scenario.NoPerm, http.MethodPost, "/clients", scenario.JSON(map[string]any{"name": s.Name("a<b"), "x_conformance_unknown": 1})).Check(http.StatusForbidden)
				s.Do(scenario.NoPerm, http.MethodPost, "/clients", scenario.JSON(map[string]any{"description": "no name"})).Check(http.StatusForbidden)
			}},
		{ID: "auth0/permissions/read-scope-403-before-400", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.ReadOnly},
			Requirement: "A read:clients token gets 403 for a create with an invalid body (403 before validation).",
			Run: func(s *scenario.S) {
				s.Do(scenario.ReadOnly, http.MethodPost, "/clients", scenario.JSON(map[string]any{"description": "no name"})).Check(http.StatusForbidden)
			}},
		{ID: "auth0/permissions/403-before-404", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.NoPerm},
			Requirement: "A token without the operation's scopes gets 403 for an unknown client id (403 before the id lookup).",
			Run: func(s *scenario.S) {
				s.Do(scenario.NoPerm, http.MethodGet, a0Client(a0UnknownClientID)).Check(http.StatusForbidden)
				s.Do(scenario.NoPerm, http.MethodPatch, a0Client(a0UnknownClientID), scenario.JSON(map[string]any{"description": "x"})).Check(http.StatusForbidden)
				s.Do(scenario.NoPerm, http.MethodPost, a0Rotate(a0UnknownClientID)).Check(http.StatusForbidden)
				s.Do(scenario.NoPerm, http.MethodGet, a0Credentials(a0UnknownClientID)).Check(http.StatusForbidden)
			}},
		{ID: "auth0/permissions/non-bearer-scheme", Basis: scenario.Assumed,
			Requirement: "A valid token under another scheme than Bearer (Token, Basic) gives 401.",
			Run: func(s *scenario.S) {
				tok := s.Token(scenario.Main)
				for _, scheme := range []string{"Token ", "Basic "} {
					s.Do(scenario.NoToken, http.MethodGet, "/clients", scenario.Header("Authorization", scheme+tok)).Check(http.StatusUnauthorized)
				}
			}},
		{ID: "auth0/permissions/secrets-visible-with-read-client-keys", Basis: scenario.Documented,
			Requirement: "A token with read:client_keys sees client_secret on GET and in the list.",
			Run: func(s *scenario.S) {
				id := a0NewClient(s)
				a0Secret(s, id)
				c, list := a0Find(s, scenario.Main, id)
				if c == nil {
					s.Fatalf(list, "list contains the new client", "client_id "+id+" in the list", "not listed")
				}
				if sec, _ := c["client_secret"].(string); sec == "" {
					s.Errorf(list, "client_secret listed with read:client_keys", "a non-empty client_secret on "+id, scenario.DescribeField(c["client_secret"], c["client_secret"] != nil))
				}
			}},
		{ID: "auth0/permissions/read-scope-hides-secrets", Basis: scenario.Documented, Roles: []scenario.Role{scenario.ReadOnly},
			Requirement: "A read:clients token does not see the secret-tier fields (client_secret, encryption_key, client_authentication_methods, signing_keys) on GET or in the list, but sees the rest.",
			Run: func(s *scenario.S) {
				callbacks := []any{"https://conformance.example.com/callback"}
				id, _ := a0Create(s, a0With(s, map[string]any{"callbacks": callbacks}))
				a0Secret(s, id)
				got := a0Get(s, scenario.ReadOnly, id)
				obj, _ := got.Object().(map[string]any)
				a0Absent(s, got, obj, "secret tier hidden from read:clients", a0SecretFields...)
				scenario.RequireField(s, got, "/client_id", id)
				scenario.RequireField(s, got, "/callbacks", callbacks)
				c, list := a0Find(s, scenario.ReadOnly, id)
				if c == nil {
					s.Fatalf(list, "list contains the new client", "client_id "+id+" in the list", "not listed")
				}
				a0Absent(s, list, c, "secret tier hidden from read:clients in the list", a0SecretFields...)
				if !scenario.SameJSON(c["callbacks"], callbacks) {
					s.Errorf(list, "config fields listed for read:clients", "callbacks = "+scenario.DescribeJSON(callbacks), scenario.DescribeField(c["callbacks"], c["callbacks"] != nil))
				}
			}},
		{ID: "auth0/permissions/read-scope-fields-client-secret", Basis: scenario.Documented, Roles: []scenario.Role{scenario.ReadOnly},
			Requirement: "fields=client_secret asked for by a read:clients token gives 200 without client_secret, or 403 (left open by the contract).",
			Run: func(s *scenario.S) {
				id := a0NewClient(s)
				r := s.Do(scenario.ReadOnly, http.MethodGet, a0Client(id), scenario.Query("fields", "client_id,client_secret"), scenario.Query("include_fields", "true"))
				if !r.Check(http.StatusOK, http.StatusForbidden) {
					return
				}
				s.Observe("fields-secret-without-secret-tier", "fields=client_secret without the secret tier answered %d", r.Status)
				if r.Status == http.StatusOK {
					obj, _ := r.Object().(map[string]any)
					a0Absent(s, r, obj, "secret omitted for read:clients", "client_secret")
				}
			}},
		{ID: "auth0/permissions/third-party-organization-create", Basis: scenario.Documented,
			Requirement: "Creating a client with is_first_party false and organization_usage set gives 403.",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodPost, "/clients", scenario.JSON(a0With(s, map[string]any{
					"is_first_party": false, "organization_usage": "allow"}))).Check(http.StatusForbidden)
			}},
		{ID: "auth0/permissions/third-party-organization-patch", Basis: scenario.Documented,
			Requirement: "Making a client with organization_usage third party (is_first_party false) by PATCH gives 403, and it stays first party.",
			Run: func(s *scenario.S) {
				id, _ := a0Create(s, a0With(s, map[string]any{"organization_usage": "allow"}))
				s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{"is_first_party": false})).Check(http.StatusForbidden)
				scenario.RequireField(s, a0Get(s, scenario.Main, id), "/is_first_party", true)
			}},
	}
}
