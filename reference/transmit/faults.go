package transmit

import (
	"strings"

	"github.com/clientconf/clientconf/reference/faults"
)

// info describes a fault; surface and category are the first two segments of its name, so they
// cannot disagree with it.
func info(name, description string) faults.Info {
	parts := strings.SplitN(name, "/", 3)
	return faults.Info{Name: name, Surface: parts[0], Category: parts[1], Description: description}
}

// Fault switches of the clients surface. Each breaks one contract rule, at the one place in this
// package where that rule is implemented. Rules shared by both Transmit surfaces (client
// bodies, error bodies, authentication) are broken on both, since they live in one place.
const (
	fClientsDeleteDoesNotDelete     = "clients/crud/delete-does-not-delete"
	fClientsListOmitsNewest         = "clients/crud/list-omits-newest"
	fClientsPutNotPersisted         = "clients/crud/put-not-persisted"
	fClientsPutMergesNested         = "clients/crud/put-merges-nested-objects"
	fClientsUpdatedAtNotAdvanced    = "clients/crud/updated-at-not-advanced"
	fClientsResourcesAppended       = "clients/crud/resources-appended"
	fClientsCollectionDeleteAllApps = "clients/crud/collection-delete-all-apps"
	fClientsSecretRotatedOnPut      = "clients/crud/secret-rotated-on-put"

	fClientsDefaultClientTypeNative      = "clients/defaults/client-type-native"
	fClientsDefaultResponseTypesCodeOnly = "clients/defaults/response-types-code-only"
	fClientsDefaultSamesiteNone          = "clients/defaults/samesite-none"
	fClientsDefaultDeviceAuthEnabled     = "clients/defaults/device-authorization-enabled"
	fClientsDefaultAuthMethodNone        = "clients/defaults/auth-method-none"

	fClientsClientTypeUnchecked       = "clients/enums/client-type-unchecked"
	fClientsNativeRejected            = "clients/enums/native-rejected"
	fClientsClaimsUnchecked           = "clients/enums/claims-unchecked"
	fClientsClaimsOldEnum             = "clients/enums/claims-old-enum"
	fClientsSamesiteStrictAccepted    = "clients/enums/samesite-strict-accepted"
	fClientsResponseTypesNoneAccepted = "clients/enums/response-types-none-accepted"

	fClientsMalformedJSON500          = "clients/bad-request/malformed-json-500"
	fClientsMissingNameAccepted       = "clients/bad-request/missing-name-accepted"
	fClientsEmptyNameAccepted         = "clients/bad-request/empty-name-accepted"
	fClientsRelativeRedirectAccepted  = "clients/bad-request/relative-redirect-accepted"
	fClientsEmptyRedirectURIsAccepted = "clients/bad-request/empty-redirect-uris-accepted"
	fClientsWrongTypeCoerced          = "clients/bad-request/wrong-type-coerced"
	fClientsNestedRequiredUnchecked   = "clients/bad-request/nested-required-unchecked"
	fClientsResourceIDsOptional       = "clients/bad-request/resource-ids-optional"

	fClientsGetUnknown400     = "clients/not-found/get-unknown-400"
	fClientsDeleteUnknown204  = "clients/not-found/delete-unknown-204"
	fClientsPutRevivesDeleted = "clients/not-found/put-revives-deleted"

	fClientsDuplicateNameAllowed  = "clients/conflict/duplicate-name-allowed"
	fClientsRenameConflictAllowed = "clients/conflict/rename-conflict-allowed"
	fClientsConflictNoTSCode      = "clients/conflict/no-ts-error-code"
	fClientsNamesCaseInsensitive  = "clients/conflict/names-case-insensitive"
	fClientsNamesUniquePerTenant  = "clients/conflict/names-unique-per-tenant"

	fClientsNoTokenGet              = "clients/permissions/no-token-get"
	fClientsBadToken403             = "clients/permissions/bad-token-403"
	fClientsAnySchemeAccepted       = "clients/permissions/any-scheme-accepted"
	fClientsReadonlyCanWrite        = "clients/permissions/readonly-can-write"
	fClientsNopermCanRead           = "clients/permissions/noperm-can-read"
	fClientsOtherAppClientVisible   = "clients/permissions/other-app-client-visible"
	fClientsNoWWWAuthenticate       = "clients/permissions/no-www-authenticate"
	fClientsPermissionsAllOf        = "clients/permissions/permissions-all-of"
	fClientsChecksBeforePermissions = "clients/permissions/checks-before-permissions"
	fClientsAdminTokenAccepted      = "clients/permissions/admin-token-accepted"

	fClientsTimestampsNotRFC3339    = "clients/schema/timestamps-not-rfc3339"
	fClientsClientIDMissing         = "clients/schema/client-id-missing"
	fClientsErrorCodeMissing        = "clients/schema/error-code-missing"
	fClientsErrorCodeAlways400      = "clients/schema/error-code-always-400"
	fClientsErrorTextPlain          = "clients/schema/error-text-plain"
	fClientsSuccessTextPlain        = "clients/schema/success-text-plain"
	fClientsEmptyDescriptionOmitted = "clients/schema/empty-description-omitted"
	fClientsInputOnlyEchoed         = "clients/schema/input-only-echoed"
	fClientsSAMLIdPFieldsMissing    = "clients/schema/saml-idp-fields-missing"
	fClientsNestedUnknownRejected   = "clients/crud/nested-unknown-key-rejected"
)

