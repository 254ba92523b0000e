package conformance

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/clientconf/clientconf/conformance/tokens"
)

// Credentials are a role's OAuth client credentials: the suite fetches the role's tokens with
// the client credentials grant instead of taking a fixed token.
type Credentials struct {
	ClientID     string
	ClientSecret string
}

// credentialVars maps each role to its client id and secret variables.
var credentialVars = []struct {
	role       Role
	id, secret string
}{
	{Main, "CONFORMANCE_CLIENT_ID", "CONFORMANCE_CLIENT_SECRET"},
	{ReadOnly, "CONFORMANCE_READONLY_CLIENT_ID", "CONFORMANCE_READONLY_CLIENT_SECRET"},
	{NoPerm, "CONFORMANCE_NOPERM_CLIENT_ID", "CONFORMANCE_NOPERM_CLIENT_SECRET"},
	{Other, "CONFORMANCE_OTHER_APP_CLIENT_ID", "CONFORMANCE_OTHER_APP_CLIENT_SECRET"},
	{Admin, "CONFORMANCE_ADMIN_CLIENT_ID", "CONFORMANCE_ADMIN_CLIENT_SECRET"},
}

// readCredentials reads the client credentials of every role. A role has either a fixed token or
// client credentials, never both: with both set, which one the run used would be a guess.
func (c *Config) readCredentials(getenv func(string) string) error {
	c.Credentials = map[Role]Credentials{}
	for _, cv := range credentialVars {
		id, secret := strings.TrimSpace(getenv(cv.id)), strings.TrimSpace(getenv(cv.secret))
		switch {
		case id == "" && secret == "":
			continue
		case secret == "":
			return &ConfigError{cv.secret, "is empty but " + cv.id + " is set",
				"export " + cv.secret + " with that client's secret, or unset " + cv.id}
		case id == "":
			return &ConfigError{cv.id, "is empty but " + cv.secret + " is set",
				"export " + cv.id + " with the client id the secret belongs to, or unset " + cv.secret}
		}
		if c.Tokens[cv.role] != "" {
			tokenVar := roleVariable(cv.role)
			return &ConfigError{tokenVar, "is set together with " + cv.id + " (the " + string(cv.role) + " role can only have one)",
				"unset " + tokenVar + " to fetch the role's tokens with the client credentials, or unset " + cv.id + " and " + cv.secret + " to use the fixed token"}
		}
		c.Credentials[cv.role] = Credentials{ClientID: id, ClientSecret: secret}
	}
	return nil
}

// readTokenEndpoint sets the token URL (and for Auth0 the audience): CONFORMANCE_TOKEN_URL and
// CONFORMANCE_AUDIENCE, else derived from the base URL's host. Transmit: https://HOST/oidc/token
// (the host root, not under /cis). Auth0: https://HOST/oauth/token with audience
// https://HOST/api/v2/ (a tenant on a custom domain sets CONFORMANCE_AUDIENCE to its
// https://TENANT.auth0.com/api/v2/).
func (c *Config) readTokenEndpoint(getenv func(string) string) error {
	if c.BaseURL == "" {
		return nil // the embedded reference: reftarget knows its endpoints
	}
	base, err := url.Parse(c.BaseURL)
	if err != nil {
		return nil // already reported by ConfigFromEnv
	}
	root := base.Scheme + "://" + base.Host
	auth0 := c.auth0Target()
	c.TokenURL = root + "/oidc/token"
	if auth0 {
		c.TokenURL = root + "/oauth/token"
		c.Audience = root + "/api/v2/"
	}
	if v := strings.TrimSpace(getenv("CONFORMANCE_TOKEN_URL")); v != "" {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			return &ConfigError{"CONFORMANCE_TOKEN_URL", "is not an absolute http(s) URL without credentials in it",
				"set it to the token endpoint, e.g. " + c.TokenURL + ", or unset it to use that default"}
		}
		c.TokenURL = v
	}
	if v := strings.TrimSpace(getenv("CONFORMANCE_AUDIENCE")); v != "" {
		if !auth0 {
			return &ConfigError{"CONFORMANCE_AUDIENCE", "is set but the target is Transmit, whose token endpoint takes no audience",
				"unset CONFORMANCE_AUDIENCE (it is for Auth0 targets only)"}
		}
		c.Audience = v
	}
	return nil
}

// auth0Target reports whether the configured target is an Auth0 Management API.
func (c Config) auth0Target() bool {
	if len(c.Surfaces) > 0 {
		for _, s := range c.Surfaces {
			if s != "auth0" {
				return false
			}
		}
		return true
	}
	return strings.Contains(c.BaseURL, "/api/v2") || strings.Contains(c.BaseURL, "auth0.com")
}

// tokenSources builds a client credentials token source per role with credentials.
func (c Config) tokenSources() map[Role]TokenSource {
	if len(c.Credentials) == 0 {
		return nil
	}
	client := c.tokenClient()
	style, audience := tokens.Form, ""
	if c.auth0Target() {
		style, audience = tokens.JSON, c.Audience
	}
	out := map[Role]TokenSource{}
	for role, cr := range c.Credentials {
		out[role] = &tokens.ClientCredentials{TokenURL: c.TokenURL, ClientID: cr.ClientID, ClientSecret: cr.ClientSecret,
			Audience: audience, Style: style, HTTPClient: client}
	}
	return out
}

// tokenClient sends the token requests.
func (c Config) tokenClient() *http.Client {
	return &http.Client{
		Timeout: c.Timeout,
		// A redirected token request would carry the client secret to wherever it points.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// scopedTokens mints tokens of the main role's client limited to a scope list, on an Auth0
// target: its /oauth/token grants a requested subset of the client's scopes. nil without the
// main role's client credentials, and on Transmit, whose contract has no rule that needs them.
func (c Config) scopedTokens() func(scopes []string) TokenSource {
	cr, ok := c.Credentials[Main]
	if !ok || !c.auth0Target() {
		return nil
	}
	client := c.tokenClient()
	return func(scopes []string) TokenSource {
		return &tokens.ClientCredentials{TokenURL: c.TokenURL, ClientID: cr.ClientID, ClientSecret: cr.ClientSecret,
			Audience: c.Audience, Scope: strings.Join(scopes, " "), Style: tokens.JSON, HTTPClient: client}
	}
}
