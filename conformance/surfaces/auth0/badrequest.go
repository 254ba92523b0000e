package auth0

import (
	"net/http"
	"strings"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0BadCreateScenarios: 400 answers of a client create.
func a0BadCreateScenarios() []scenario.Scenario {
	// bad: a create with body gives 400.
	bad := func(body func(s *scenario.S) scenario.Opt) func(s *scenario.S) {
		return func(s *scenario.S) {
			s.Do(scenario.Main, http.MethodPost, "/clients", body(s)).Check(http.StatusBadRequest)
		}
	}
	with := func(fields map[string]any) func(s *scenario.S) scenario.Opt {
		return func(s *scenario.S) scenario.Opt { return scenario.JSON(a0With(s, fields)) }
	}
	named := func(name func(s *scenario.S) string) func(s *scenario.S) scenario.Opt {
		return func(s *scenario.S) scenario.Opt { return scenario.JSON(map[string]any{"name": name(s)}) }
	}
	tooMany := map[string]any{}
	for _, k := range strings.Fields("a b c d e f g h i j k") {
		tooMany["key_"+k] = "v"
	}
	return []scenario.Scenario{
		{ID: "auth0/bad-request/malformed-json", Basis: scenario.Spec,
			Requirement: "A create body that is not valid JSON gives 400.",
			Run: bad(func(*scenario.S) scenario.Opt {
				return scenario.Raw("application/json", []byte(`{"name": "broken",`))
			})},
		{ID: "auth0/bad-request/body-not-an-object", Basis: scenario.Spec,
			Requirement: "A create body that is a JSON array gives 400.",
			Run: bad(func(*scenario.S) scenario.Opt {
				return scenario.Raw("application/json", []byte(`[{"name": "x"}]`))
			})},
		{ID: "auth0/bad-request/name-empty", Basis: scenario.Spec,
			Requirement: "A create with an empty name gives 400.",
			Run:         bad(named(func(*scenario.S) string { return "" }))},
		{ID: "auth0/bad-request/name-with-less-than", Basis: scenario.Spec,
			Requirement: "A create whose name contains < gives 400.",
			Run:         bad(named(func(s *scenario.S) string { return s.Name("a<b") }))},
		{ID: "auth0/bad-request/name-with-greater-than", Basis: scenario.Spec,
			Requirement: "A create whose name contains > gives 400.",
			Run:         bad(named(func(s *scenario.S) string { return s.Name("a>b") }))},
		{ID: "auth0/bad-request/description-141-chars", Basis: scenario.Spec,
			Requirement: "A create with a description of 141 characters gives 400 (at most 140).",
			Run:         bad(with(map[string]any{"description": strings.Repeat("d", 141)}))},
		{ID: "auth0/bad-request/unknown-key", Basis: scenario.Spec,
			Requirement: "A create body with a key the schema does not list gives 400 (additionalProperties false).",
			Run:         bad(with(map[string]any{"x_conformance_unknown": "rejected"}))},
		{ID: "auth0/bad-request/boolean-as-string", Basis: scenario.Spec,
			Requirement: `A create with is_first_party as the string "true" gives 400 (booleans are not coerced).`,
			Run:         bad(with(map[string]any{"is_first_party": "true"}))},
		{ID: "auth0/bad-request/boolean-as-string-false", Basis: scenario.Spec,
			Requirement: `A create with oidc_conformant as the string "false" gives 400 (booleans are not coerced).`,
			Run:         bad(with(map[string]any{"oidc_conformant": "false"}))},
		{ID: "auth0/bad-request/client-metadata-too-many", Basis: scenario.Spec,
			Requirement: "A create with 11 client_metadata properties gives 400 (at most 10).",
			Run:         bad(with(map[string]any{"client_metadata": tooMany}))},
		{ID: "auth0/bad-request/auth-methods-exclusive", Basis: scenario.Assumed,
			Requirement: "A create with both token_endpoint_auth_method and client_authentication_methods gives 400.",
			Run: bad(func(s *scenario.S) scenario.Opt {
				return scenario.JSON(a0With(s, map[string]any{
					"token_endpoint_auth_method": "client_secret_post",
					"jwt_configuration":          map[string]any{"alg": "RS256"},
					"client_authentication_methods": map[string]any{"private_key_jwt": map[string]any{
						"credentials": []any{a0PublicKeyBody(s, 0)}}},
				}))
			})},
		{ID: "auth0/bad-request/description-140-chars-accepted", Basis: scenario.Spec,
			Requirement: "A create with a description of exactly 140 characters is accepted (201).",
			Run: func(s *scenario.S) {
				desc := strings.Repeat("d", 140)
				_, r := a0Create(s, a0With(s, map[string]any{"description": desc}))
				scenario.RequireField(s, r, "/description", desc)
			}},
		{ID: "auth0/bad-request/client-secret-on-create", Basis: scenario.Documented,
			Requirement: "A create body with client_secret gives 201 or 400 (left open by the contract).",
			Run: func(s *scenario.S) {
				r := s.Do(scenario.Main, http.MethodPost, "/clients", scenario.JSON(a0With(s, map[string]any{"client_secret": a0NewSecret()})))
				if r.Check(http.StatusCreated, http.StatusBadRequest) {
					s.Observe("create-with-client-secret", "client_secret on create answered %d (201 and 400 are both allowed)", r.Status)
				}
			}},
	}
}

// a0BadPatchScenarios: 400 answers of a client PATCH.
func a0BadPatchScenarios() []scenario.Scenario {
	// bad: a PATCH of a new client with body gives 400.
	bad := func(body func(s *scenario.S) scenario.Opt) func(s *scenario.S) {
		return func(s *scenario.S) {
			id := a0NewClient(s)
			s.Do(scenario.Main, http.MethodPatch, a0Client(id), body(s)).Check(http.StatusBadRequest)
		}
	}
	fixed := func(v any) func(*scenario.S) scenario.Opt {
		return func(*scenario.S) scenario.Opt { return scenario.JSON(v) }
	}
	return []scenario.Scenario{
		{ID: "auth0/bad-request/patch-malformed-json", Basis: scenario.Spec,
			Requirement: "A PATCH body that is not valid JSON gives 400.",
			Run:         bad(func(*scenario.S) scenario.Opt { return scenario.Raw("application/json", []byte(`{"description": `)) })},
		{ID: "auth0/bad-request/patch-empty-body", Basis: scenario.Spec,
			Requirement: "A PATCH with an empty object gives 400 (it must change something).",
			Run:         bad(fixed(map[string]any{}))},
		{ID: "auth0/bad-request/patch-unknown-key", Basis: scenario.Spec,
			Requirement: "A PATCH with a key the schema does not list gives 400.",
			Run:         bad(fixed(map[string]any{"x_conformance_unknown": 1}))},
		{ID: "auth0/bad-request/patch-name-empty", Basis: scenario.Spec,
			Requirement: "A PATCH that sets an empty name gives 400.",
			Run:         bad(fixed(map[string]any{"name": ""}))},
		{ID: "auth0/bad-request/patch-name-with-angle-brackets", Basis: scenario.Spec,
			Requirement: "A PATCH that sets a name containing < or > gives 400.",
			Run:         bad(func(s *scenario.S) scenario.Opt { return scenario.JSON(map[string]any{"name": s.Name("<script>")}) })},
		{ID: "auth0/bad-request/patch-description-141-chars", Basis: scenario.Spec,
			Requirement: "A PATCH that sets a description of 141 characters gives 400.",
			Run:         bad(fixed(map[string]any{"description": strings.Repeat("d", 141)}))},
		{ID: "auth0/bad-request/patch-wrong-type", Basis: scenario.Spec,
			Requirement: "A PATCH with callbacks not an array gives 400.",
			Run:         bad(fixed(map[string]any{"callbacks": "https://conformance.example.com"}))},
		{ID: "auth0/bad-request/patch-invalid-enum", Basis: scenario.Spec,
			Requirement: "A PATCH with app_type outside its enum gives 400.",
			Run:         bad(fixed(map[string]any{"app_type": "not-a-valid-app_type"}))},
		{ID: "auth0/bad-request/patch-boolean-as-string", Basis: scenario.Spec,
			Requirement: `A PATCH with sso_disabled as the string "true" gives 400.`,
			Run:         bad(fixed(map[string]any{"sso_disabled": "true"}))},
		{ID: "auth0/bad-request/patch-auth-methods-exclusive", Basis: scenario.Assumed,
			Requirement: "A PATCH with both token_endpoint_auth_method and client_authentication_methods gives 400.",
			Run: func(s *scenario.S) {
				id := a0NewClient(s)
				cred := a0NewCredential(s, id, a0PublicKeyBody(s, 0))
				s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{
					"token_endpoint_auth_method": "client_secret_basic",
					"client_authentication_methods": map[string]any{"private_key_jwt": map[string]any{
						"credentials": []any{map[string]any{"id": cred}}}},
				})).Check(http.StatusBadRequest)
			}},
	}
}
