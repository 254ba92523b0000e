// Package reftarget serves the embedded reference server on loopback and describes it as a
// conformance target: the suite's default when no CONFORMANCE_BASE_URL is given.
package reftarget

import (
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/tokens"
	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference"
)

// Options select what the reference server breaks or which open sides it takes, which surfaces the target offers, and how
// the suite gets its tokens.
type Options struct {
	Faults   []string // fault switches to turn on; none for a conforming server
	Variants []string // conforming alternatives on open points to turn on (reference.Variants)
	Surfaces []string // empty: every surface
	// ClientCredentials describes every role by its fixture client credentials instead of its
	// fixed token: the suite fetches each token from the reference's token endpoint, Transmit's
	// /oidc/token or, for an auth0-only target, Auth0's /oauth/token. A token of one vendor is
	// unknown to the other, so the surfaces must then be all Transmit's or all Auth0's.
	ClientCredentials bool
}

// Start serves a fresh reference server until cleanup is called by the test framework.
func Start(cleanup func(func()), opts Options) (conformance.Target, error) {
	h, err := reference.New(reference.Options{Faults: opts.Faults, Variants: opts.Variants})
	if err != nil {
		return conformance.Target{}, fmt.Errorf("reference server: %w", err)
	}
	srv := httptest.NewServer(h)
	cleanup(srv.Close)
	return DescribeWith(srv.URL, opts)
}

// DescribeWith returns the target for a reference server listening at root (e.g.
// http://127.0.0.1:8080): every surface at its mount, the fixture tokens or client
// credentials, as opts say (its Faults and Variants are the running server's business and are ignored here).
func DescribeWith(root string, opts Options) (conformance.Target, error) {
	tenant, err := fixtures.ReferenceTenant()
	if err != nil {
		return conformance.Target{}, err
	}
	t := conformance.Target{
		Name:     "embedded reference server",
		BaseURLs: map[string]string{},
		Tokens:   map[conformance.Role]string{},
		// In-memory and private to this run: collection deletes harm nobody.
		AllowDestructive: true,
		SkipBasis:        map[conformance.Basis]bool{},
	}
	surfaces := opts.Surfaces
	if len(surfaces) == 0 {
		surfaces = conformance.SurfaceIDs()
	}
	// The reference serves every vendor's token endpoint; the roles use the first vendor's
	// unless every surface is Auth0's.
	var picked []conformance.Surface
	transmit, auth0 := false, false
	var a0 conformance.Surface
	for _, id := range surfaces {
		s, ok := conformance.SurfaceByID(id)
		if !ok {
			return t, fmt.Errorf("unknown surface %q", id)
		}
		picked = append(picked, s)
		transmit = transmit || s.Vendor == conformance.Transmit
		if s.Vendor == conformance.Auth0 {
			auth0, a0 = true, s
		}
	}
	t.TokenURL = root + picked[0].TokenPath
	if !transmit {
		t.TokenURL = root + a0.TokenPath
	}
	if opts.ClientCredentials {
		if transmit && auth0 {
			return t, fmt.Errorf("client credentials: surfaces %v mix Transmit and Auth0, whose tokens differ; "+
				"describe clients,applications and auth0 as two targets", surfaces)
		}
		t.Name += " (client credentials)"
		t.TokenSources = map[conformance.Role]conformance.TokenSource{}
	}
	for _, tok := range tenant.Tokens {
		role := conformance.Role(tok.Role)
		switch {
		case !opts.ClientCredentials:
			t.Tokens[role] = tok.Token
		case auth0:
			t.TokenSources[role] = &tokens.ClientCredentials{TokenURL: t.TokenURL, ClientID: tok.ClientID,
				ClientSecret: tok.ClientSecret, Audience: root + a0.AudiencePath, Style: a0.TokenStyle}
		default:
			t.TokenSources[role] = &tokens.ClientCredentials{TokenURL: t.TokenURL, ClientID: tok.ClientID,
				ClientSecret: tok.ClientSecret, Style: picked[0].TokenStyle}
		}
		switch tok.Role {
		case string(conformance.Main):
			t.AppID = tok.AppID
			if auth0 && tok.ClientID != "" && tok.ClientSecret != "" {
				t.ScopedTokens = scopedTokens(root, a0, tok.ClientID, tok.ClientSecret)
			}
		case string(conformance.Other):
			t.OtherAppID = tok.AppID
		}
	}
	for _, s := range picked {
		t.BaseURLs[s.ID] = root + s.Mount
	}
	return t, nil
}

// scopedTokens mints Auth0 tokens of the main role's fixture client with a subset of its scopes,
// whatever the role tokens are: the default run then checks the rules about one scope among
// several too. Auth0's /oauth/token serves them, also when the roles use Transmit's endpoint.
func scopedTokens(root string, a0 conformance.Surface, clientID, secret string) func([]string) conformance.TokenSource {
	return func(scopes []string) conformance.TokenSource {
		return &tokens.ClientCredentials{TokenURL: root + a0.TokenPath, ClientID: clientID, ClientSecret: secret,
			Audience: root + a0.AudiencePath, Scope: strings.Join(scopes, " "), Style: a0.TokenStyle}
	}
}
