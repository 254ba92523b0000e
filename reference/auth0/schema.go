package auth0

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// Enums of specs/auth0-clients.openapi.yaml (the newest vendor values, as CONTRACT.md asks).
var (
	enumAppType = []string{
		"native", "spa", "regular_web", "non_interactive", "resource_server", "express_configuration",
		"rms", "box", "cloudbees", "concur", "dropbox", "mscrm", "echosign", "egnyte", "newrelic",
		"office365", "salesforce", "sentry", "sharepoint", "slack", "springcm", "zendesk", "zoom",
		"sso_integration", "oag",
	}
	enumGrantType = []string{
		"authorization_code", "implicit", "refresh_token", "client_credentials", "password",
		"http://auth0.com/oauth/grant-type/password-realm", "http://auth0.com/oauth/grant-type/mfa-oob",
		"http://auth0.com/oauth/grant-type/mfa-otp", "http://auth0.com/oauth/grant-type/mfa-recovery-code",
		"urn:openid:params:grant-type:ciba", "urn:ietf:params:oauth:grant-type:device_code",
		"urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token",
	}
	enumTokenEndpointAuthMethod = []string{"none", "client_secret_post", "client_secret_basic"}
	enumCredentialType          = []string{"public_key", "cert_subject_dn", "x509_cert"}
	enumAddons                  = []string{
		"azure_blob", "azure_sb", "rms", "mscrm", "slack", "sentry", "box", "cloudbees", "concur",
		"dropbox", "echosign", "egnyte", "firebase", "newrelic", "office365", "salesforce", "salesforce_api",
		"salesforce_sandbox_api", "samlp", "layer", "sap_api", "sharepoint", "springcm", "wams", "wsfed",
		"zendesk", "zoom", "sso_integration",
	} // plus aws and oag, which have their own rules
	kidPattern = regexp.MustCompile(`^[0-9a-zA-Z_-]{10,64}$`)
)

var (
	str     = rule{kind: kindString}
	boolean = rule{kind: kindBool}
	object  = rule{kind: kindObject}
	strs    = arrayOf(str)
)

func enum(values ...string) rule { return rule{kind: kindString, enum: values} }

func closedObject(props map[string]rule, required ...string) rule {
	return rule{kind: kindObject, closed: true, props: props, required: required}
}

var dateTime = rule{kind: kindString, check: func(v any) string {
	if _, err := time.Parse(time.RFC3339Nano, v.(string)); err != nil {
		return "must be an RFC 3339 date-time"
	}
	return ""
}}

