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
	// follows what Auth0 did unless the variant app-type-plain-defaults is on).
	appType := body["app_type"]
	if s.variants.On(variantAppTypePlainDefaults) {
		appType = nil
	}
	switch appType {
	case appTypeResourceServer:
		doc["grant_types"] = []any{}
		doc["oidc_conformant"] = true
	case appTypeExpressConfig:
		doc["grant_types"] = []any{grantAuthorizationCode, grantClientCredentials}
		doc["oidc_conformant"] = true
	}
	s.typedDefaults(body["app_type"], doc)
	for k, v := range body {
		doc[k] = cloneValue(v)
	}
	// The variant sent-objects-not-filled keeps them as sent.
	fill := !s.variants.On(variantSentObjectsNotFilled)
	if jwt, ok := body["jwt_configuration"].(map[string]any); ok && fill {
		// A sent jwt_configuration gets secret_encoded but no lifetime (45 live creates agree;
		// the variant sent-objects-fully-filled adds the lifetime too).
		filled := map[string]any{"secret_encoded": false}
		if s.variants.On(variantSentObjectsFullyFilled) {
			filled["lifetime_in_seconds"] = json.Number("36000")
		}
		maps.Copy(filled, cloneMap(jwt))
		doc["jwt_configuration"] = filled
	}
	if rt, ok := body["refresh_token"].(map[string]any); ok && fill {
		doc["refresh_token"] = s.refreshTokenDefaults(cloneMap(rt))
	}
	liveDefaults(appType, body, doc)
	return doc
}

// expressCallback is the callback Auth0 gives every express_configuration (Okta OIN) client.
const expressCallback = "https://system-admin.okta.com/admin/app/generic/oauth20redirect"

// liveDefaults fills what recorded creates showed beyond the minimal defaults (realtraffic:
// go-auth0 2025-11 and terraform 2026 recordings). CONTRACT.md leaves the defaults of a create
// that sends app_type, and the keys filled into sent objects, open; these follow Auth0. Sent
// values always win. appType is the sent app_type, or nil when it changes no default.
func liveDefaults(appType any, body, doc map[string]any) {
	setIfUnsent := func(m map[string]any, key string, v any) {
		if _, sent := m[key]; !sent {
			m[key] = v
		}
	}
	setIfUnsent(doc, "async_approval_notification_channels", []any{"guardian-push"})
	jwt, _ := doc["jwt_configuration"].(map[string]any)
	_, jwtSent := body["jwt_configuration"]
	switch appType {
	case appTypeResourceServer:
		if !jwtSent {
			doc["jwt_configuration"] = map[string]any{"secret_encoded": false, "alg": "RS256"}
		}
	case appTypeExpressConfig:
		if !jwtSent {
			doc["jwt_configuration"] = map[string]any{"secret_encoded": false, "alg": "RS256"}
		}
		setIfUnsent(doc, "callbacks", []any{expressCallback})
		setIfUnsent(doc, "organization_usage", "require")
		setIfUnsent(doc, "organization_require_behavior", "pre_login_prompt")
		setIfUnsent(doc, "client_authentication_methods", map[string]any{"private_key_jwt": map[string]any{"credentials": []any{}}})
	}
	if doc["is_first_party"] == false {
		setIfUnsent(doc, "third_party_security_mode", "permissive")
		if doc["third_party_security_mode"] == "strict" && jwt != nil && !jwtSent {
			jwt["alg"] = "RS256"
			jwt["lifetime_in_seconds"] = json.Number("3600")
		}
	}
	sessionTransferDefaults(doc)
	mirrorBackchannelLogout(doc)
}

// sessionTransferDefaults fills a session_transfer the way Auth0 showed it after a create or a
// PATCH that set part of it (also onto a client that had none).
func sessionTransferDefaults(doc map[string]any) {
	st, ok := doc["session_transfer"].(map[string]any)
	if !ok {
		return
	}
	for k, v := range map[string]any{
		"can_create_session_transfer_token": false, "allowed_authentication_methods": []any{},
		"enforce_device_binding": "ip", "allow_refresh_token": false,
		"enforce_online_refresh_tokens": true, "enforce_cascade_revocation": true,
	} {
		if _, set := st[k]; !set {
			st[k] = v
		}
	}
}

// mirrorBackchannelLogout keeps the legacy oidc_backchannel_logout in step with oidc_logout:
// Auth0 answers both, the old one holding only the URLs.
func mirrorBackchannelLogout(doc map[string]any) {
	if lo, ok := doc["oidc_logout"].(map[string]any); ok {
		if urls, ok := lo["backchannel_logout_urls"]; ok {
			doc["oidc_backchannel_logout"] = map[string]any{"backchannel_logout_urls": cloneValue(urls)}
		}
	}
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
			"alg":                 "RS256",
		},
		// As recorded for a live tenant's global client.
		"is_token_endpoint_ip_header_trusted": false,
		"sso":                                 false,
		"refresh_token":                       s.refreshTokenDefaults(map[string]any{}),
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
