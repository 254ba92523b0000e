// Package auth0 implements the Auth0 Management API v2 clients surface of the reference server:
// /clients with pagination and field filtering, rotate-secret and the credentials sub-resource,
// following CONTRACT.md §auth0, with fault switches that each break one of its rules.
package auth0

import (
	"fmt"
	"net/http"
	"time"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference/faults"
	"github.com/clientconf/clientconf/reference/specdoc"
)

// server is one Auth0 surface. Everything but store and issuer is read-only after New, so
// handlers share it without locking.
type server struct {
	tenant   string
	tokens   map[string]map[string]bool // bearer token → its scopes
	issuer   *issuer                    // POST /oauth/token: role clients, issued tokens
	faults   faults.Set
	variants faults.Set   // conforming alternatives on open points (variants.go)
	spec     *specdoc.Doc // the Auth0 spec, fault patches applied
	router   *router
	store    *store
	now      func() time.Time // clock of credential timestamps
}

// New returns the Auth0 handler (paths relative to /api/v2), seeded with the tenant's global
// client. The tenant's role tokens are accepted with the Auth0 scopes of their role
// (fixtures/reference-auth0.json), so one set of tokens works for every surface.
func New(tenant fixtures.Tenant, set faults.Set) (http.Handler, error) {
	api, _, err := NewWithTokenEndpoint(tenant, set)
	return api, err
}

// NewWithTokenEndpoint returns the Auth0 handler (paths relative to /api/v2) and its token
// endpoint (POST /oauth/token, served at the host root): each role's client credentials get
// tokens with the role's scopes.
func NewWithTokenEndpoint(tenant fixtures.Tenant, set faults.Set) (api, token http.Handler, err error) {
	s, err := newTenantServer(tenant, set)
	if err != nil {
		return nil, nil, err
	}
	return s.routes(), http.HandlerFunc(s.tokenEndpoint), nil
}

// newTenantServer builds a server with the tenant's role tokens and role clients.
func newTenantServer(tenant fixtures.Tenant, set faults.Set) (*server, error) {
	roleScopes, err := fixtures.ReferenceAuth0Scopes()
	if err != nil {
		return nil, fmt.Errorf("auth0 scopes: %w", err)
	}
	tokens := map[string][]string{}
	for _, tok := range tenant.Tokens {
		if scopes, ok := roleScopes[tok.Role]; ok {
			tokens[tok.Token] = scopes
		}
	}
	s, err := newServer(tenant.TenantID, tokens, set)
	if err != nil {
		return nil, err
	}
	for _, tok := range tenant.Tokens {
		if scopes, ok := roleScopes[tok.Role]; ok && tok.ClientID != "" && tok.ClientSecret != "" {
			s.issuer.clients[tok.ClientID] = roleClient{secret: tok.ClientSecret, scopes: scopes}
		}
	}
	return s, nil
}

// newServer builds a server from bearer tokens and their scopes.
func newServer(tenant string, tokens map[string][]string, set faults.Set) (*server, error) {
	s := &server{tenant: tenant, tokens: map[string]map[string]bool{}, issuer: newIssuer(), faults: set, store: newStore(set), now: time.Now}
	for tok, scopes := range tokens {
		s.tokens[tok] = map[string]bool{}
		for _, sc := range scopes {
			s.tokens[tok][sc] = true
		}
	}
	var err error
	if s.spec, err = loadSpec(set); err != nil {
		return nil, fmt.Errorf("auth0 spec: %w", err)
	}
	if s.router, err = s.newRouter(); err != nil {
		return nil, err
	}
	if _, err := s.store.insert(s.globalClientDoc(), nil); err != nil {
		return nil, fmt.Errorf("seed global client: %w", err)
	}
	return s, nil
}
