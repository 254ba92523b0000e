package transmit

import (
	"maps"

	"github.com/clientconf/clientconf/reference/faults"
)

// defaultClientFields maps the deprecated app fields that configure the default client to the
// client field each one is stored as (api-facts/transmit.md §3.1–3.2).
var defaultClientFields = map[string]string{
	"client_display_name":  "name",
	"client_description":   "description",
	"client_type":          "client_type",
	"redirect_uris":        "redirect_uris",
	"resources":            "resources",
	"device_authorization": "device_authorization",
	"ciba_authorization":   "ciba_authorization",
	"client_auth_method":   "token_endpoint_auth_method",
	"pkce":                 "pkce",
}

// appSchemas are the request schemas of the applications surface, built per server because
// faults change them.
type appSchemas struct {
	create, update, keyCreate, keyUpload, keyUpdate *object
}

func newAppSchemas(f faults.Set, clients clientSchemas) appSchemas {
	oidc := clients.oidcCreate.fields
	fields := map[string]field{
		"app_name":            {kind: kString},
		"app_description":     {kind: kString},
		"service_providers":   {kind: kStrings},
		"allow_public_signup": {kind: kBool},
		"authenticator_preferences": {kind: kObject, obj: &object{
			fields:   map[string]field{"is_centralized": {kind: kBool}, "login_uri": {kind: kString}},
			required: []string{"is_centralized", "login_uri"},
		}},
		"login_uri":                              {kind: kString},
		"invite_member_uri":                      {kind: kString},
		"invite_member_email_expiration_minutes": {kind: kNumber},
		"refresh_token_invalidation_trigger_configuration": {kind: kObject, obj: &object{fields: map[string]field{
			"invalidateOnMemberSuspension":    {kind: kBool},
			"invalidateOnMemberPasswordReset": {kind: kBool},
			"invalidateOnMemberRoleUpdate":    {kind: kBool},
		}}},
		// external_communication is output only (not an input of the vendor's app schemas):
		// like any unknown member it is dropped, and the app keeps its default language.
		"client_type":         oidc["client_type"],
		"client_display_name": {kind: kString},
		"client_description":  {kind: kString},
		// The default client's redirect URIs follow the client rule, but an app may have none.
		"redirect_uris":             {kind: kStrings, absURI: oidc["redirect_uris"].absURI},
		"logo":                      {kind: kString},
		"resources":                 {kind: kStrings},
		"device_authorization":      oidc["device_authorization"],
		"ciba_authorization":        oidc["ciba_authorization"],
		"client_auth_method":        oidc["token_endpoint_auth_method"],
		"subdomain":                 {kind: kString},
		"custom_domain":             {kind: kString}, // a string on input, an object on output
		"pkce":                      oidc["pkce"],
		"should_delete_signing_key": {kind: kBool},
		"signing_key_enabled":       {kind: kBool},
		"invite_client_id":          {kind: kString},
	}
	// first_client is checked as a client create body of its own (see createApp); here only
	// its shape.
	create := maps.Clone(fields)
	create["first_client_authentication_protocol"] = field{kind: kString, enum: protocolEnum}
	create["first_client"] = field{kind: kFreeObject}
	required := []string{"app_name", "client_display_name"}
	if f.On(fAppsDisplayNameOptional) {
		required = required[:1]
	}
	keyCreate := &object{fields: map[string]field{"name": {kind: kString}}, required: []string{"name"}}
	if f.On(fAppsKeyNameOptional) {
		keyCreate.required = nil
	}
	keyUpload := &object{
		fields:   map[string]field{"name": {kind: kString}, "jwk": {kind: kFreeObject}},
		required: []string{"name", "jwk"},
	}
	if f.On(fAppsUploadJWKOptional) {
		keyUpload.required = []string{"name"}
	}
	status := field{kind: kString, enum: keyStatusEnum}
	if f.On(fAppsKeyStatusUnchecked) {
		status.enum = nil
	}
	return appSchemas{
		create:    &object{fields: create, required: required},
		update:    &object{fields: fields},
		keyCreate: keyCreate,
		keyUpload: keyUpload,
		keyUpdate: &object{fields: map[string]field{"name": {kind: kString}, "status": status}},
	}
}

var keyStatusEnum = []string{"signing", "disabled", "validating"}
