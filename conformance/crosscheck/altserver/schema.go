package altserver

// The request schemas of the Clients API, hand-written from the contract's field tables. They
// are built once per server by newSchemas and only read afterwards.

// kind is what a field's value must be.
type kind int

const (
	kString kind = iota
	kNonEmptyString
	kBool
	kNumber
	kStringArray
	kEnum
	kEnumArray
	kURIArray
	kObject    // nested object with a schema
	kAnyObject // free-form object (jwks)
)

type field struct {
	kind     kind
	enum     []string
	required bool
	minItems int
	nested   map[string]field
}

// schemas are the bodies the server accepts.
type schemas struct {
	oidcCreate, oidcUpdate map[string]field
	samlCreate, samlUpdate map[string]field
	resources              map[string]field // PUT …/resources
	// inputOnly fields are accepted and validated but never stored nor echoed.
	inputOnly map[string]bool
}

func newSchemas() schemas {
	return schemas{
		oidcCreate: oidcFields(true),
		oidcUpdate: oidcFields(false),
		samlCreate: samlFields(true),
		samlUpdate: samlFields(false),
		resources:  map[string]field{"resource_ids": {kind: kStringArray, required: true}},
		inputOnly: map[string]bool{
			"is_third_party": true, "allowed_scopes": true, "consent_uri": true,
			"consent_validity_period": true, "role_ids": true,
		},
	}
}

// claims is the newest, 38-value claims enum (the contract picks the newest vendor document).
func claims() []string {
	return []string{
		"tid", "fname", "lname", "mname", "email", "email_verified", "phone_number",
		"phone_number_verified", "groups", "new_user", "birthday", "language", "city", "address",
		"country", "street_address", "address_type", "webauthn", "roles", "ts_roles", "role_values",
		"ts_permissions", "permissions", "approval_data", "custom_group_data", "username",
		"secondary_phone_numbers", "secondary_emails", "picture", "created_at", "last_auth",
		"auth_time", "external_account_id", "external_user_id", "app_name", "custom_data",
		"custom_app_data", "ai_actor",
	}
}

// commonFields are the fields OIDC and SAML bodies share.
func commonFields() map[string]field {
	return map[string]field{
		"name":                             {kind: kNonEmptyString},
		"description":                      {kind: kString},
		"resources":                        {kind: kStringArray},
		"client_group_id":                  {kind: kString},
		"default_custom_claims":            {kind: kEnumArray, enum: claims()},
		"default_user_info_claims":         {kind: kEnumArray, enum: claims()},
		"sync_id_token_claims_to_userinfo": {kind: kBool},
		"short_cookies_samesite_type":      {kind: kEnum, enum: []string{"lax", "none"}},
		"supported_prompts":                {kind: kEnumArray, enum: []string{"login", "consent", "none"}},
	}
}

func oidcFields(create bool) map[string]field {
	deviceAuth := map[string]field{
		"enabled":      {kind: kBool, required: true},
		"approval_uri": {kind: kString, required: true},
		"success_uri":  {kind: kString, required: true},
		"input_uri":    {kind: kString, required: true},
	}
	ciba := map[string]field{
		"enabled":   {kind: kBool, required: true},
		"login_uri": {kind: kString},
	}
	tokenExpiration := map[string]field{
		"access_token_ttl":   {kind: kNumber},
		"refresh_token_ttl":  {kind: kNumber},
		"max_refresh_rotate": {kind: kNumber},
	}
	tlsClientAuth := map[string]field{
		"certificate_chain":          {kind: kString},
		"distinguished_name":         {kind: kNumber},
		"ocsp_on":                    {kind: kBool},
		"ocsp_responder_uri":         {kind: kString},
		"ocsp_responder_certificate": {kind: kString},
		"ocsp_fail_open":             {kind: kBool},
	}
	pkce := []string{"enforcePkceInsteadOfClientCredentials", "enforcePkceAlongsideClientCredentials",
		"allowPkceAlongsideClientCredentials"}
	authMethods := []string{"client_secret_basic", "self_signed_tls_client_auth", "tls_client_auth", "none", "private_key_jwt"}
	// The vendor's schema gives the nested method four values: token_endpoint_auth_method's
	// five without "none".
	authConfig := map[string]field{
		"method": {kind: kEnum, required: true, enum: []string{
			"client_secret_basic", "self_signed_tls_client_auth", "tls_client_auth", "private_key_jwt"}},
		"tls_client_auth":      {kind: kObject, nested: tlsClientAuth},
		"isMtlsCertTokenBound": {kind: kBool},
		"jwks":                 {kind: kAnyObject},
	}
	idTokenEncryption := map[string]field{
		"enabled": {kind: kBool, required: true},
		"jwks":    {kind: kAnyObject},
	}
	m := commonFields()
	for k, v := range map[string]field{
		"redirect_uris":                {kind: kURIArray, minItems: 1},
		"client_type":                  {kind: kEnum, enum: []string{"web", "native"}},
		"device_authorization":         {kind: kObject, nested: deviceAuth},
		"ciba_authorization":           {kind: kObject, nested: ciba},
		"is_third_party":               {kind: kBool},
		"allowed_scopes":               {kind: kStringArray},
		"consent_uri":                  {kind: kString},
		"consent_validity_period":      {kind: kNumber},
		"pkce":                         {kind: kEnum, enum: pkce},
		"token_expiration":             {kind: kObject, nested: tokenExpiration},
		"session_expiration":           {kind: kNumber},
		"enforce_par":                  {kind: kBool},
		"role_ids":                     {kind: kStringArray},
		"fapi_version_compliancy":      {kind: kBool},
		"token_endpoint_auth_method":   {kind: kEnum, enum: authMethods},
		"response_types":               {kind: kEnumArray, enum: []string{"code", "id_token"}},
		"authentication_configuration": {kind: kObject, nested: authConfig},
		"id_token_encryption":          {kind: kObject, nested: idTokenEncryption},
	} {
		m[k] = v
	}
	if create {
		requireFields(m, "name", "redirect_uris")
		m["authentication_protocol"] = field{kind: kEnum, enum: []string{"oidc", "saml"}}
	}
	return m
}

func samlFields(create bool) map[string]field {
	nameIDTypes := []string{"email", "secondaryEmail", "username", "phoneNumber", "externalUserId"}
	m := commonFields()
	for k, v := range map[string]field{
		"sp_acs_url":            {kind: kString},
		"sp_entity_id":          {kind: kNonEmptyString},
		"sp_name_id_type":       {kind: kEnum, enum: nameIDTypes},
		"sign_assertion":        {kind: kBool},
		"optional_acs_url":      {kind: kBool},
		"use_centralized_login": {kind: kBool},
	} {
		m[k] = v
	}
	if create {
		requireFields(m, "name", "sp_entity_id")
		m["authentication_protocol"] = field{kind: kEnum, enum: []string{"oidc", "saml"}}
	}
	return m
}

// requireFields marks fields of m required: a create needs what an update may leave out.
func requireFields(m map[string]field, names ...string) {
	for _, n := range names {
		f := m[n]
		f.required = true
		m[n] = f
	}
}
