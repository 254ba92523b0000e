package auth0

import "github.com/clientconf/clientconf/reference/faults"

// Fault switch names. Each breaks exactly one rule of CONTRACT.md §auth0 and is checked at the
// single place that rule lives (grep the constant to find it). None touches a "left open" point.
const (
	// crud
	faultCreateReturns200     = "auth0/crud/create-returns-200"
	faultRotateSameSecret     = "auth0/crud/rotate-same-secret"
	faultDeleteNotIdempotent  = "auth0/crud/delete-not-idempotent"
	faultPatchPartialBody     = "auth0/crud/patch-returns-partial-body"
	faultGlobalDeletable      = "auth0/crud/global-client-delete-succeeds"
	faultCredentialPatchNoop  = "auth0/crud/credential-patch-ignored"
	faultCredentialDeleteMiss = "auth0/crud/credential-delete-not-idempotent"

	// defaults
	faultDefaultThirdParty     = "auth0/defaults/is-first-party-false"
	faultDefaultGrantTypes     = "auth0/defaults/grant-types-missing-client-credentials"
	faultDefaultSecretEncoded  = "auth0/defaults/jwt-secret-encoded-true"
	faultDefaultRotatingTokens = "auth0/defaults/refresh-token-rotating"

	// enums
	faultAppTypeUnchecked      = "auth0/enums/app-type-unchecked"
	faultAuthMethodExtraValue  = "auth0/enums/token-endpoint-auth-method-private-key-jwt"
	faultCredentialTypeLenient = "auth0/enums/credential-type-unchecked"

	// bad-request
	faultUnknownKeyAccepted     = "auth0/bad-request/unknown-key-accepted"
	faultDescriptionUnlimited   = "auth0/bad-request/description-length-unchecked"
	faultNameAngleBrackets      = "auth0/bad-request/name-angle-brackets-accepted"
	faultNameOptional           = "auth0/bad-request/name-required-unchecked"
	faultBooleanStringCoerced   = "auth0/bad-request/boolean-string-accepted"
	faultAuthMethodsExclusivity = "auth0/bad-request/auth-method-exclusivity-unchecked"
	faultCredentialPemOptional  = "auth0/bad-request/credential-pem-optional"

	// not-found
	faultNotFoundCode          = "auth0/not-found/wrong-error-code"
	faultDeletedStillReadable  = "auth0/not-found/deleted-client-still-readable"
	faultCredentialsOfUnknown  = "auth0/not-found/credentials-unknown-client-empty-list"
	faultUnknownCredentialNull = "auth0/not-found/unknown-credential-200"

	// conflict
	faultAliasOverlapAllowed = "auth0/conflict/alias-overlap-allowed"
	faultDeletedAliasesTaken = "auth0/conflict/deleted-aliases-stay-taken"

	// permissions
	faultMissingToken403           = "auth0/permissions/missing-token-403"
	faultReadScopeCanCreate        = "auth0/permissions/read-scope-can-create"
	faultReadScopeCannotList       = "auth0/permissions/read-scope-cannot-list"
	faultReadScopeSeesSecrets      = "auth0/permissions/read-scope-sees-secrets"
	faultNoInsufficientScope       = "auth0/permissions/403-without-insufficient-scope"
	faultValidationBeforeScope     = "auth0/permissions/validation-before-scope"
	faultThirdPartyOrgsAccepted    = "auth0/permissions/third-party-organization-accepted"
	faultSecretWriteWithoutKeys    = "auth0/permissions/secret-write-without-client-keys"
	faultAuthMethodsCreateUnscoped = "auth0/permissions/auth-methods-create-without-credentials-scope"
	faultAuthMethodsPatchUnscoped  = "auth0/permissions/auth-methods-patch-without-credentials-scope"
	faultRotateWithUpdateClients   = "auth0/permissions/rotate-with-update-clients"
	faultSummaryCannotRead         = "auth0/permissions/summary-scope-cannot-read"
	faultClientKeysHidesSecret     = "auth0/permissions/client-keys-scope-hides-secret"

	// schema
	faultErrorStatusMismatch = "auth0/schema/error-status-code-mismatch"
	faultErrorReasonPhrase   = "auth0/schema/error-reason-phrase-wrong"
	faultErrorPlainText      = "auth0/schema/error-content-type-text"
	faultCredentialTimestamp = "auth0/schema/credential-timestamp-not-rfc3339"

	// pagination
	faultPerPageClamped    = "auth0/pagination/per-page-clamped"
	faultPagesOverlap      = "auth0/pagination/pages-overlap"
	faultTotalIsPageLength = "auth0/pagination/total-is-page-length"
	faultFieldsIgnored     = "auth0/pagination/fields-ignored"
	faultAppTypeFilter     = "auth0/pagination/app-type-filter-ignored"
	faultListWrapped       = "auth0/pagination/list-wrapped-in-object"
)