// clientRules returns the body schemas of POST /clients and PATCH /clients/{id}. They are built
// per server because some fault switches loosen one rule.
func (s *server) clientRules() (create, update map[string]rule) {
	appType := enum(enumAppType...)
	if s.faults.On(faultAppTypeUnchecked) {
		appType = str
	}
	authMethod := enum(enumTokenEndpointAuthMethod...)
	if s.faults.On(faultAuthMethodExtraValue) {
		authMethod = enum(append(slices.Clone(enumTokenEndpointAuthMethod), "private_key_jwt")...)
	}
	name := rule{kind: kindString, minLen: 1, check: func(v any) string {
		if strings.ContainsAny(v.(string), "<>") && !s.faults.On(faultNameAngleBrackets) {
			return "must not contain < or >"
		}
		return ""
	}}
	description := rule{kind: kindString, maxLen: 140}
	if s.faults.On(faultDescriptionUnlimited) {
		description.maxLen = 0
	}
	nonEmptyStrs := arrayOf(rule{kind: kindString, minLen: 1})
	logout := rule{kind: kindObject, props: map[string]rule{
		"backchannel_logout_urls": strs,
		"backchannel_logout_initiators": {kind: kindObject, props: map[string]rule{
			"mode": enum("custom", "all"),
			"selected_initiators": arrayOf(enum("rp-logout", "idp-logout", "password-changed", "session-expired",
				"session-revoked", "account-deleted", "email-identifier-changed", "mfa-phone-unenrolled", "account-deactivated")),
		}},
		"backchannel_logout_session_metadata": nullable(rule{kind: kindObject, props: map[string]rule{"include": boolean}}),
	}}
	socialProvider := rule{kind: kindObject, closed: true, minProps: 1, props: map[string]rule{"enabled": boolean}}
	addons := rule{kind: kindObject, closed: true, props: map[string]rule{
		"aws": {kind: kindObject, props: map[string]rule{"principal": str, "role": str, "lifetime_in_seconds": intRange(900, 43200)}},
		"oag": nullable(object),
	}}
	for _, a := range enumAddons {
		addons.props[a] = object
	}
	policy := closedObject(map[string]rule{
		"audience": {kind: kindString, minLen: 1, maxLen: 600},
		"scope":    arrayOf(rule{kind: kindString, minLen: 1, maxLen: 280}),
	}, "audience", "scope")
	policies := nullable(arrayOf(policy))
	policies.minItems = 1
	orgDiscovery := arrayOf(enum("email", "organization_name"))
	orgDiscovery.minItems = 1
	asyncChannels := arrayOf(enum("guardian-push", "email"))
	asyncChannels.minItems = 1
	fingerprints := nonEmptyStrs
	fingerprints.minItems = 1
	quotaLimit := intRange(1, 2147483647)
	quota := closedObject(map[string]rule{"client_credentials": {kind: kindObject, closed: true, minProps: 1,
		props: map[string]rule{"enforce": boolean, "per_day": quotaLimit, "per_hour": quotaLimit}}}, "client_credentials")

	create = map[string]rule{
		"name":                                name,
		"description":                         description,
		"logo_uri":                            str,
		"callbacks":                           strs,
		"oidc_logout":                         logout,
		"oidc_backchannel_logout":             logout,
		"allowed_origins":                     strs,
		"web_origins":                         strs,
		"client_aliases":                      nonEmptyStrs,
		"allowed_clients":                     nonEmptyStrs,
		"allowed_logout_urls":                 strs,
		"grant_types":                         arrayOf(enum(enumGrantType...)),
		"token_endpoint_auth_method":          authMethod,
		"is_token_endpoint_ip_header_trusted": boolean,
		"app_type":                            appType,
		"is_first_party":                      boolean,
		"oidc_conformant":                     boolean,
		"jwt_configuration": {kind: kindObject, props: map[string]rule{
			"lifetime_in_seconds": {kind: kindInt},
			"secret_encoded":      boolean,
			"scopes":              object,
			"alg":                 enum("HS256", "RS256", "RS512", "PS256"),
		}},
		"encryption_key":              {kind: kindObject, props: map[string]rule{"pub": str, "cert": str, "subject": str}},
		"sso":                         boolean,
		"cross_origin_authentication": boolean,
		"cross_origin_loc":            str,
		"sso_disabled":                boolean,
		"custom_login_page_on":        boolean,
		"custom_login_page":           {kind: kindString, minLen: 1},
		"custom_login_page_preview":   {kind: kindString, minLen: 1},
		"form_template":               {kind: kindString, minLen: 1},
		"addons":                      addons,
		"client_metadata":             {kind: kindObject, maxProps: 10, values: &rule{kind: kindString, maxLen: 255}},
		"mobile": {kind: kindObject, props: map[string]rule{
			"android": {kind: kindObject, props: map[string]rule{"app_package_name": str, "sha256_cert_fingerprints": fingerprints}},
			"ios":     {kind: kindObject, props: map[string]rule{"team_id": str, "app_bundle_identifier": str}},
		}},
		"initiate_login_uri":  str,
		"native_social_login": {kind: kindObject, closed: true, minProps: 1, props: map[string]rule{"apple": socialProvider, "facebook": socialProvider, "google": socialProvider}},
		"refresh_token": nullable(closedObject(map[string]rule{
			"rotation_type":                enum("rotating", "non-rotating"),
			"expiration_type":              enum("expiring", "non-expiring"),
			"leeway":                       intMin(0),
			"token_lifetime":               intRange(1, 157788000),
			"infinite_token_lifetime":      boolean,
			"idle_token_lifetime":          intMin(1),
			"infinite_idle_token_lifetime": boolean,
			"policies":                     policies,
		}, "rotation_type", "expiration_type")),
		"default_organization": closedObject(map[string]rule{
			"organization_id": {kind: kindString, minLen: 1},
			"flows":           arrayOf(enum("client_credentials")),
		}, "organization_id", "flows"),
		"organization_usage":                    enum("deny", "allow", "require"),
		"organization_require_behavior":         enum("no_prompt", "pre_login_prompt", "post_login_prompt"),
		"organization_discovery_methods":        orgDiscovery,
		"client_authentication_methods":         s.authMethodsRule(true),
		"require_pushed_authorization_requests": boolean,
		"require_proof_of_possession":           boolean,
		"signed_request_object": closedObject(map[string]rule{
			"required": boolean, "credentials": arrayOf(s.inlineCredentialRule("public_key")),
		}),
		"compliance_level": nullable(enum("none", "fapi1_adv_pkj_par", "fapi1_adv_mtls_par", "fapi2_sp_pkj_mtls", "fapi2_sp_mtls_mtls")),
		"skip_non_verifiable_callback_uri_confirmation_prompt": boolean,
		"token_exchange":             closedObject(map[string]rule{"allow_any_profile_of_type": arrayOf(enum("custom_authentication", "on_behalf_of_token_exchange"))}),
		"par_request_expiry":         nullable(intRange(10, 600)),
		"token_quota":                quota,
		"resource_server_identifier": {kind: kindString, minLen: 1, maxLen: 600},
		"third_party_security_mode":  enum("strict", "permissive"),
		"redirection_policy":         enum("allow_always", "open_redirect_protection"),
		"session_transfer": closedObject(map[string]rule{
			"can_create_session_transfer_token": boolean,
			"enforce_cascade_revocation":        boolean,
			"allowed_authentication_methods":    nullable(arrayOf(enum("cookie", "query"))),
			"enforce_device_binding":            enum("ip", "asn", "none"),
			"allow_refresh_token":               boolean,
			"enforce_online_refresh_tokens":     boolean,
			"delegation": nullable(closedObject(map[string]rule{
				"allow_delegated_access": boolean, "enforce_device_binding": enum("ip", "asn"),
			})),
		}),
		"express_configuration": closedObject(map[string]rule{
			"initiate_login_uri_template": str, "user_attribute_profile_id": str, "connection_profile_id": str,
			"enable_client": boolean, "enable_organization": boolean, "okta_oin_client_id": str,
			"admin_login_domain": {kind: kindString, minLen: 1},
			"oin_submission_id":  {kind: kindString, minLen: 1, maxLen: 200},
			"linked_clients":     arrayOf(closedObject(map[string]rule{"client_id": str}, "client_id")),
		}, "initiate_login_uri_template", "user_attribute_profile_id", "connection_profile_id", "enable_client",
			"enable_organization", "okta_oin_client_id", "admin_login_domain"),
		"my_organization_configuration": closedObject(map[string]rule{
			"connection_profile_id": str, "user_attribute_profile_id": str,
			"allowed_strategies":           arrayOf(enum("pingfederate", "adfs", "waad", "google-apps", "okta", "oidc", "samlp")),
			"connection_deletion_behavior": enum("allow", "allow_if_empty"),
			"invitation_landing_client_id": str,
		}, "allowed_strategies", "connection_deletion_behavior"),
		"async_approval_notification_channels": asyncChannels,
		// Newer than the vendor document the spec follows: shapes from real traffic, open objects.
		"fedcm_login": {kind: kindObject, props: map[string]rule{
			"google": {kind: kindObject, props: map[string]rule{"is_enabled": boolean}},
		}},
		"identity_assertion_authorization_grant": {kind: kindObject, props: map[string]rule{"active": boolean}},
	}

	// PATCH (ClientUpdate): the secret may be set, some fields cleared with null, page templates
	// emptied, credentials referenced by id; resource_server_identifier cannot change.
	update = make(map[string]rule, len(create))
	for k, r := range create {
		update[k] = r
	}
	delete(update, "resource_server_identifier")
	update["client_secret"] = rule{kind: kindString, minLen: 1}
	for _, k := range []string{
		"session_transfer", "encryption_key", "cross_origin_loc", "token_endpoint_auth_method", "token_quota",
		"default_organization", "organization_usage", "organization_require_behavior",
		"organization_discovery_methods", "skip_non_verifiable_callback_uri_confirmation_prompt",
		"token_exchange", "express_configuration", "my_organization_configuration",
		"async_approval_notification_channels",
		// null accepted by real Auth0 (recorded traffic) or typed nullable by the vendor's SDK
		"addons", "oidc_backchannel_logout", "jwt_configuration", "mobile", "native_social_login",
		"fedcm_login", "identity_assertion_authorization_grant",
	} {
		update[k] = nullable(update[k])
	}
	update["token_vault_privileged_access"] = nullable(rule{kind: kindObject, props: map[string]rule{
		"credentials":  arrayOf(credentialIDRule),
		"grants":       arrayOf(rule{kind: kindObject, props: map[string]rule{"connection": str, "scopes": strs}}),
		"ip_allowlist": strs,
	}})
	for _, k := range []string{"custom_login_page", "custom_login_page_preview", "form_template"} {
		update[k] = str
	}
	update["client_metadata"] = rule{kind: kindObject, maxProps: 10, values: &rule{kind: kindString, maxLen: 255, nullable: true}}
	update["client_authentication_methods"] = s.authMethodsRule(false)
	update["signed_request_object"] = nullable(closedObject(map[string]rule{"required": boolean, "credentials": arrayOf(credentialIDRule)}))
	return create, update
}

