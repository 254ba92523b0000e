package auth0

import (
	"net/url"
	"slices"
	"strings"
)

// Read tiers of api-facts/auth0.md §10: summary fields are visible to every read scope,
// secret-tier fields only with read:client_keys or read:client_credentials, the rest (config)
// with read:clients or read:client_keys.
var (
	summaryFields = []string{"client_id", "app_type", "name", "description"}
	secretFields  = []string{"client_secret", "encryption_key", "client_authentication_methods", "signing_keys"}
)

// visible drops the fields p may not read from a client of a read response (GET one, list).
// Out-of-tier fields are silently left out, also when asked for by `fields` (the contract leaves
// "omit or 403" open; omitting is what the vendor does for plain reads).
func (s *server) visible(doc map[string]any, p principal) map[string]any {
	showConfig := p.hasAny(scopeReadClients, scopeReadClientKeys)
	showSecrets := p.hasAny(scopeReadClientKeys, scopeReadCredentials)
	if s.faults.On(faultClientKeysHidesSecret) {
		showSecrets = p.hasAny(scopeReadCredentials)
	}
	if s.faults.On(faultReadScopeSeesSecrets) && p.hasAny(scopeReadClients) {
		showSecrets = true
	}
	for key := range doc {
		switch {
		case slices.Contains(summaryFields, key):
		case slices.Contains(secretFields, key):
			if !showSecrets {
				delete(doc, key)
			}
		default:
			if !showConfig {
				delete(doc, key)
			}
		}
	}
	return doc
}

// fieldSelection is the fields / include_fields pair of a read.
type fieldSelection struct {
	fields  []string // empty: no selection
	include bool
}

// knownFields is the vendor's allow-list for `fields` (api-facts/auth0.md §4.3, the pattern of
// the spec's Fields parameter); any other name is a 400.
var knownFields = strings.Fields(`name description callbacks oidc_backchannel_logout oidc_logout
session_transfer allowed_origins web_origins client_id tenant global config_route
callback_url_template jwt_configuration jwt_configuration.lifetime_in_seconds
jwt_configuration.secret_encoded jwt_configuration.scopes jwt_configuration.alg api_type logo_uri
allowed_clients owners custom_login_page custom_login_page_on sso addons form_template
custom_login_page_preview encryption_key encryption_key.pub encryption_key.cert client_secret
signing_keys mobile mobile.android mobile.ios token_endpoint_auth_method allowed_logout_urls
app_type is_first_party oidc_conformant client_metadata is_token_endpoint_ip_header_trusted
initiate_login_uri grant_types refresh_token refresh_token.rotation_type
refresh_token.expiration_type refresh_token.leeway refresh_token.policies
refresh_token.token_lifetime default_organization organization_usage
organization_require_behavior organization_discovery_methods client_authentication_methods
client_authentication_methods.private_key_jwt require_pushed_authorization_requests
require_proof_of_possession id_token signed_request_object signed_request_object.required
signed_request_object.credentials compliance_level
skip_non_verifiable_callback_uri_confirmation_prompt token_exchange
token_exchange.allow_any_profile_of_type token_quota identity_assertion_authorization_grant
third_party_security_mode subject_type_authorization resource_server_identifier
express_configuration my_organization_configuration async_approval_notification_channels
token_vault_privileged_access token_vault_privileged_access.credentials registration_type
external_metadata_type external_metadata_created_by external_client_id redirection_policy`)

// parseFields reads fields / include_fields. include_fields defaults to true: the vendor is
// silent, and every SDK that sends fields sends include_fields=true with it.
func parseFields(q url.Values) (fieldSelection, *apiError) {
	sel := fieldSelection{include: true}
	if raw := q.Get("include_fields"); raw != "" {
		b, err := parseBool("include_fields", raw)
		if err != nil {
			return sel, err
		}
		sel.include = b
	}
	raw := q.Get("fields")
	if raw == "" {
		return sel, nil
	}
	for _, f := range strings.Split(raw, ",") {
		f = strings.TrimSpace(f)
		if !slices.Contains(knownFields, f) {
			return sel, badQuery("fields: unknown field %q", f)
		}
		sel.fields = append(sel.fields, f)
	}
	return sel, nil
}

// apply keeps (include) or drops (exclude) the selected fields; "a.b" selects key b of object a.
func (s *server) apply(sel fieldSelection, doc map[string]any) map[string]any {
	if len(sel.fields) == 0 || s.faults.On(faultFieldsIgnored) {
		return doc
	}
	if !sel.include {
		for _, f := range sel.fields {
			top, sub, nested := strings.Cut(f, ".")
			if !nested {
				delete(doc, top)
			} else if obj, ok := doc[top].(map[string]any); ok {
				delete(obj, sub)
			}
		}
		return doc
	}
	out := map[string]any{}
	// Live Auth0 answers tenant with every include selection (recorded list pages asking only
	// for client_id hold {tenant, client_id}).
	if t, ok := doc["tenant"]; ok {
		out["tenant"] = t
	}
	for _, f := range sel.fields {
		if v, ok := doc[f]; ok && !strings.Contains(f, ".") {
			out[f] = v
		}
	}
	for _, f := range sel.fields {
		top, sub, nested := strings.Cut(f, ".")
		if !nested || slices.Contains(sel.fields, top) {
			continue // the whole object is selected anyway
		}
		obj, _ := doc[top].(map[string]any)
		sv, ok := obj[sub]
		if !ok {
			continue
		}
		part, _ := out[top].(map[string]any)
		if part == nil {
			part = map[string]any{}
			out[top] = part
		}
		part[sub] = sv
	}
	return out
}
