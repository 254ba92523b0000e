package auth0

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0EnumScenarios: the request enums the derived table leaves out (see Catalogue), with
// the companion values they need, and near misses a server could take for valid.
func a0EnumScenarios() []scenario.Scenario {
	// refresh_token needs both types whenever it is sent, and rotating tokens must expire, so
	// each value is sent with a partner that makes the pair valid.
	pairs := []struct {
		field, value      string
		rotation, expires string
	}{
		{"rotation_type", "rotating", "rotating", "expiring"},
		{"rotation_type", "non-rotating", "non-rotating", "non-expiring"},
		{"expiration_type", "expiring", "non-rotating", "expiring"},
		{"expiration_type", "non-expiring", "non-rotating", "non-expiring"},
	}
	var out []scenario.Scenario
	for _, p := range pairs {
		out = append(out, scenario.Scenario{ID: "auth0/enums/client/refresh_token." + p.field + "/" + p.value, Basis: scenario.Spec,
			Requirement: "createClient accepts refresh_token." + p.field + " = " + p.value + " and echoes it.",
			Run: func(s *scenario.S) {
				rt := map[string]any{"rotation_type": p.rotation, "expiration_type": p.expires}
				_, r := a0Create(s, a0With(s, map[string]any{"oidc_conformant": true, "refresh_token": rt}))
				scenario.RequireField(s, r, "/refresh_token/rotation_type", p.rotation)
				scenario.RequireField(s, r, "/refresh_token/expiration_type", p.expires)
			}})
	}
	nearMisses := []struct {
		name string
		body map[string]any
		why  string
	}{
		{"refresh_token.rotation_type/invalid", map[string]any{"refresh_token": map[string]any{"rotation_type": "not-a-valid-rotation_type", "expiration_type": "non-expiring"}},
			"refresh_token.rotation_type outside its enum"},
		{"refresh_token.expiration_type/invalid", map[string]any{"refresh_token": map[string]any{"rotation_type": "non-rotating", "expiration_type": "not-a-valid-expiration_type"}},
			"refresh_token.expiration_type outside its enum"},
		{"near-miss/token-endpoint-auth-method-private-key-jwt", map[string]any{"token_endpoint_auth_method": "private_key_jwt"},
			"token_endpoint_auth_method private_key_jwt: key-based methods go through client_authentication_methods"},
		{"near-miss/token-endpoint-auth-method-client-secret-jwt", map[string]any{"token_endpoint_auth_method": "client_secret_jwt"},
			"token_endpoint_auth_method client_secret_jwt, an OIDC method Auth0 does not offer"},
		{"near-miss/jwt-alg-rs384", map[string]any{"jwt_configuration": map[string]any{"alg": "RS384"}},
			"jwt_configuration.alg RS384, a credential alg, not a client signing alg"},
		{"near-miss/app-type-web", map[string]any{"app_type": "web"},
			"app_type web, Transmit's client_type, not an Auth0 app_type (regular_web is)"},
		{"near-miss/organization-usage-optional", map[string]any{"organization_usage": "optional"},
			"organization_usage optional, not one of deny|allow|require"},
	}
	for _, nm := range nearMisses {
		out = append(out, scenario.Scenario{ID: "auth0/enums/client/" + nm.name, Basis: scenario.Spec,
			Requirement: "createClient with " + nm.why + " gives 400.",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodPost, "/clients", scenario.JSON(a0With(s, nm.body))).Check(http.StatusBadRequest)
			}})
	}
	return out
}
