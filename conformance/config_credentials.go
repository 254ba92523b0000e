package conformance

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/conformance/scenario"
	"github.com/clientconf/clientconf/conformance/tokens"
)

// Credentials are a role's OAuth client credentials: the suite fetches the role's tokens with
// the client credentials grant instead of taking a fixed token.
type Credentials struct {
	ClientID     string
	ClientSecret string
}

// readCredentials reads the client credentials of every role. A role has either a fixed token or
// client credentials, never both: with both set, which one the run used would be a guess.
func (c *Config) readCredentials(getenv func(string) string) error {
	c.Credentials = map[Role]Credentials{}
	for _, rv := range envvar.Roles() {
		cv := struct {
			role       Role
			id, secret string
		}{Role(rv.Role), rv.ClientID, rv.ClientSecret}
		id, secret := strings.TrimSpace(getenv(cv.id)), strings.TrimSpace(getenv(cv.secret))
		switch {
		case id == "" && secret == "":
			continue
		case secret == "":
			return configError(cv.secret, "is empty but "+cv.id+" is set",
				"export "+cv.secret+" with that client's secret, or unset "+cv.id)
		case id == "":
			return configError(cv.id, "is empty but "+cv.secret+" is set",
				"export "+cv.id+" with the client id the secret belongs to, or unset "+cv.secret)
		}
		if c.Tokens[cv.role] != "" {
			tokenVar := scenario.RoleVariable(cv.role)
			return configError(tokenVar, "is set together with "+cv.id+" (the "+string(cv.role)+" role can only have one)",
				"unset "+tokenVar+" to fetch the role's tokens with the client credentials, or unset "+cv.id+" and "+cv.secret+" to use the fixed token")
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
	vs := c.vendorSurface()
	auth0 := vs.AudiencePath != ""
	c.TokenURL = root + vs.TokenPath
	if auth0 {
		c.Audience = root + vs.AudiencePath
	}
	if v := strings.TrimSpace(getenv(envvar.TokenURL)); v != "" {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			return configError(envvar.TokenURL, "is not an absolute http(s) URL without credentials in it",
				"set it to the token endpoint, e.g. "+c.TokenURL+", or unset it to use that default")
		}
		c.TokenURL = v
	}
	if v := strings.TrimSpace(getenv(envvar.Audience)); v != "" {
		if !auth0 {
			return configError(envvar.Audience, "is set but the target is Transmit, whose token endpoint takes no audience",
				"unset "+envvar.Audience+" (it is for Auth0 targets only)")
		}
		c.Audience = v
	}
	return nil
}

// vendorSurface is a surface of the configured target's vendor (they share the token
// endpoint): of the listed surfaces, else told by the base URL (its mount or host), else
// Transmit's.
func (c Config) vendorSurface() Surface {
	all := Surfaces()
	if len(c.Surfaces) > 0 {
		first, _ := SurfaceByID(c.Surfaces[0])
		for _, id := range c.Surfaces {
			if s, _ := SurfaceByID(id); s.Vendor != first.Vendor {
				return all[0] // mixed vendors: Transmit's endpoint, as before
			}
		}
		return first
	}
	for _, s := range all {
		if s.Vendor != all[0].Vendor && (strings.Contains(c.BaseURL, s.Mount) || s.Host != "" && strings.Contains(c.BaseURL, s.Host)) {
			return s
		}
	}
	return all[0]
}

// auth0Target reports whether the configured target is an Auth0 Management API.
func (c Config) auth0Target() bool { return c.vendorSurface().Vendor == Auth0 }

// tokenSources builds a client credentials token source per role with credentials.
func (c Config) tokenSources() map[Role]TokenSource {
	if len(c.Credentials) == 0 {
		return nil
	}
	client := c.tokenClient()
	style, audience := c.vendorSurface().TokenStyle, ""
	if c.auth0Target() {
		audience = c.Audience
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
