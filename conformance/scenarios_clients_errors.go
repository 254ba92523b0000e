package conformance

import (
	"net/http"
)

// unknownClientID is an id no server has issued.
const unknownClientID = "ccs-no-such-client-0000"

// clientErrorScenarios: 400, 404 and 409 answers of the client operations.
func clientErrorScenarios(a clientAPI) []Scenario {
	bad := func(name, req string, body func(s *S) Opt) Scenario {
		return Scenario{ID: a.id("bad-request/" + name), Basis: Spec, Requirement: req, Run: func(s *S) {
			s.Do(Main, http.MethodPost, a.collection(s, Main), body(s)).Check(http.StatusBadRequest)
		}}
	}
	badPut := func(name, req string, suffix string, body Opt) Scenario {
		return Scenario{ID: a.id("bad-request/" + name), Basis: Spec, Requirement: req, Run: func(s *S) {
			id, _ := a.createMinimal(s)
			s.Do(Main, http.MethodPut, a.item(s, Main, id)+suffix, body).Check(http.StatusBadRequest)
		}}
	}
	withBody := func(change func(map[string]any)) func(s *S) Opt {
		return func(s *S) Opt {
			b := minimalOIDC(s)
			change(b)
			return JSON(b)
		}
	}
	out := []Scenario{
		bad("malformed-json", "A create body that is not valid JSON gives 400.", func(*S) Opt {
			return Raw("application/json", []byte(`{"name": "broken", "redirect_uris": [`))
		}),
		bad("empty-name", "A create with an empty name gives 400.", withBody(func(b map[string]any) { b["name"] = "" })),
		bad("relative-redirect-uri", "A redirect URI without a scheme (relative) gives 400.",
			withBody(func(b map[string]any) { b["redirect_uris"] = []any{"/auth/callback"} })),
		bad("schemeless-redirect-uri", "A redirect URI that is a bare host and path, no scheme, gives 400.",
			withBody(func(b map[string]any) { b["redirect_uris"] = []any{"shop.example.com/callback"} })),
		bad("empty-redirect-uris", "An OIDC create with an empty redirect_uris list gives 400.",
			withBody(func(b map[string]any) { b["redirect_uris"] = []any{} })),
		bad("body-not-an-object", "A create body that is a JSON array gives 400.", func(*S) Opt {
			return Raw("application/json", []byte(`[{"name": "x"}]`))
		}),
		badPut("put-malformed-json", "A PUT body that is not valid JSON gives 400.", "",
			Raw("application/json", []byte(`{"description": `))),
		badPut("put-empty-name", "A PUT that sets an empty name gives 400.", "", JSON(map[string]any{"name": ""})),
		badPut("put-wrong-type", "A PUT with a field of the wrong JSON type gives 400.", "", JSON(map[string]any{"redirect_uris": "https://x.example.com"})),
		badPut("put-empty-redirect-uris", "A PUT that sets an empty redirect_uris list gives 400.", "", JSON(map[string]any{"redirect_uris": []any{}})),
		badPut("put-relative-redirect-uri", "A PUT that sets a redirect URI without a scheme gives 400.", "", JSON(map[string]any{"redirect_uris": []any{"/callback"}})),
		badPut("put-invalid-enum", "A PUT with client_type outside its enum gives 400.", "", JSON(map[string]any{"client_type": "spa"})),
		badPut("resources-missing-ids", "PUT …/resources without resource_ids gives 400.", "/resources", JSON(map[string]any{})),
		badPut("resources-wrong-type", "PUT …/resources with resource_ids not an array gives 400.", "/resources", JSON(map[string]any{"resource_ids": "res-a"})),
		{ID: a.id("bad-request/malformed-body-unknown-id"), Basis: Assumed,
			Requirement: "A malformed PUT body for an unknown client id gives 400 or 404 (either check may come first).",
			Run: func(s *S) {
				s.Do(Main, http.MethodPut, a.item(s, Main, unknownClientID), Raw("application/json", []byte(`{"description":`))).
					Check(http.StatusBadRequest, http.StatusNotFound)
			}},
		{ID: a.id("bad-request/method-not-allowed-without-token"), Basis: Assumed,
			Requirement: "An undocumented method on a documented path without a token gives 401 or 405.",
			Run: func(s *S) {
				id, _ := a.createMinimal(s)
				s.Do(NoToken, http.MethodPatch, a.item(s, Main, id), JSON(map[string]any{"description": "x"})).
					Check(http.StatusUnauthorized, http.StatusMethodNotAllowed)
			}},
		{ID: a.id("bad-request/userinfo-claims-with-sync"), Basis: Assumed,
			Requirement: "default_user_info_claims together with sync_id_token_claims_to_userinfo true gives 201 or 400.",
			Run: func(s *S) {
				b := minimalOIDC(s)
				b["default_user_info_claims"] = []any{"email"}
				b["sync_id_token_claims_to_userinfo"] = true
				s.Do(Main, http.MethodPost, a.collection(s, Main), JSON(b)).Check(http.StatusCreated, http.StatusBadRequest)
			}},
		{ID: a.id("bad-request/method-not-allowed"), Basis: Assumed,
			Requirement: "An undocumented method on a documented path gives 405 with the JSON error body.",
			Run: func(s *S) {
				id, _ := a.createMinimal(s)
				r := s.Do(Main, http.MethodPatch, a.item(s, Main, id), JSON(map[string]any{"description": "x"}))
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
func requireErrorBody(s *S, r *Response) {
	obj, ok := r.JSON().(map[string]any)
	if !ok {
		s.Errorf(r, "JSON error body", `{"message": …, "error_code": …}`, "not a JSON object")
		return
	}
	if _, ok := obj["message"]; !ok {
		s.Errorf(r, "error body has message", "a message member", "absent")
	}
	if _, ok := obj["error_code"].(float64); !ok {
		s.Errorf(r, "error body has error_code", "a numeric error_code", describeField(obj["error_code"], obj["error_code"] != nil))
	}
}

func clientNotFoundScenarios(a clientAPI) []Scenario {
	type call struct {
		name, method, suffix string
		body                 Opt
	}
	calls := []call{
		{"get", http.MethodGet, "", nil},
		{"put", http.MethodPut, "", JSON(map[string]any{"description": "x"})},
		{"delete", http.MethodDelete, "", nil},
		{"resources", http.MethodPut, "/resources", JSON(map[string]any{"resource_ids": []any{"res-a"}})},
	}
	var out []Scenario
	for _, c := range calls {
		opts := func() []Opt {
			if c.body == nil {
				return nil
			}
			return []Opt{c.body}
		}
		out = append(out,
			Scenario{ID: a.id("not-found/" + c.name + "-unknown-id"), Basis: Spec,
				Requirement: c.method + " " + c.suffix + " of a client id that never existed gives 404.",
				Run: func(s *S) {
					s.Do(Main, c.method, a.item(s, Main, unknownClientID)+c.suffix, opts()...).Check(http.StatusNotFound)
				}},
			Scenario{ID: a.id("not-found/" + c.name + "-after-delete"), Basis: Documented,
				Requirement: c.method + " " + c.suffix + " of a deleted client gives 404.",
				Run: func(s *S) {
					id, _ := a.createMinimal(s)
					s.Do(Main, http.MethodDelete, a.item(s, Main, id)).Expect(http.StatusNoContent)
					s.Do(Main, c.method, a.item(s, Main, id)+c.suffix, opts()...).Check(http.StatusNotFound)
				}})
	}
	return out
}

func clientConflictScenarios(a clientAPI) []Scenario {
	return []Scenario{
		{ID: a.id("conflict/duplicate-name"), Basis: Assumed,
			Requirement: "A second client with the same name in the same app gives 409.",
			Run: func(s *S) {
				_, first := a.createMinimal(s)
				body := minimalOIDC(s)
				body["name"] = first.String("/name")
				s.Do(Main, http.MethodPost, a.collection(s, Main), JSON(body)).Check(http.StatusConflict)
			}},
		{ID: a.id("conflict/rename-onto-existing"), Basis: Assumed,
			Requirement: "Renaming a client to another client's name gives 409 and leaves it unchanged.",
			Run: func(s *S) {
				_, first := a.createMinimal(s)
				id, second := a.createMinimal(s)
				s.Do(Main, http.MethodPut, a.item(s, Main, id), JSON(map[string]any{"name": first.String("/name")})).Check(http.StatusConflict)
				got := s.Do(Main, http.MethodGet, a.item(s, Main, id)).Expect(http.StatusOK)
				requireField(s, got, "/name", second.String("/name"))
			}},
		{ID: a.id("conflict/put-own-name-allowed"), Basis: Assumed,
			Requirement: "A PUT that repeats the client's own name is not a conflict (200).",
			Run: func(s *S) {
				id, r := a.createMinimal(s)
				s.Do(Main, http.MethodPut, a.item(s, Main, id), JSON(map[string]any{"name": r.String("/name")})).Check(http.StatusOK)
			}},
		{ID: a.id("conflict/saml-name-clashes-with-oidc"), Basis: Assumed,
			Requirement: "A SAML client named like an existing OIDC client of the app gives 409 (names are unique per app).",
			Run: func(s *S) {
				_, first := a.createMinimal(s)
				body := fixtureBody(s, "client-saml.json")
				body["name"] = first.String("/name")
				s.Do(Main, http.MethodPost, a.collection(s, Main), JSON(body)).Check(http.StatusConflict)
			}},
		{ID: a.id("conflict/names-compared-exactly"), Basis: Assumed,
			Requirement: "Names are compared exactly: a name differing only in letter case is not a duplicate (201).",
			Run: func(s *S) {
				body := minimalOIDC(s)
				body["name"] = s.Name("Case")
				a.create(s, Main, body)
				twin := minimalOIDC(s)
				twin["name"] = lowerASCII(body["name"].(string))
				a.create(s, Main, twin)
			}},
		{ID: a.id("conflict/same-name-other-app-allowed"), Basis: Assumed, Roles: []Role{Other},
			Requirement: "The same client name in another app is allowed (201).",
			Run: func(s *S) {
				_, first := a.createMinimal(s)
				body := minimalOIDC(s)
				body["name"] = first.String("/name")
				a.create(s, Other, body)
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
