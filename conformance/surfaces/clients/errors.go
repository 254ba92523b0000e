package clients

import (
	"github.com/clientconf/clientconf/conformance/scenario"
	"net/http"
)

// unknownClientID is an id no server has issued.
const unknownClientID = "ccs-no-such-client-0000"

// clientErrorScenarios: 400, 404 and 409 answers of the client operations.
func clientErrorScenarios(a ClientAPI) []scenario.Scenario {
	bad := func(name, req string, body func(s *scenario.S) scenario.Opt) scenario.Scenario {
		return scenario.Scenario{ID: a.id("bad-request/" + name), Basis: scenario.Spec, Requirement: req, Run: func(s *scenario.S) {
			s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), body(s)).Check(http.StatusBadRequest)
		}}
	}
	badPut := func(name, req string, suffix string, body scenario.Opt) scenario.Scenario {
		return scenario.Scenario{ID: a.id("bad-request/" + name), Basis: scenario.Spec, Requirement: req, Run: func(s *scenario.S) {
			id, _ := a.CreateMinimal(s)
			s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id)+suffix, body).Check(http.StatusBadRequest)
		}}
	}
	withBody := func(change func(map[string]any)) func(s *scenario.S) scenario.Opt {
		return func(s *scenario.S) scenario.Opt {
			b := MinimalOIDC(s)
			change(b)
			return scenario.JSON(b)
		}
	}
	out := []scenario.Scenario{
		bad("malformed-json", "A create body that is not valid JSON gives 400.", func(*scenario.S) scenario.Opt {
			return scenario.Raw("application/json", []byte(`{"name": "broken", "redirect_uris": [`))
		}),
		bad("empty-name", "A create with an empty name gives 400.", withBody(func(b map[string]any) { b["name"] = "" })),
		bad("relative-redirect-uri", "A redirect URI without a scheme (relative) gives 400.",
			withBody(func(b map[string]any) { b["redirect_uris"] = []any{"/auth/callback"} })),
		bad("schemeless-redirect-uri", "A redirect URI that is a bare host and path, no scheme, gives 400.",
			withBody(func(b map[string]any) { b["redirect_uris"] = []any{"shop.example.com/callback"} })),
		bad("empty-redirect-uris", "An OIDC create with an empty redirect_uris list gives 400.",
			withBody(func(b map[string]any) { b["redirect_uris"] = []any{} })),
		bad("body-not-an-object", "A create body that is a JSON array gives 400.", func(*scenario.S) scenario.Opt {
			return scenario.Raw("application/json", []byte(`[{"name": "x"}]`))
		}),
		badPut("put-malformed-json", "A PUT body that is not valid JSON gives 400.", "",
			scenario.Raw("application/json", []byte(`{"description": `))),
		badPut("put-empty-name", "A PUT that sets an empty name gives 400.", "", scenario.JSON(map[string]any{"name": ""})),
		badPut("put-wrong-type", "A PUT with a field of the wrong JSON type gives 400.", "", scenario.JSON(map[string]any{"redirect_uris": "https://x.example.com"})),
		badPut("put-empty-redirect-uris", "A PUT that sets an empty redirect_uris list gives 400.", "", scenario.JSON(map[string]any{"redirect_uris": []any{}})),
		badPut("put-relative-redirect-uri", "A PUT that sets a redirect URI without a scheme gives 400.", "", scenario.JSON(map[string]any{"redirect_uris": []any{"/callback"}})),
		badPut("put-invalid-enum", "A PUT with client_type outside its enum gives 400.", "", scenario.JSON(map[string]any{"client_type": "spa"})),
		badPut("resources-missing-ids", "PUT …/resources without resource_ids gives 400.", "/resources", scenario.JSON(map[string]any{})),
		badPut("resources-wrong-type", "PUT …/resources with resource_ids not an array gives 400.", "/resources", scenario.JSON(map[string]any{"resource_ids": "res-a"})),
		{ID: a.id("bad-request/malformed-body-unknown-id"), Basis: scenario.Assumed,
			Requirement: "A malformed PUT body for an unknown client id gives 400 or 404 (either check may come first).",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, unknownClientID), scenario.Raw("application/json", []byte(`{"description":`))).
					Check(http.StatusBadRequest, http.StatusNotFound)
			}},
		{ID: a.id("bad-request/method-not-allowed-without-token"), Basis: scenario.Assumed,
			Requirement: "An undocumented method on a documented path without a token gives 401 or 405.",
			Run: func(s *scenario.S) {
				id, _ := a.CreateMinimal(s)
				s.Do(scenario.NoToken, http.MethodPatch, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"description": "x"})).
					Check(http.StatusUnauthorized, http.StatusMethodNotAllowed)
			}},
		{ID: a.id("bad-request/userinfo-claims-with-sync"), Basis: scenario.Assumed,
			Requirement: "default_user_info_claims together with sync_id_token_claims_to_userinfo true gives 201 or 400.",
			Run: func(s *scenario.S) {
				b := MinimalOIDC(s)
				b["default_user_info_claims"] = []any{"email"}
				b["sync_id_token_claims_to_userinfo"] = true
				s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), scenario.JSON(b)).Check(http.StatusCreated, http.StatusBadRequest)
			}},
		{ID: a.id("bad-request/method-not-allowed"), Basis: scenario.Assumed,
			Requirement: "An undocumented method on a documented path gives 405 with the JSON error body.",
			Run: func(s *scenario.S) {
				id, _ := a.CreateMinimal(s)
				r := s.Do(scenario.Main, http.MethodPatch, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"description": "x"}))
				if !r.Check(http.StatusMethodNotAllowed) {
					return
				}
				requireErrorBody(s, r)
			}},
	}
	out = append(out, clientNotFoundScenarios(a)...)
	return append(out, clientConflictScenarios(a)...)
}

