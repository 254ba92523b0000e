package transmit

import (
	"maps"
	"slices"

	"github.com/clientconf/clientconf/reference/faults"
)

// The enums below are the newest versions of the vendor's documents (api-facts/transmit.md §2),
// as CONTRACT.md asks.
var (
	claimsEnum = []string{
		"tid", "fname", "lname", "mname", "email", "email_verified", "phone_number",
		"phone_number_verified", "groups", "new_user", "birthday", "language", "city", "address",
		"country", "street_address", "address_type", "webauthn", "roles", "ts_roles", "role_values",
		"ts_permissions", "permissions", "approval_data", "custom_group_data", "username",
		"secondary_phone_numbers", "secondary_emails", "picture", "created_at", "last_auth",
		"auth_time", "external_account_id", "external_user_id", "app_name", "custom_data",
		"custom_app_data", "ai_actor",
	}
	authMethodEnum = []string{
		"client_secret_basic", "self_signed_tls_client_auth", "tls_client_auth", "none", "private_key_jwt",
	}
	// authentication_configuration.method has no "none".
	configMethodEnum = []string{"client_secret_basic", "self_signed_tls_client_auth", "tls_client_auth", "private_key_jwt"}
	pkceEnum         = []string{
		"enforcePkceInsteadOfClientCredentials", "enforcePkceAlongsideClientCredentials",
		"allowPkceAlongsideClientCredentials",
	}
	clientTypeEnum   = []string{"web", "native"}
	samesiteEnum     = []string{"lax", "none"}
	responseTypeEnum = []string{"code", "id_token"}
	promptEnum       = []string{"login", "consent", "none"}
	nameIDTypeEnum   = []string{"email", "secondaryEmail", "username", "phoneNumber", "externalUserId"}
	protocolEnum     = []string{"oidc", "saml"}
	inputOnlyFields  = []string{"is_third_party", "allowed_scopes", "consent_uri", "consent_validity_period", "role_ids"}
)

// oldClaimsEnumSize: the first ten claims are the whole enum of the older vendor pages.
const oldClaimsEnumSize = 10

// clientSchemas are the request schemas of one server. They are built per server because the
// enum, bad-request and nested-required faults change them: the rule lives in the table.
type clientSchemas struct {
	oidcCreate, samlCreate, oidcUpdate, samlUpdate, resourceIDs *object
}

