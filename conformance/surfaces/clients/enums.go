package clients

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// nearMisses are values outside an enum that a server could plausibly take for valid: values
// of older or neighbouring enums in the vendor's documents (api-facts/transmit.md §7). The
// derived tables already send one made-up value per enum; these catch a server that
// validates against the wrong version of an enum.
var nearMisses = []struct {
	id    string // scenario ID
	field string
	value any
	why   string
}{
	{"clients/enums/oidc/near-miss/response-types-none", "response_types", []any{"none"}, "the response default once listed none, the item enum is code|id_token"},
	{"clients/enums/oidc/near-miss/samesite-strict", "short_cookies_samesite_type", "strict", "the prose mentions strict, the enum is lax|none"},
	{"clients/enums/oidc/near-miss/client-type-spa", "client_type", "spa", "client_type is web|native"},
	{"clients/enums/oidc/near-miss/auth-method-post", "token_endpoint_auth_method", "client_secret_post", "not one of the 5 values"},
	{"clients/enums/oidc/near-miss/auth-config-none", "authentication_configuration", map[string]any{"method": "none"}, "authentication_configuration.method has no none"},
	{"clients/enums/oidc/near-miss/claim-sub", "default_custom_claims", []any{"sub"}, "sub is not a custom claim"},
	{"clients/enums/oidc/near-miss/prompt-select-account", "supported_prompts", []any{"select_account"}, "supported_prompts is login|consent|none"},
}

func clientNearMissScenarios(a ClientAPI) []scenario.Scenario {
	var out []scenario.Scenario
	for _, nm := range nearMisses {
		out = append(out, scenario.Scenario{
			ID: a.id(nm.id), Basis: scenario.Spec,
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
