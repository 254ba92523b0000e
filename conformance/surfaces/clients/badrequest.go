package clients

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// unknownClientID is an id no server has issued.
const unknownClientID = "ccs-no-such-client-0000"

// clientBadRequestScenarios: 400 answers of the client operations.
func clientBadRequestScenarios(a ClientAPI) []scenario.Scenario {
	bad := func(id, req string, body func(s *scenario.S) scenario.Opt) scenario.Scenario {
		return scenario.Scenario{ID: a.id(id), Basis: scenario.Spec, Requirement: req, Run: func(s *scenario.S) {
			s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), body(s)).Check(http.StatusBadRequest)
		}}
	}
	badPut := func(id, req string, suffix string, body scenario.Opt) scenario.Scenario {
		return scenario.Scenario{ID: a.id(id), Basis: scenario.Spec, Requirement: req, Run: func(s *scenario.S) {
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
		bad("clients/bad-request/malformed-json", "A create body that is not valid JSON gives 400.", func(*scenario.S) scenario.Opt {
			return scenario.Raw("application/json", []byte(`{"name": "broken", "redirect_uris": [`))
		}),
		bad("clients/bad-request/empty-name", "A create with an empty name gives 400.", withBody(func(b map[string]any) { b["name"] = "" })),
		bad("clients/bad-request/relative-redirect-uri", "A redirect URI without a scheme (relative) gives 400.",
			withBody(func(b map[string]any) { b["redirect_uris"] = []any{"/auth/callback"} })),
		bad("clients/bad-request/schemeless-redirect-uri", "A redirect URI that is a bare host and path, no scheme, gives 400.",
			withBody(func(b map[string]any) { b["redirect_uris"] = []any{"shop.example.com/callback"} })),
		bad("clients/bad-request/empty-redirect-uris", "An OIDC create with an empty redirect_uris list gives 400.",
			withBody(func(b map[string]any) { b["redirect_uris"] = []any{} })),
		bad("clients/bad-request/body-not-an-object", "A create body that is a JSON array gives 400.", func(*scenario.S) scenario.Opt {
			return scenario.Raw("application/json", []byte(`[{"name": "x"}]`))
		}),
		badPut("clients/bad-request/put-malformed-json", "A PUT body that is not valid JSON gives 400.", "",
			scenario.Raw("application/json", []byte(`{"description": `))),
		badPut("clients/bad-request/put-empty-name", "A PUT that sets an empty name gives 400.", "", scenario.JSON(map[string]any{"name": ""})),
		badPut("clients/bad-request/put-wrong-type", "A PUT with a field of the wrong JSON type gives 400.", "", scenario.JSON(map[string]any{"redirect_uris": "https://x.example.com"})),
		badPut("clients/bad-request/put-empty-redirect-uris", "A PUT that sets an empty redirect_uris list gives 400.", "", scenario.JSON(map[string]any{"redirect_uris": []any{}})),
		badPut("clients/bad-request/put-relative-redirect-uri", "A PUT that sets a redirect URI without a scheme gives 400.", "", scenario.JSON(map[string]any{"redirect_uris": []any{"/callback"}})),
		badPut("clients/bad-request/put-invalid-enum", "A PUT with client_type outside its enum gives 400.", "", scenario.JSON(map[string]any{"client_type": "spa"})),
		badPut("clients/bad-request/resources-missing-ids", "PUT …/resources without resource_ids gives 400.", "/resources", scenario.JSON(map[string]any{})),
		badPut("clients/bad-request/resources-wrong-type", "PUT …/resources with resource_ids not an array gives 400.", "/resources", scenario.JSON(map[string]any{"resource_ids": "res-a"})),
		{ID: a.id("clients/bad-request/malformed-body-unknown-id"), Basis: scenario.Assumed,
			Requirement: "A malformed PUT body for an unknown client id gives 400 or 404 (either check may come first).",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, unknownClientID), scenario.Raw("application/json", []byte(`{"description":`))).
					Check(http.StatusBadRequest, http.StatusNotFound)
			}},
		{ID: a.id("clients/bad-request/method-not-allowed-without-token"), Basis: scenario.Assumed,
			Requirement: "An undocumented method on a documented path without a token gives 401 or 405.",
			Run: func(s *scenario.S) {
				id, _ := a.CreateMinimal(s)
				s.Do(scenario.NoToken, http.MethodPatch, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"description": "x"})).
					Check(http.StatusUnauthorized, http.StatusMethodNotAllowed)
			}},
		{ID: a.id("clients/bad-request/userinfo-claims-with-sync"), Basis: scenario.Assumed,
			Requirement: "default_user_info_claims together with sync_id_token_claims_to_userinfo true gives 201 or 400.",
			Run: func(s *scenario.S) {
				b := MinimalOIDC(s)
				b["default_user_info_claims"] = []any{"email"}
				b["sync_id_token_claims_to_userinfo"] = true
				s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), scenario.JSON(b)).Check(http.StatusCreated, http.StatusBadRequest)
			}},
		{ID: a.id("clients/bad-request/method-not-allowed"), Basis: scenario.Assumed,
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

func lowerASCII(v string) string {
	b := []byte(v)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
