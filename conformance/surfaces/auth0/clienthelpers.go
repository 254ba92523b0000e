package auth0

import (
	"crypto/rand"
	"encoding/hex"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// Helpers of the client scenarios that several categories use: a many-field body, a field
// check, a fresh secret. (Paths and the create/read/list helpers are in catalogue.go.)

// a0FullBody sets many fields at once, each valid alone and together on any tenant.
func a0FullBody(s *scenario.S) map[string]any {
	return a0With(s, map[string]any{
		"description":                "clientconf conformance client with many fields",
		"app_type":                   "regular_web",
		"logo_uri":                   "https://conformance.example.com/logo.png",
		"callbacks":                  []any{"https://conformance.example.com/callback"},
		"allowed_origins":            []any{"https://conformance.example.com"},
		"web_origins":                []any{"https://conformance.example.com"},
		"allowed_logout_urls":        []any{"https://conformance.example.com/logout"},
		"initiate_login_uri":         "https://conformance.example.com/login",
		"grant_types":                []any{"authorization_code", "refresh_token"},
		"token_endpoint_auth_method": "client_secret_post",
		"oidc_conformant":            true,
		"sso_disabled":               true,
		"custom_login_page_on":       false,
		"client_metadata":            map[string]any{"suite": "clientconf"},
		"jwt_configuration":          map[string]any{"alg": "RS256", "lifetime_in_seconds": 3600},
		"refresh_token": map[string]any{"rotation_type": "rotating", "expiration_type": "expiring",
			"leeway": 0, "token_lifetime": 2592000, "idle_token_lifetime": 1296000},
	})
}

// a0RequireHolds fails unless the response's top-level key holds want: objects may carry more
// keys than sent (the server fills some in), arrays of strings compare as sets.
func a0RequireHolds(s *scenario.S, r *scenario.Response, key string, want any) {
	s.T.Helper()
	got, ok := r.Field("/" + key)
	if !ok || !scenario.ContainsJSON(got, want) {
		s.Errorf(r, "field /"+key, "/"+key+" holding "+scenario.DescribeJSON(want), scenario.DescribeField(got, ok))
	}
}

// a0NewSecret is a fresh 64-character client secret.
func a0NewSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