var clientFaults = []faults.Info{
	info(fClientsNestedUnknownRejected, "An unknown key inside a nested object makes the request fail with 400 (it must be stored or dropped)."),
	info(fClientsDeleteDoesNotDelete, "DELETE of a client answers 204 but the client stays: GET still returns it."),
	info(fClientsListOmitsNewest, "The client list leaves out the most recently created client."),
	info(fClientsPutNotPersisted, "PUT (and PUT …/resources) answers with the changed client but stores nothing."),
	info(fClientsPutMergesNested, "PUT merges a sent object-valued field into the stored one instead of replacing it whole."),
	info(fClientsUpdatedAtNotAdvanced, "PUT leaves updated_at unchanged."),
	info(fClientsResourcesAppended, "PUT …/resources appends resource_ids to the stored list instead of setting it exactly."),
	info(fClientsCollectionDeleteAllApps, "DELETE of the clients collection also deletes the clients of every other app of the tenant."),
	info(fClientsSecretRotatedOnPut, "PUT gives the client a new client_secret."),

	info(fClientsDefaultClientTypeNative, "A client created without client_type gets native instead of web."),
	info(fClientsDefaultResponseTypesCodeOnly, `A client created without response_types gets ["code"] instead of ["code","id_token"].`),
	info(fClientsDefaultSamesiteNone, "A client created without short_cookies_samesite_type gets none instead of lax."),
	info(fClientsDefaultDeviceAuthEnabled, "A client created without device_authorization gets device_authorization.enabled true."),
	info(fClientsDefaultAuthMethodNone, "A client created without token_endpoint_auth_method gets none instead of client_secret_basic."),

	info(fClientsClientTypeUnchecked, "Any string is accepted as client_type (400 expected outside web|native)."),
	info(fClientsNativeRejected, "The valid client_type native is rejected with 400."),
	info(fClientsClaimsUnchecked, "Claims outside the 38-value enum are accepted in default_custom_claims / default_user_info_claims."),
	info(fClientsClaimsOldEnum, "Only the old 10-value claims enum is accepted: newer valid claims (birthday, roles, …) get 400."),
	info(fClientsSamesiteStrictAccepted, "short_cookies_samesite_type strict is accepted although the enum is lax|none."),
	info(fClientsResponseTypesNoneAccepted, "response_types item none is accepted although the item enum is code|id_token."),

	info(fClientsMalformedJSON500, "A malformed JSON body gives 500 instead of 400."),
	info(fClientsMissingNameAccepted, "A create body without name is accepted (201) instead of 400."),
	info(fClientsEmptyNameAccepted, "An empty name is accepted instead of 400."),
	info(fClientsRelativeRedirectAccepted, "A redirect_uris item that is not an absolute URI with a scheme is accepted instead of 400."),
	info(fClientsEmptyRedirectURIsAccepted, "An empty redirect_uris array is accepted instead of 400."),
	info(fClientsWrongTypeCoerced, `Values of a wrong JSON type are coerced ("true" → true, 5 → "5", "x" → ["x"]) instead of 400.`),
	info(fClientsNestedRequiredUnchecked, "Required members of nested objects (device_authorization.approval_uri, …) are not enforced."),
	info(fClientsResourceIDsOptional, "PUT …/resources without resource_ids is accepted (resources cleared) instead of 400."),

	info(fClientsGetUnknown400, "GET of an unknown client id gives 400 instead of 404."),
	info(fClientsDeleteUnknown204, "DELETE of an unknown or already deleted client id gives 204 instead of 404."),
	info(fClientsPutRevivesDeleted, "PUT of a deleted client gives 200 and brings it back instead of 404."),

	info(fClientsDuplicateNameAllowed, "A second client with the same name in the same app is created instead of 409."),
	info(fClientsRenameConflictAllowed, "PUT renaming a client onto another client's name succeeds instead of 409."),
	info(fClientsConflictNoTSCode, "409 bodies lack ts_error_code."),
	info(fClientsNamesCaseInsensitive, "Names are compared case-insensitively: a name differing only in case gives 409."),
	info(fClientsNamesUniquePerTenant, "Names are unique per tenant: a name used by another app's client gives 409."),

	info(fClientsNoTokenGet, "GET of one client without any Authorization header answers 200 instead of 401."),
	info(fClientsBadToken403, "An unknown token gives 403 instead of 401."),
	info(fClientsAnySchemeAccepted, "A valid token under a non-Bearer scheme (e.g. Basic, Token) is accepted instead of 401."),
	info(fClientsReadonlyCanWrite, "/v1/clients write operations accept apps:read, so a read-only token can write."),
	info(fClientsNopermCanRead, "/v1/clients read operations skip the permission check, so a token without apps:read can read."),
	info(fClientsOtherAppClientVisible, "A client of another app is found by id (GET/PUT/DELETE) instead of 404."),
	info(fClientsNoWWWAuthenticate, "401 responses lack the WWW-Authenticate: Bearer header."),
	info(fClientsPermissionsAllOf, "A permission list is treated as all-of instead of any-of."),
	info(fClientsChecksBeforePermissions, "Client ids and body syntax are checked before permissions: 404/400 instead of 403."),
	info(fClientsAdminTokenAccepted, "An admin token is accepted on /v1/clients (acting on the tenant's first app) instead of 403."),

	info(fClientsTimestampsNotRFC3339, `created_at/updated_at are rendered "2006-01-02 15:04:05" instead of RFC 3339.`),
	info(fClientsClientIDMissing, "Client responses carry id instead of the required client_id."),
	info(fClientsErrorCodeMissing, "Error bodies lack error_code."),
	info(fClientsErrorCodeAlways400, "Every error body says error_code 400, whatever the HTTP status."),
	info(fClientsErrorTextPlain, "Error responses are sent with Content-Type text/plain."),
	info(fClientsSuccessTextPlain, "Success responses are sent with Content-Type text/plain."),
	info(fClientsEmptyDescriptionOmitted, "An empty description is left out of client responses although it is required."),
	info(fClientsInputOnlyEchoed, "Input-only fields (is_third_party, allowed_scopes, consent_uri, …) are echoed in responses."),
	info(fClientsSAMLIdPFieldsMissing, "SAML client responses lack metadata_url, sso_url, entity_id and x509_certificate."),
}

