package auth0

import (
	"net/http"
	"strings"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0ErrorScenarios: 400, 404 and 409 answers of the client operations.
func a0ErrorScenarios() []scenario.Scenario {
	out := a0BadCreateScenarios()
	out = append(out, a0BadPatchScenarios()...)
	out = append(out, a0NotFoundScenarios()...)
	return append(out, a0ConflictScenarios()...)
}

func a0BadCreateScenarios() []scenario.Scenario {
	bad := func(id string, basis scenario.Basis, req string, body func(s *scenario.S) scenario.Opt) scenario.Scenario {
		return scenario.Scenario{ID: id, Basis: basis, Requirement: req, Run: func(s *scenario.S) {
			s.Do(scenario.Main, http.MethodPost, "/clients", body(s)).Check(http.StatusBadRequest)
		}}
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
		bad("auth0/bad-request/malformed-json", scenario.Spec, "A create body that is not valid JSON gives 400.", func(*scenario.S) scenario.Opt {
			return scenario.Raw("application/json", []byte(`{"name": "broken",`))
		}),
		bad("auth0/bad-request/body-not-an-object", scenario.Spec, "A create body that is a JSON array gives 400.", func(*scenario.S) scenario.Opt {
			return scenario.Raw("application/json", []byte(`[{"name": "x"}]`))
		}),
		bad("auth0/bad-request/name-empty", scenario.Spec, "A create with an empty name gives 400.", named(func(*scenario.S) string { return "" })),
		bad("auth0/bad-request/name-with-less-than", scenario.Spec, "A create whose name contains < gives 400.",
			named(func(s *scenario.S) string { return s.Name("a<b") })),
		bad("auth0/bad-request/name-with-greater-than", scenario.Spec, "A create whose name contains > gives 400.",
			named(func(s *scenario.S) string { return s.Name("a>b") })),
		bad("auth0/bad-request/description-141-chars", scenario.Spec, "A create with a description of 141 characters gives 400 (at most 140).",
			with(map[string]any{"description": strings.Repeat("d", 141)})),
		bad("auth0/bad-request/unknown-key", scenario.Spec, "A create body with a key the schema does not list gives 400 (additionalProperties false).",
			with(map[string]any{"x_conformance_unknown": "rejected"})),
		bad("auth0/bad-request/boolean-as-string", scenario.Spec, `A create with is_first_party as the string "true" gives 400 (booleans are not coerced).`,
			with(map[string]any{"is_first_party": "true"})),
		bad("auth0/bad-request/boolean-as-string-false", scenario.Spec, `A create with oidc_conformant as the string "false" gives 400 (booleans are not coerced).`,
			with(map[string]any{"oidc_conformant": "false"})),
		bad("auth0/bad-request/client-metadata-too-many", scenario.Spec, "A create with 11 client_metadata properties gives 400 (at most 10).",
			with(map[string]any{"client_metadata": tooMany})),
		bad("auth0/bad-request/auth-methods-exclusive", scenario.Assumed, "A create with both token_endpoint_auth_method and client_authentication_methods gives 400.",
			func(s *scenario.S) scenario.Opt {
				return scenario.JSON(a0With(s, map[string]any{
					"token_endpoint_auth_method": "client_secret_post",
					"jwt_configuration":          map[string]any{"alg": "RS256"},
					"client_authentication_methods": map[string]any{"private_key_jwt": map[string]any{
						"credentials": []any{a0PublicKeyBody(s, 0)}}},
				}))
			}),
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

func a0BadPatchScenarios() []scenario.Scenario {
	bad := func(id string, basis scenario.Basis, req string, body func(s *scenario.S) scenario.Opt) scenario.Scenario {
		return scenario.Scenario{ID: id, Basis: basis, Requirement: req, Run: func(s *scenario.S) {
			id := a0NewClient(s)
			s.Do(scenario.Main, http.MethodPatch, a0Client(id), body(s)).Check(http.StatusBadRequest)
		}}
	}
	fixed := func(v any) func(*scenario.S) scenario.Opt {
		return func(*scenario.S) scenario.Opt { return scenario.JSON(v) }
	}
	return []scenario.Scenario{
		bad("auth0/bad-request/patch-malformed-json", scenario.Spec, "A PATCH body that is not valid JSON gives 400.",
			func(*scenario.S) scenario.Opt { return scenario.Raw("application/json", []byte(`{"description": `)) }),
		bad("auth0/bad-request/patch-empty-body", scenario.Spec, "A PATCH with an empty object gives 400 (it must change something).", fixed(map[string]any{})),
		bad("auth0/bad-request/patch-unknown-key", scenario.Spec, "A PATCH with a key the schema does not list gives 400.", fixed(map[string]any{"x_conformance_unknown": 1})),
		bad("auth0/bad-request/patch-name-empty", scenario.Spec, "A PATCH that sets an empty name gives 400.", fixed(map[string]any{"name": ""})),
		bad("auth0/bad-request/patch-name-with-angle-brackets", scenario.Spec, "A PATCH that sets a name containing < or > gives 400.",
			func(s *scenario.S) scenario.Opt { return scenario.JSON(map[string]any{"name": s.Name("<script>")}) }),
		bad("auth0/bad-request/patch-description-141-chars", scenario.Spec, "A PATCH that sets a description of 141 characters gives 400.",
			fixed(map[string]any{"description": strings.Repeat("d", 141)})),
		bad("auth0/bad-request/patch-wrong-type", scenario.Spec, "A PATCH with callbacks not an array gives 400.", fixed(map[string]any{"callbacks": "https://conformance.example.com"})),
		bad("auth0/bad-request/patch-invalid-enum", scenario.Spec, "A PATCH with app_type outside its enum gives 400.", fixed(map[string]any{"app_type": "not-a-valid-app_type"})),
		bad("auth0/bad-request/patch-boolean-as-string", scenario.Spec, `A PATCH with sso_disabled as the string "true" gives 400.`, fixed(map[string]any{"sso_disabled": "true"})),
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