func newClientSchemas(f faults.Set) clientSchemas {
	claims := field{kind: kStrings, enum: claimsEnum}
	if f.On(fClientsClaimsOldEnum) {
		claims.enum = claimsEnum[:oldClaimsEnumSize]
	}
	if f.On(fClientsClaimsUnchecked) {
		claims.enum = nil
	}
	clientType := field{kind: kString, enum: clientTypeEnum}
	if f.On(fClientsClientTypeUnchecked) {
		clientType.enum = nil
	}
	if f.On(fClientsNativeRejected) {
		clientType.enum = []string{"web"}
	}
	samesite := field{kind: kString, enum: samesiteEnum}
	if f.On(fClientsSamesiteStrictAccepted) {
		samesite.enum = []string{"lax", "none", "strict"} // what the vendor's prose lists
	}
	responseTypes := field{kind: kStrings, enum: responseTypeEnum}
	if f.On(fClientsResponseTypesNoneAccepted) {
		responseTypes.enum = []string{"code", "id_token", "none"} // the vendor's odd response default
	}
	name := field{kind: kString, nonEmpty: !f.On(fClientsEmptyNameAccepted)}
	redirectURIs := field{
		kind:     kStrings,
		nonEmpty: !f.On(fClientsEmptyRedirectURIsAccepted),
		absURI:   !f.On(fClientsRelativeRedirectAccepted),
	}
	nestedRequired := func(names ...string) []string {
		if f.On(fClientsNestedRequiredUnchecked) {
			return nil
		}
		return names
	}

	common := map[string]field{
		"name":                             name,
		"description":                      {kind: kString},
		"resources":                        {kind: kStrings},
		"client_group_id":                  {kind: kString},
		"default_custom_claims":            claims,
		"default_user_info_claims":         claims,
		"sync_id_token_claims_to_userinfo": {kind: kBool},
		"short_cookies_samesite_type":      samesite,
		"supported_prompts":                {kind: kStrings, enum: promptEnum},
	}
	oidc := maps.Clone(common)
	maps.Copy(oidc, map[string]field{
		"redirect_uris": redirectURIs,
		"client_type":   clientType,
		"device_authorization": {kind: kObject, obj: &object{
			fields: map[string]field{
				"enabled":      {kind: kBool},
				"approval_uri": {kind: kString},
				"success_uri":  {kind: kString},
				"input_uri":    {kind: kString},
			},
			required: nestedRequired("enabled", "approval_uri", "success_uri", "input_uri"),
		}},
		"ciba_authorization": {kind: kObject, obj: &object{
			fields:   map[string]field{"enabled": {kind: kBool}, "login_uri": {kind: kString}},
			required: nestedRequired("enabled"),
		}},
		"is_third_party":          {kind: kBool},
		"allowed_scopes":          {kind: kStrings},
		"consent_uri":             {kind: kString},
		"consent_validity_period": {kind: kNumber},
		"pkce":                    {kind: kString, enum: pkceEnum},
		"token_expiration": {kind: kObject, obj: &object{fields: map[string]field{
			"access_token_ttl":   {kind: kNumber},
			"refresh_token_ttl":  {kind: kNumber},
			"max_refresh_rotate": {kind: kNumber},
		}}},
		"session_expiration":         {kind: kNumber},
		"enforce_par":                {kind: kBool},
		"role_ids":                   {kind: kStrings},
		"fapi_version_compliancy":    {kind: kBool},
		"token_endpoint_auth_method": {kind: kString, enum: authMethodEnum},
		"response_types":             responseTypes,
		"authentication_configuration": {kind: kObject, obj: &object{
			fields: map[string]field{
				"method": {kind: kString, enum: configMethodEnum},
				"tls_client_auth": {kind: kObject, obj: &object{fields: map[string]field{
					"certificate_chain":          {kind: kString},
					"distinguished_name":         {kind: kNumber}, // a number in the vendor's schema
					"ocsp_on":                    {kind: kBool},
					"ocsp_responder_uri":         {kind: kString},
					"ocsp_responder_certificate": {kind: kString},
					"ocsp_fail_open":             {kind: kBool},
				}}},
				"isMtlsCertTokenBound": {kind: kBool},
				"jwks":                 {kind: kFreeObject},
			},
			required: nestedRequired("method"),
		}},
		"id_token_encryption": {kind: kObject, obj: &object{
			fields:   map[string]field{"enabled": {kind: kBool}, "jwks": {kind: kFreeObject}},
			required: nestedRequired("enabled"),
		}},
	})
	saml := maps.Clone(common)
	maps.Copy(saml, map[string]field{
		"sp_acs_url":            {kind: kString},
		"sp_entity_id":          {kind: kString},
		"sp_name_id_type":       {kind: kString, enum: nameIDTypeEnum},
		"sign_assertion":        {kind: kBool},
		"optional_acs_url":      {kind: kBool},
		"use_centralized_login": {kind: kBool},
	})

	oidcRequired := []string{"name", "redirect_uris"}
	samlRequired := []string{"name", "sp_entity_id"}
	if f.On(fClientsMissingNameAccepted) {
		oidcRequired, samlRequired = oidcRequired[1:], samlRequired[1:]
	}
	resourceIDs := &object{fields: map[string]field{"resource_ids": {kind: kStrings}}, required: []string{"resource_ids"}}
	if f.On(fClientsResourceIDsOptional) {
		resourceIDs.required = nil
	}
	// The update schemas are the create schemas without required fields; authentication_protocol
	// is in neither, so a PUT that sends it is treated like any unknown field and ignored.
	return clientSchemas{
		oidcCreate:  &object{fields: oidc, required: oidcRequired},
		samlCreate:  &object{fields: saml, required: samlRequired},
		oidcUpdate:  &object{fields: oidc},
		samlUpdate:  &object{fields: saml},
		resourceIDs: resourceIDs,
	}
}

// The response fields of each protocol (api-facts/transmit.md §2.1, §2.2). Only these are
// rendered, which is what keeps input-only fields and the other protocol's fields out.
var (
	commonResponseFields = []string{
		"name", "description", "resources", "client_group_id", "default_custom_claims",
		"default_user_info_claims", "sync_id_token_claims_to_userinfo", "short_cookies_samesite_type",
	}
	oidcResponseFields = append(slices.Clone(commonResponseFields),
		"redirect_uris", "client_type", "response_types", "token_endpoint_auth_method", "pkce",
		"device_authorization", "ciba_authorization", "supported_prompts", "authentication_configuration",
		"token_expiration", "session_expiration", "enforce_par", "fapi_version_compliancy", "id_token_encryption")
	samlResponseFields = append(slices.Clone(commonResponseFields),
		"optional_acs_url", "sp_acs_url", "sp_entity_id", "sp_name_id_type", "sign_assertion",
		"use_centralized_login")
)