// Fault switches of the applications surface.
const (
	fAppsNoDefaultClient         = "applications/crud/no-default-client"
	fAppsDefaultClientNamedAfter = "applications/crud/default-client-named-after-app"
	fAppsDeleteKeepsApp          = "applications/crud/delete-keeps-app"
	fAppsPutNotPersisted         = "applications/crud/put-not-persisted"
	fAppsPutMergesNested         = "applications/crud/put-merges-nested-objects"
	fAppsDeleteNoCascade         = "applications/crud/delete-no-cascade"
	fAppsKeyDeleteKeepsKey       = "applications/crud/key-delete-keeps-key"

	fAppsDefaultPublicSignup    = "applications/defaults/public-signup-true"
	fAppsDefaultInviteExpiry    = "applications/defaults/invite-expiration-1440"
	fAppsDefaultLanguage        = "applications/defaults/language-en-us"
	fAppsDefaultRefreshTriggers = "applications/defaults/refresh-triggers-false"

	fAppsKeyStatusUnchecked = "applications/enums/key-status-unchecked"

	fAppsDisplayNameOptional = "applications/bad-request/display-name-optional"
	fAppsKeyNameOptional     = "applications/bad-request/key-name-optional"
	fAppsUploadJWKOptional   = "applications/bad-request/upload-jwk-optional"

	fAppsUnknownAppClientsEmpty = "applications/not-found/unknown-app-clients-empty"
	fAppsUnknownKey400          = "applications/not-found/unknown-key-400"
	fAppsListRouteShadowed      = "applications/not-found/list-route-shadowed"

	fAppsDuplicateNameAllowed    = "applications/conflict/duplicate-app-name-allowed"
	fAppsRenameConflictAllowed   = "applications/conflict/app-rename-conflict-allowed"
	fAppsDuplicateKeyNameAllowed = "applications/conflict/duplicate-key-name-allowed"

	fAppsCrossAppAccess        = "applications/permissions/cross-app-access"
	fAppsOtherAppID404         = "applications/permissions/other-app-id-404"
	fAppsDeletedAppTokenValid  = "applications/permissions/deleted-app-token-valid"
	fAppsOtherAppsListed       = "applications/permissions/other-apps-listed"
	fAppsAdminRejected         = "applications/permissions/admin-rejected"
	fAppsAdminListsSigningKeys = "applications/permissions/admin-lists-signing-keys"

	fAppsNoResultEnvelope = "applications/schema/no-result-envelope"
	fAppsClientsWrapped   = "applications/schema/app-clients-wrapped"
	fAppsKeyCreated200    = "applications/schema/key-created-200"
	fAppsLogoOmitted      = "applications/schema/logo-omitted"
)

