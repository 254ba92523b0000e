package clients

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// clientBadRequestScenarios: 400 answers of the client operations.
func clientBadRequestScenarios(a ClientAPI) []scenario.Scenario {
	// bad: a create with body gives 400.
	bad := func(body func(s *scenario.S) scenario.Opt) func(s *scenario.S) {
		return func(s *scenario.S) {
			s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), body(s)).Check(http.StatusBadRequest)
		}
	}
	// badPut: a PUT of body to a new client's item path plus suffix gives 400.
	badPut := func(suffix string, body scenario.Opt) func(s *scenario.S) {
		return func(s *scenario.S) {
			id, _ := a.CreateMinimal(s)
			s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id)+suffix, body).Check(http.StatusBadRequest)
		}
	}
	withBody := func(change func(map[string]any)) func(s *scenario.S) scenario.Opt {
		return func(s *scenario.S) scenario.Opt {
			b := MinimalOIDC(s)
			change(b)
			return scenario.JSON(b)
		}
	}
	return []scenario.Scenario{
		{ID: a.id("clients/bad-request/malformed-json"), Basis: scenario.Spec,
			Requirement: "A create body that is not valid JSON gives 400.",
			Run: bad(func(*scenario.S) scenario.Opt {
				return scenario.Raw("application/json", []byte(`{"name": "broken", "redirect_uris": [`))
			})},
		{ID: a.id("clients/bad-request/empty-name"), Basis: scenario.Spec,
			Requirement: "A create with an empty name gives 400.",
			Run:         bad(withBody(func(b map[string]any) { b["name"] = "" }))},
		{ID: a.id("clients/bad-request/relative-redirect-uri"), Basis: scenario.Spec,
			Requirement: "A redirect URI without a scheme (relative) gives 400.",
			Run:         bad(withBody(func(b map[string]any) { b["redirect_uris"] = []any{"/auth/callback"} }))},
		{ID: a.id("clients/bad-request/schemeless-redirect-uri"), Basis: scenario.Spec,
			Requirement: "A redirect URI that is a bare host and path, no scheme, gives 400.",
			Run:         bad(withBody(func(b map[string]any) { b["redirect_uris"] = []any{"shop.example.com/callback"} }))},
		{ID: a.id("clients/bad-request/empty-redirect-uris"), Basis: scenario.Spec,
			Requirement: "An OIDC create with an empty redirect_uris list gives 400.",
			Run:         bad(withBody(func(b map[string]any) { b["redirect_uris"] = []any{} }))},
		{ID: a.id("clients/bad-request/body-not-an-object"), Basis: scenario.Spec,
			Requirement: "A create body that is a JSON array gives 400.",
			Run: bad(func(*scenario.S) scenario.Opt {
				return scenario.Raw("application/json", []byte(`[{"name": "x"}]`))
			})},
		{ID: a.id("clients/bad-request/put-malformed-json"), Basis: scenario.Spec,
			Requirement: "A PUT body that is not valid JSON gives 400.",
			Run:         badPut("", scenario.Raw("application/json", []byte(`{"description": `)))},
		{ID: a.id("clients/bad-request/put-empty-name"), Basis: scenario.Spec,
			Requirement: "A PUT that sets an empty name gives 400.",
			Run:         badPut("", scenario.JSON(map[string]any{"name": ""}))},
		{ID: a.id("clients/bad-request/put-wrong-type"), Basis: scenario.Spec,
			Requirement: "A PUT with a field of the wrong JSON type gives 400.",
			Run:         badPut("", scenario.JSON(map[string]any{"redirect_uris": "https://x.example.com"}))},
		{ID: a.id("clients/bad-request/put-empty-redirect-uris"), Basis: scenario.Spec,
			Requirement: "A PUT that sets an empty redirect_uris list gives 400.",
			Run:         badPut("", scenario.JSON(map[string]any{"redirect_uris": []any{}}))},
		{ID: a.id("clients/bad-request/put-relative-redirect-uri"), Basis: scenario.Spec,
			Requirement: "A PUT that sets a redirect URI without a scheme gives 400.",
			Run:         badPut("", scenario.JSON(map[string]any{"redirect_uris": []any{"/callback"}}))},
		{ID: a.id("clients/bad-request/put-invalid-enum"), Basis: scenario.Spec,
			Requirement: "A PUT with client_type outside its enum gives 400.",
			Run:         badPut("", scenario.JSON(map[string]any{"client_type": "spa"}))},
		{ID: a.id("clients/bad-request/resources-missing-ids"), Basis: scenario.Spec,
			Requirement: "PUT …/resources without resource_ids gives 400.",
			Run:         badPut("/resources", scenario.JSON(map[string]any{}))},
		{ID: a.id("clients/bad-request/resources-wrong-type"), Basis: scenario.Spec,
			Requirement: "PUT …/resources with resource_ids not an array gives 400.",
			Run:         badPut("/resources", scenario.JSON(map[string]any{"resource_ids": "res-a"}))},
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