// credentialIDRule is a reference to a credential already created on the client.
var credentialIDRule = closedObject(map[string]rule{"id": {kind: kindString, minLen: 1}}, "id")

// authMethodsRule is client_authentication_methods: one method; on create its credentials are
// full definitions (created with the client), on PATCH references by id (null removes it).
func (s *server) authMethodsRule(creating bool) rule {
	methods := map[string]string{"private_key_jwt": "public_key", "tls_client_auth": "cert_subject_dn", "self_signed_tls_client_auth": "x509_cert"}
	r := rule{kind: kindObject, closed: true, minProps: 1, maxProps: 1, props: map[string]rule{}, nullable: !creating}
	for method, credType := range methods {
		item := credentialIDRule
		if creating {
			item = s.inlineCredentialRule(credType)
		}
		r.props[method] = closedObject(map[string]rule{"credentials": arrayOf(item)}, "credentials")
	}
	return r
}

// inlineCredentialRule is a credential defined inside a client create body; each type has its
// own closed set of keys.
func (s *server) inlineCredentialRule(credType string) rule {
	props := map[string]rule{"credential_type": enum(credType), "name": {kind: kindString, maxLen: 128}}
	switch credType {
	case "public_key":
		props["pem"] = rule{kind: kindString, minLen: 1}
		props["alg"] = enum("RS256", "RS384", "PS256")
		props["parse_expiry_from_cert"] = boolean
		props["expires_at"] = dateTime
		props["kid"] = rule{kind: kindString, pattern: kidPattern}
	case "cert_subject_dn":
		props["subject_dn"] = rule{kind: kindString, minLen: 1, maxLen: 256}
		props["pem"] = rule{kind: kindString, minLen: 1, maxLen: 4096}
	case "x509_cert":
		props["pem"] = rule{kind: kindString, minLen: 1, maxLen: 4096}
	}
	r := closedObject(props, "credential_type")
	r.check = s.checkCredentialMaterial
	return r
}