var appFaults = []faults.Info{
	info(fAppsNoDefaultClient, "POST /v1/applications creates the app without its default client."),
	info(fAppsDefaultClientNamedAfter, "The default client is named by app_name instead of client_display_name."),
	info(fAppsDeleteKeepsApp, "DELETE of an app answers 204 but the app stays."),
	info(fAppsPutNotPersisted, "PUT of an app answers with the changed app but stores nothing."),
	info(fAppsPutMergesNested, "PUT of an app merges object-valued fields instead of replacing them whole."),
	info(fAppsDeleteNoCascade, "Deleting an app leaves its clients reachable (by id) instead of 404."),
	info(fAppsKeyDeleteKeepsKey, "DELETE of a signing key answers 204 but the key stays listed."),

	info(fAppsDefaultPublicSignup, "An app created without allow_public_signup gets true instead of false."),
	info(fAppsDefaultInviteExpiry, "An app created without invite_member_email_expiration_minutes gets 1440 instead of 2880."),
	info(fAppsDefaultLanguage, "An app created without external_communication gets language en-US instead of en."),
	info(fAppsDefaultRefreshTriggers, "An app created without refresh_token_invalidation_trigger_configuration gets all three booleans false instead of true."),

	info(fAppsKeyStatusUnchecked, "Any signing key status is accepted on PUT (400 expected outside signing|disabled|validating)."),

	info(fAppsDisplayNameOptional, "An app create body without client_display_name is accepted instead of 400."),
	info(fAppsKeyNameOptional, "A signing key create body without name is accepted instead of 400."),
	info(fAppsUploadJWKOptional, "A signing key upload body without jwk is accepted instead of 400."),

	info(fAppsUnknownAppClientsEmpty, "GET /v1/applications/{unknown}/clients with an admin token gives 200 [] instead of 404."),
	info(fAppsUnknownKey400, "PUT/DELETE of an unknown signing key id gives 400 instead of 404."),
	info(fAppsListRouteShadowed, "GET /v1/applications/list is routed as an app id \"list\" instead of the list operation."),

	info(fAppsDuplicateNameAllowed, "A second app with the same app_name in the tenant is created instead of 409."),
	info(fAppsRenameConflictAllowed, "PUT renaming an app onto another app's name succeeds instead of 409."),
	info(fAppsDuplicateKeyNameAllowed, "A second signing key with the same name is created instead of 409."),

	info(fAppsCrossAppAccess, "A client token may act on another app through /v1/applications/{appId}/… instead of 403."),
	info(fAppsOtherAppID404, "A client token naming another, non-existent app gets 404 instead of 403."),
	info(fAppsDeletedAppTokenValid, "Tokens of a deleted app are still accepted instead of 401."),
	info(fAppsOtherAppsListed, "GET /v1/applications and /list with a client token show every app of the tenant, not only its own."),
	info(fAppsAdminRejected, "An admin token gets 403 on the application operations (create, list, get, update, delete)."),
	info(fAppsAdminListsSigningKeys, "An admin token may list signing keys (every app's) instead of 403."),

	info(fAppsNoResultEnvelope, `Application operations answer with the bare app instead of {"result": …}.`),
	info(fAppsClientsWrapped, `/v1/applications/{appId}/clients… answer with {"result": …} instead of the bare client or array.`),
	info(fAppsKeyCreated200, "Signing key create and upload answer 200 instead of 201."),
	info(fAppsLogoOmitted, "An app without a logo is rendered without the required logo field."),
}

// Faults lists the fault switches of the Transmit surfaces.
func Faults() []faults.Info {
	return append(append(append(append([]faults.Info(nil), clientFaults...), appFaults...), issue12Faults()...), refusalFaults...)
}
