package auth0

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/clientconf/clientconf/reference/faults"
)

// Variant names. Unlike a fault switch, a variant breaks no rule: it takes the other side of a
// point CONTRACT.md ("Left open: the suite accepts either outcome") leaves open, so the suite
// must pass against it as against the default server (grep the constant to find where it acts).
const (
	variantCrossFieldRefused      = "auth0/cross-field-refused"
	variantClientSecretOnCreate   = "auth0/client-secret-create-accepted"
	variantAliasesPatchConflict   = "auth0/aliases-patch-overlap-409"
	variantSecretField403         = "auth0/secret-field-403"
	variantNestedPatchReplaces    = "auth0/nested-patch-replaces"
	variantSentObjectsNotFilled   = "auth0/sent-objects-not-filled"
	variantSentObjectsFullyFilled = "auth0/sent-objects-fully-filled"
	variantAppTypePlainDefaults   = "auth0/app-type-plain-defaults"
	variantAppTypeTypedDefaults   = "auth0/app-type-typed-defaults"
	variantWriteResponsesNoSecret = "auth0/write-responses-without-secrets"
)

// Variants lists the conforming alternatives of the auth0 surface; each Description says which
// side it takes of which open point.
func Variants() []faults.Info {
	v := func(name, description string) faults.Info {
		return faults.Info{Name: name, Surface: "auth0", Description: description}
	}
	return []faults.Info{
		v(variantCrossFieldRefused, "The cross-field rules left open are enforced with 400: token_endpoint_auth_method none with "+
			"client_credentials grants, is_token_endpoint_ip_header_trusted with none, post_login_prompt without oidc_conformant, "+
			"client_authentication_methods with jwt_configuration.alg HS256 or unset (default: accepted)."),
		v(variantClientSecretOnCreate, "client_secret in a create body is accepted (201) and becomes the client's secret (default: 400)."),
		v(variantAliasesPatchConflict, "A PATCH whose client_aliases overlap another client's answers 409 (default: 200)."),
		v(variantSecretField403, "fields naming a secret-tier field, asked for by a token without the secrets tier, answers 403 (default: the field is left out)."),
		v(variantNestedPatchReplaces, "PATCH replaces a nested object whole instead of merging it key by key."),
		v(variantSentObjectsNotFilled, "A sent jwt_configuration or refresh_token is stored as sent, without filled-in keys."),
		v(variantSentObjectsFullyFilled, "A sent jwt_configuration also gets the default lifetime_in_seconds (default: only secret_encoded is filled in)."),
		v(variantAppTypeTypedDefaults, "spa and native creates default to token_endpoint_auth_method none and grant_types without client_credentials, "+
			"non_interactive to client_secret_post and [client_credentials], regular_web to client_secret_post; all four to oidc_conformant "+
			"true and jwt_configuration.alg RS256 (default: no such change)."),
		v(variantAppTypePlainDefaults, "A create that sends app_type gets the defaults of a minimal create (default: resource_server and express_configuration change them)."),
		v(variantWriteResponsesNoSecret, "Create, PATCH and rotate-secret answer without the secret-tier fields (default: with them)."),
	}
}

// checkOpenRules is the cross-field-refused variant: the rules of api-facts/auth0.md §11 the
// contract leaves open, enforced on the client as it will be stored when the body touches them.
// An unset jwt_configuration.alg counts as HS256, the vendor spec's default.
func (s *server) checkOpenRules(body, merged map[string]any) *apiError {
	if !s.variants.On(variantCrossFieldRefused) {
		return nil
	}
	touches := func(keys ...string) bool {
		return slices.ContainsFunc(keys, func(k string) bool { _, ok := body[k]; return ok })
	}
	none := merged["token_endpoint_auth_method"] == "none"
	jwt, _ := merged["jwt_configuration"].(map[string]any)
	switch {
	case touches("token_endpoint_auth_method", "grant_types") && none &&
		slices.Contains(stringItems(merged["grant_types"]), grantClientCredentials):
		return badBody(`Application must not have Token Endpoint Authentication Method set to "none" when client_credentials grant type is enabled`)
	case touches("token_endpoint_auth_method", "is_token_endpoint_ip_header_trusted") && none &&
		merged["is_token_endpoint_ip_header_trusted"] == true:
		return badBody("The flag is_token_endpoint_ip_header_trusted can only be set true on clients that require authentication")
	case touches("organization_require_behavior", "oidc_conformant") &&
		merged["organization_require_behavior"] == "post_login_prompt" && merged["oidc_conformant"] != true:
		return badBody("organization_require_behavior post_login_prompt requires oidc_conformant true")
	case touches("client_authentication_methods", "jwt_configuration") &&
		merged["client_authentication_methods"] != nil && (jwt["alg"] == nil || jwt["alg"] == "HS256"):
		return badBody("client_authentication_methods requires jwt_configuration.alg RS256")
	}
	return nil
}

// takeCreateSecret is the client-secret-create-accepted variant: a string client_secret leaves
// the create body (whose schema does not list it) and is returned to become the new secret.
func (s *server) takeCreateSecret(body map[string]any) (secret string, ok bool) {
	if !s.variants.On(variantClientSecretOnCreate) {
		return "", false
	}
	if secret, ok = body["client_secret"].(string); ok && secret != "" {
		delete(body, "client_secret")
	}
	return secret, ok && secret != ""
}

// secretFieldRefused is the secret-field-403 variant: an include selection that names a
// secret-tier field (or one of its keys) the token may not read.
func (s *server) secretFieldRefused(sel fieldSelection, p principal) *apiError {
	if !s.variants.On(variantSecretField403) || !sel.include || s.seesSecrets(p) {
		return nil
	}
	for _, f := range sel.fields {
		if top, _, _ := strings.Cut(f, "."); slices.Contains(secretFields, top) {
			return &apiError{Status: http.StatusForbidden, Code: codeInsufficientScope,
				Message: "Some fields cannot be read with the permissions granted by the bearer token scopes"}
		}
	}
	return nil
}

// writeResponse is the client a write (create, PATCH, rotate-secret) answers with.
func (s *server) writeResponse(doc map[string]any) map[string]any {
	if s.variants.On(variantWriteResponsesNoSecret) {
		for _, f := range secretFields {
			delete(doc, f)
		}
	}
	return doc
}

// typedDefaults is the app-type-typed-defaults variant: defaults by app_type as the vendor's
// dashboard gives them, put into doc before the body overlays it.
func (s *server) typedDefaults(appType any, doc map[string]any) {
	if !s.variants.On(variantAppTypeTypedDefaults) {
		return
	}
	interactive := []any{grantAuthorizationCode, "implicit", "refresh_token"}
	switch appType {
	case "spa", "native", "non_interactive", "regular_web":
		doc["oidc_conformant"] = true
		doc["jwt_configuration"] = map[string]any{"alg": "RS256", "lifetime_in_seconds": json.Number("36000"), "secret_encoded": false}
	}
	switch appType {
	case "spa", "native":
		doc["token_endpoint_auth_method"], doc["grant_types"] = "none", interactive
	case "non_interactive":
		doc["token_endpoint_auth_method"], doc["grant_types"] = "client_secret_post", []any{grantClientCredentials}
	case "regular_web":
		doc["token_endpoint_auth_method"] = "client_secret_post"
	}
}