// credentialRules is the body of POST …/credentials (CredentialCreate).
func (s *server) credentialRules() map[string]rule {
	credType := enum(enumCredentialType...)
	if s.faults.On(faultCredentialTypeLenient) {
		credType = str
	}
	return map[string]rule{
		"credential_type":        credType,
		"name":                   {kind: kindString, maxLen: 128},
		"subject_dn":             {kind: kindString, minLen: 1, maxLen: 256},
		"pem":                    {kind: kindString, minLen: 1},
		"alg":                    enum("RS256", "RS384", "PS256"),
		"parse_expiry_from_cert": boolean,
		"expires_at":             dateTime,
		"kid":                    {kind: kindString, pattern: kidPattern},
	}
}

// checkCredentialMaterial is the rule the schema cannot say: public_key and x509_cert need a
// pem, cert_subject_dn exactly one of subject_dn and pem.
func (s *server) checkCredentialMaterial(v any) string {
	c := v.(map[string]any)
	_, hasPem := c["pem"]
	switch c["credential_type"] {
	case "public_key", "x509_cert":
		if !hasPem && !s.faults.On(faultCredentialPemOptional) {
			return "pem is required for credential_type " + c["credential_type"].(string)
		}
	case "cert_subject_dn":
		if _, hasDN := c["subject_dn"]; hasDN == hasPem {
			return "cert_subject_dn needs exactly one of subject_dn and pem"
		}
	}
	return ""
}