// requireErrorBody checks the Transmit error body where no spec operation documents it.
func requireErrorBody(s *scenario.S, r *scenario.Response) {
	obj, ok := r.JSON().(map[string]any)
	if !ok {
		s.Errorf(r, "JSON error body", `{"message": …, "error_code": …}`, "not a JSON object")
		return
	}
	if _, ok := obj["message"]; !ok {
		s.Errorf(r, "error body has message", "a message member", "absent")
	}
	if _, ok := obj["error_code"].(float64); !ok {
		s.Errorf(r, "error body has error_code", "a numeric error_code", scenario.DescribeField(obj["error_code"], obj["error_code"] != nil))
	}
}

func clientNotFoundScenarios(a ClientAPI) []scenario.Scenario {
	type call struct {
		name, method, suffix string
		body                 scenario.Opt
	}
	calls := []call{
		{"get", http.MethodGet, "", nil},
		{"put", http.MethodPut, "", scenario.JSON(map[string]any{"description": "x"})},
		{"delete", http.MethodDelete, "", nil},
		{"resources", http.MethodPut, "/resources", scenario.JSON(map[string]any{"resource_ids": []any{"res-a"}})},
	}
	var out []scenario.Scenario
	for _, c := range calls {
		opts := func() []scenario.Opt {
			if c.body == nil {
				return nil
			}
			return []scenario.Opt{c.body}
		}
		out = append(out,
			scenario.Scenario{ID: a.id("not-found/" + c.name + "-unknown-id"), Basis: scenario.Spec,
				Requirement: c.method + " " + c.suffix + " of a client id that never existed gives 404.",
				Run: func(s *scenario.S) {
					s.Do(scenario.Main, c.method, a.item(s, scenario.Main, unknownClientID)+c.suffix, opts()...).Check(http.StatusNotFound)
				}},
			scenario.Scenario{ID: a.id("not-found/" + c.name + "-after-delete"), Basis: scenario.Documented,
				Requirement: c.method + " " + c.suffix + " of a deleted client gives 404.",
				Run: func(s *scenario.S) {
					id, _ := a.CreateMinimal(s)
					s.Do(scenario.Main, http.MethodDelete, a.item(s, scenario.Main, id)).Expect(http.StatusNoContent)
					s.Do(scenario.Main, c.method, a.item(s, scenario.Main, id)+c.suffix, opts()...).Check(http.StatusNotFound)
				}})
	}
	return out
}

func clientConflictScenarios(a ClientAPI) []scenario.Scenario {
	return []scenario.Scenario{
		{ID: a.id("conflict/duplicate-name"), Basis: scenario.Assumed,
			Requirement: "A second client with the same name in the same app gives 409.",
			Run: func(s *scenario.S) {
				_, first := a.CreateMinimal(s)
				body := MinimalOIDC(s)
				body["name"] = first.String("/name")
				s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), scenario.JSON(body)).Check(http.StatusConflict)
			}},
		{ID: a.id("conflict/rename-onto-existing"), Basis: scenario.Assumed,
			Requirement: "Renaming a client to another client's name gives 409 and leaves it unchanged.",
			Run: func(s *scenario.S) {
				_, first := a.CreateMinimal(s)
				id, second := a.CreateMinimal(s)
				s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"name": first.String("/name")})).Check(http.StatusConflict)
				got := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
				scenario.RequireField(s, got, "/name", second.String("/name"))
			}},
		{ID: a.id("conflict/put-own-name-allowed"), Basis: scenario.Assumed,
			Requirement: "A PUT that repeats the client's own name is not a conflict (200).",
			Run: func(s *scenario.S) {
				id, r := a.CreateMinimal(s)
				s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"name": r.String("/name")})).Check(http.StatusOK)
			}},
		{ID: a.id("conflict/saml-name-clashes-with-oidc"), Basis: scenario.Assumed,
			Requirement: "A SAML client named like an existing OIDC client of the app gives 409 (names are unique per app).",
			Run: func(s *scenario.S) {
				_, first := a.CreateMinimal(s)
				body := fixtureBody(s, "client-saml.json")
				body["name"] = first.String("/name")
				s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), scenario.JSON(body)).Check(http.StatusConflict)
			}},
		{ID: a.id("conflict/names-compared-exactly"), Basis: scenario.Assumed,
			Requirement: "Names are compared exactly: a name differing only in letter case is not a duplicate (201).",
			Run: func(s *scenario.S) {
				body := MinimalOIDC(s)
				body["name"] = s.Name("Case")
				a.Create(s, scenario.Main, body)
				twin := MinimalOIDC(s)
				twin["name"] = lowerASCII(body["name"].(string))
				a.Create(s, scenario.Main, twin)
			}},
		{ID: a.id("conflict/same-name-other-app-allowed"), Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Other},
			Requirement: "The same client name in another app is allowed (201).",
			Run: func(s *scenario.S) {
				_, first := a.CreateMinimal(s)
				body := MinimalOIDC(s)
				body["name"] = first.String("/name")
				a.Create(s, scenario.Other, body)
			}},
	}
}

func lowerASCII(v string) string {
	b := []byte(v)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