// Faults lists the fault switches of the auth0 surface.
func Faults() []faults.Info {
	return append(append([]faults.Info{
		info(faultCreateReturns200, "crud", "POST /clients answers 200 instead of 201."),
		info(faultRotateSameSecret, "crud", "rotate-secret answers 200 but keeps the old client_secret."),
		info(faultDeleteNotIdempotent, "crud", "DELETE of an already deleted or unknown client answers 404 instead of 204."),
		info(faultPatchPartialBody, "crud", "PATCH answers with only the fields it changed instead of the full client."),
		info(faultGlobalDeletable, "crud", "DELETE of the global client answers 204 (and keeps it) instead of 400."),
		info(faultCredentialPatchNoop, "crud", "PATCH of a credential answers 200 but leaves expires_at unchanged."),
		info(faultCredentialDeleteMiss, "crud", "DELETE of an already deleted credential answers 404 instead of 204."),

		info(faultDefaultThirdParty, "defaults", "A minimal create gets is_first_party false instead of true."),
		info(faultDefaultGrantTypes, "defaults", "A minimal create's grant_types lack client_credentials."),
		info(faultDefaultSecretEncoded, "defaults", "A minimal create gets jwt_configuration.secret_encoded true (the vendor spec's default) instead of the live false."),
		info(faultDefaultRotatingTokens, "defaults", "A minimal create gets refresh_token.rotation_type rotating instead of non-rotating."),

		info(faultAppTypeUnchecked, "enums", "Any app_type string is accepted instead of 400 for a value outside the enum."),
		info(faultAuthMethodExtraValue, "enums", "token_endpoint_auth_method private_key_jwt (not in the enum) is accepted."),
		info(faultCredentialTypeLenient, "enums", "Any credential_type string is accepted instead of 400 for a value outside the enum."),

		info(faultUnknownKeyAccepted, "bad-request", "Unknown keys in a client body are ignored instead of answered with 400."),
		info(faultDescriptionUnlimited, "bad-request", "A description longer than 140 characters is accepted."),
		info(faultNameAngleBrackets, "bad-request", "A name containing < or > is accepted."),
		info(faultNameOptional, "bad-request", "A create body without name is accepted."),
		info(faultBooleanStringCoerced, "bad-request", `The strings "true"/"false" are accepted for boolean fields instead of 400.`),
		info(faultAuthMethodsExclusivity, "bad-request", "token_endpoint_auth_method together with client_authentication_methods is accepted."),
		info(faultCredentialPemOptional, "bad-request", "A public_key or x509_cert credential without pem is accepted."),

		info(faultNotFoundCode, "not-found", "404 for an unknown client carries errorCode not_found instead of inexistent_client."),
		info(faultDeletedStillReadable, "not-found", "GET of a deleted client answers 200 with the old client instead of 404."),
		info(faultCredentialsOfUnknown, "not-found", "Listing credentials of an unknown client answers 200 [] instead of 404."),
		info(faultUnknownCredentialNull, "not-found", "GET of an unknown credential id answers 200 {} instead of 404."),

		info(faultAliasOverlapAllowed, "conflict", "POST /clients with client_aliases overlapping another client's is accepted instead of 409."),
		info(faultDeletedAliasesTaken, "conflict", "Aliases of deleted clients stay taken: reusing one answers 409."),

		info(faultMissingToken403, "permissions", "A request without a bearer token answers 403 instead of 401."),
		info(faultReadScopeCanCreate, "permissions", "A token with read:clients but no create:clients can create clients."),
		info(faultReadScopeCannotList, "permissions", "Listing clients demands read:client_keys: a read:clients token gets 403 instead of the list."),
		info(faultReadScopeSeesSecrets, "permissions", "Reads by a read:clients token without read:client_keys show client_secret and the other secret-tier fields."),
		info(faultNoInsufficientScope, "permissions", "403 for a missing scope carries no errorCode insufficient_scope."),
		info(faultValidationBeforeScope, "permissions", "POST /clients validates the body before the scope check, so an invalid body from an under-scoped token gets 400, not 403."),
		info(faultThirdPartyOrgsAccepted, "permissions", "A client with is_first_party false and organization_usage is accepted instead of 403."),
		info(faultSecretWriteWithoutKeys, "permissions", "PATCH of client_secret by a token with update:clients but no update:client_keys is applied instead of 403."),
		info(faultAuthMethodsCreateUnscoped, "permissions", "POST /clients with client_authentication_methods by a token without create:client_credentials is accepted instead of 403."),
		info(faultAuthMethodsPatchUnscoped, "permissions", "PATCH of client_authentication_methods by a token without update:client_credentials is applied instead of 403."),
		info(faultRotateWithUpdateClients, "permissions", "rotate-secret accepts a token with update:clients but no update:client_keys instead of 403."),
		info(faultSummaryCannotRead, "permissions", "A read:client_summary token gets 403 on GET /clients and GET /clients/{id} instead of 200."),
		info(faultClientKeysHidesSecret, "permissions", "Reads by a token with read:client_keys but no read:client_credentials leave out client_secret and the other secret-tier fields."),

		info(faultErrorStatusMismatch, "schema", "Error bodies always carry statusCode 400, whatever the HTTP status."),
		info(faultErrorReasonPhrase, "schema", `Error bodies carry "error" without spaces (NotFound) instead of the reason phrase.`),
		info(faultErrorPlainText, "schema", "Error responses are served as text/plain instead of application/json."),
		info(faultCredentialTimestamp, "schema", "Credential timestamps are not RFC 3339 date-times."),

		info(faultPerPageClamped, "pagination", "per_page above 100 is clamped to 100 instead of answered with 400 invalid_query_string."),
		info(faultPagesOverlap, "pagination", "Each page after the first starts one item early, so pages overlap."),
		info(faultTotalIsPageLength, "pagination", "include_totals reports the page length as total instead of the number of matching clients."),
		info(faultFieldsIgnored, "pagination", "The fields / include_fields query parameters are ignored."),
		info(faultAppTypeFilter, "pagination", "The app_type filter of GET /clients is ignored."),
		info(faultListWrapped, "pagination", "GET /clients without include_totals answers {clients: [...]} (the checkpoint shape) instead of a bare array."),
	}, issue12Faults()...), refusalFaults...)
}

func info(name, category, description string) faults.Info {
	return faults.Info{Name: name, Surface: "auth0", Category: category, Description: description}
}
