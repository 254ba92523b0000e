package clients

import (
	"github.com/clientconf/clientconf/conformance/scenario"
	"net/http"
)

// nearMisses are values outside an enum that a server could plausibly take for valid: values
// of older or neighbouring enums in the vendor's documents (api-facts/transmit.md §7). The
// derived tables already send one made-up value per enum; these catch a server that
// validates against the wrong version of an enum.
var nearMisses = []struct {
	name  string
	field string
	value any
	why   string
}{
	{"response-types-none", "response_types", []any{"none"}, "the response default once listed none, the item enum is code|id_token"},
	{"samesite-strict", "short_cookies_samesite_type", "strict", "the prose mentions strict, the enum is lax|none"},
	{"client-type-spa", "client_type", "spa", "client_type is web|native"},
	{"auth-method-post", "token_endpoint_auth_method", "client_secret_post", "not one of the 5 values"},
	{"auth-config-none", "authentication_configuration", map[string]any{"method": "none"}, "authentication_configuration.method has no none"},
	{"claim-sub", "default_custom_claims", []any{"sub"}, "sub is not a custom claim"},
	{"prompt-select-account", "supported_prompts", []any{"select_account"}, "supported_prompts is login|consent|none"},
}

func clientNearMissScenarios(a ClientAPI) []scenario.Scenario {
	var out []scenario.Scenario
	for _, nm := range nearMisses {
		out = append(out, scenario.Scenario{
			ID: a.id("enums/oidc/near-miss/" + nm.name), Basis: scenario.Spec,
			Requirement: "A create with " + nm.field + " = " + scenario.DescribeJSON(nm.value) + " gives 400 (" + nm.why + ").",
			Run: func(s *scenario.S) {
				body := MinimalOIDC(s)
				body[nm.field] = nm.value
				s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), scenario.JSON(body)).Check(http.StatusBadRequest)
			},
		})
	}
	return out
}
