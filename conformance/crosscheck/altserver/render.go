package altserver

import "time"

// tsLayout is RFC 3339 with milliseconds and a numeric offset: "+00:00" rather than "Z", a
// form the contract allows and a strict parser might not expect.
const tsLayout = "2006-01-02T15:04:05.000-07:00"

// formatTime renders a timestamp in the form the options choose.
func (s *server) formatTime(t time.Time) string {
	switch {
	case s.opts.Seconds:
		return t.UTC().Format(time.RFC3339)
	case s.opts.Nanos:
		return t.UTC().Format(time.RFC3339Nano)
	case s.opts.Offset:
		return t.In(s.offsetZone).Format(tsLayout)
	}
	return t.Format(tsLayout)
}

// render returns the client as the API shows it: the defaults of every field the caller did
// not set, overlaid with the stored fields (deep copies, so the caller may encode it after
// the lock is released).
func (s *server) render(c *client) map[string]any {
	out := map[string]any{
		"app_id":                           c.AppID,
		"tenant_id":                        TenantID,
		"client_id":                        c.ClientID,
		"client_secret":                    c.Secret,
		"description":                      "",
		"resources":                        []any{},
		"created_at":                       s.formatTime(c.Created),
		"updated_at":                       s.formatTime(c.Updated),
		"authentication_protocol":          c.Protocol,
		"client_group_id":                  "",
		"default_custom_claims":            []any{},
		"sync_id_token_claims_to_userinfo": false,
		"short_cookies_samesite_type":      "lax",
		"is_default":                       c.IsDefault,
	}
	if c.Protocol == "saml" {
		// Server-generated IdP facts; only their presence and type are in the contract.
		base := "https://idp.altserver.example/cis/saml/" + c.ClientID
		out["optional_acs_url"] = false
		out["sp_acs_url"] = ""
		out["sp_name_id_type"] = "email"
		out["sign_assertion"] = false
		out["metadata_url"] = base + "/metadata"
		out["sso_url"] = base + "/sso"
		out["entity_id"] = base
		out["x509_certificate"] = "MIIBaltserverPlaceholderCertificate" + c.ClientID
	} else {
		out["client_type"] = "web"
		out["response_types"] = []any{"code", "id_token"}
		// token_endpoint_auth_method is deprecated: shown only when it was set explicitly.
		out["device_authorization"] = map[string]any{"enabled": false, "approval_uri": "", "success_uri": "", "input_uri": ""}
		out["ciba_authorization"] = map[string]any{"enabled": false}
		out["supported_prompts"] = []any{"login"}
		out["token_expiration"] = map[string]any{"access_token_ttl": 7200, "refresh_token_ttl": 2592000}
		out["session_expiration"] = 86400
		out["enforce_par"] = false
		out["fapi_version_compliancy"] = false
	}
	if s.opts.OmitDefaults {
		for _, k := range []string{"client_type", "response_types", "short_cookies_samesite_type", "sync_id_token_claims_to_userinfo"} {
			delete(out, k)
		}
	}
	for k, v := range c.Fields {
		out[k] = clone(v)
	}
	return out
}

// clone deep-copies a decoded JSON value.
func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = clone(e)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = clone(e)
		}
		return a
	}
	return v
}
