package auth0

import (
	"encoding/json"
	"maps"
)

// Live defaults of a minimal create (realtraffic TestClient_Create and api-facts/auth0.md §13).
const (
	globalClientName       = "All Applications"
	signingKeySubject      = "deprecated" // what Auth0 puts in signing_keys[].subject
	clientSecretLength     = 64
	defaultRotationType    = "non-rotating"
	defaultExpirationType  = "non-expiring"
	rotatingRotationType   = "rotating"
	expiringExpirationType = "expiring"
	appTypeResourceServer  = "resource_server"
	appTypeExpressConfig   = "express_configuration"
	grantAuthorizationCode = "authorization_code"
	grantClientCredentials = "client_credentials"
)

// newClientDoc builds the client a create stores: the live defaults, overlaid by the body.
func (s *server) newClientDoc(body map[string]any) map[string]any {
	grants := []any{grantAuthorizationCode, "implicit", "refresh_token", grantClientCredentials}
	if s.faults.On(faultDefaultGrantTypes) {
		grants = grants[:3]
	}
	doc := map[string]any{
		"tenant":                              s.tenant,
		"global":                              false,
		"is_first_party":                      !s.faults.On(faultDefaultThirdParty),
		"is_token_endpoint_ip_header_trusted": false,
		"oidc_conformant":                     false,
		"sso_disabled":                        false,
		"cross_origin_authentication":         false,
		"custom_login_page_on":                true,
		"grant_types":                         grants,
		"jwt_configuration": map[string]any{
			"lifetime_in_seconds": json.Number("36000"),
			"secret_encoded":      s.faults.On(faultDefaultSecretEncoded),
		},
		"refresh_token": s.refreshTokenDefaults(map[string]any{}),
		"signing_keys":  []any{newSigningKey()},
		"client_secret": randomString(clientSecretLength),
	}
	// Defaults that depend on the body (live traffic; the contract leaves them open, this
	// follows what Auth0 did).
	switch body["app_type"] {
	case appTypeResourceServer:
		doc["grant_types"] = []any{}
		doc["oidc_conformant"] = true
	case appTypeExpressConfig:
		doc["grant_types"] = []any{grantAuthorizationCode, grantClientCredentials}
		doc["oidc_conformant"] = true
	}
	for k, v := range body {
		doc[k] = cloneValue(v)
	}
	if jwt, ok := body["jwt_configuration"].(map[string]any); ok {
		// A sent jwt_configuration gets secret_encoded but no lifetime (45 live creates agree).
		filled := map[string]any{"secret_encoded": false}
		maps.Copy(filled, cloneMap(jwt))
		doc["jwt_configuration"] = filled
	}
	if rt, ok := body["refresh_token"].(map[string]any); ok {
		doc["refresh_token"] = s.refreshTokenDefaults(cloneMap(rt))
	}
	return doc
}

// refreshTokenDefaults fills the unset keys of a refresh_token configuration the way live Auth0
// does: lifetimes are infinite unless the token expires.
func (s *server) refreshTokenDefaults(rt map[string]any) map[string]any {
	rotation := defaultRotationType
	if s.faults.On(faultDefaultRotatingTokens) {
		rotation = rotatingRotationType
	}
	if _, ok := rt["rotation_type"]; !ok {
		rt["rotation_type"] = rotation
	}
	if _, ok := rt["expiration_type"]; !ok {
		rt["expiration_type"] = defaultExpirationType
	}
	infinite := rt["expiration_type"] != expiringExpirationType
	fill := map[string]any{
		"leeway":                       json.Number("0"),
		"token_lifetime":               json.Number("2592000"),
		"idle_token_lifetime":          json.Number("1296000"),
		"infinite_token_lifetime":      infinite,
		"infinite_idle_token_lifetime": infinite,
	}
	for k, v := range fill {
		if _, ok := rt[k]; !ok {
			rt[k] = v
		}
	}
	return rt
}

// globalClientDoc is the tenant's legacy "All Applications" client, present from the start.
func (s *server) globalClientDoc() map[string]any {
	return map[string]any{
		"tenant":                      s.tenant,
		"global":                      true,
		"name":                        globalClientName,
		"is_first_party":              true,
		"oidc_conformant":             false,
		"sso_disabled":                false,
		"cross_origin_authentication": false,
		"custom_login_page_on":        true,
		"callbacks":                   []any{},
		"client_secret":               randomString(clientSecretLength),
		"signing_keys":                []any{newSigningKey()},
		"jwt_configuration": map[string]any{
			"lifetime_in_seconds": json.Number("36000"),
			"secret_encoded":      false,
		},
	}
}

// newSigningKey fakes the tenant signing certificate Auth0 attaches to every client; its content
// is opaque to the API, only its shape matters.
func newSigningKey() map[string]any {
	body := randomString(64)
	return map[string]any{
		"cert":    "-----BEGIN CERTIFICATE-----\r\n" + body + "\r\n-----END CERTIFICATE-----\r\n",
		"pkcs7":   "-----BEGIN PKCS7-----\r\n" + body + "\r\n-----END PKCS7-----\r\n",
		"subject": signingKeySubject,
	}
}
