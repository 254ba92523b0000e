package auth0

import (
	"net/http"
	"slices"
	"strings"
)

// Auth0 Management API scopes of the clients resource.
const (
	scopeCreateClients     = "create:clients"
	scopeReadClients       = "read:clients"
	scopeUpdateClients     = "update:clients"
	scopeDeleteClients     = "delete:clients"
	scopeReadClientSummary = "read:client_summary"
	scopeReadClientKeys    = "read:client_keys"
	scopeUpdateClientKeys  = "update:client_keys"
	scopeCreateCredentials = "create:client_credentials"
	scopeReadCredentials   = "read:client_credentials"
	scopeUpdateCredentials = "update:client_credentials"
	scopeDeleteCredentials = "delete:client_credentials"
)

// Scope lists per operation ("any of", as the vendor spec's security lists read).
var (
	scopesRead   = []string{scopeReadClients, scopeReadClientKeys, scopeReadCredentials, scopeReadClientSummary}
	scopesUpdate = []string{scopeUpdateClients, scopeUpdateClientKeys, scopeUpdateCredentials, "update:client_token_vault_privileged_access"}
)

// principal is what a valid bearer token may do.
type principal struct{ scopes map[string]bool }

func (p principal) hasAny(scopes ...string) bool {
	for _, sc := range scopes {
		if p.scopes[sc] {
			return true
		}
	}
	return false
}

// authenticate resolves the bearer token. On failure it writes the 401 and returns false:
// authentication is decided before anything else about the request.
func (s *server) authenticate(w http.ResponseWriter, r *http.Request) (principal, bool) {
	scheme, token, found := strings.Cut(r.Header.Get("Authorization"), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		status := http.StatusUnauthorized
		if s.faults.On(faultMissingToken403) {
			status = http.StatusForbidden
		}
		s.unauthorized(w, status, "Missing authentication")
		return principal{}, false
	}
	scopes, ok := s.tokens[strings.TrimSpace(token)]
	if !ok {
		scopes, ok = s.issuer.lookup(strings.TrimSpace(token))
	}
	if !ok {
		s.unauthorized(w, http.StatusUnauthorized, "Invalid token")
		return principal{}, false
	}
	return principal{scopes: scopes}, true
}

func (s *server) unauthorized(w http.ResponseWriter, status int, msg string) {
	if status == http.StatusUnauthorized {
		// RFC 6750: a 401 names the scheme the client should use.
		w.Header().Set("WWW-Authenticate", `Bearer realm="Auth0 Management API"`)
	}
	s.writeError(w, &apiError{Status: status, Message: msg})
}

// authorize writes the 403 and returns false unless p holds one of scopes.
func (s *server) authorize(w http.ResponseWriter, p principal, scopes ...string) bool {
	if p.hasAny(scopes...) {
		return true
	}
	s.writeError(w, s.insufficientScope(scopes))
	return false
}

// readScopes are the scopes that may read clients (GET one, list): any of them.
func (s *server) readScopes() []string {
	if s.faults.On(faultSummaryCannotRead) {
		return slices.DeleteFunc(slices.Clone(scopesRead), func(sc string) bool { return sc == scopeReadClientSummary })
	}
	return scopesRead
}

// fieldScopes are the body fields a write may only carry with a further scope, on top of the
// operation's own (documented: "Some fields cannot be updated with the permissions granted").
// A field a fault drops from here needs no more than the operation's scope.
func (s *server) fieldScopes(creating bool) map[string]string {
	if creating {
		m := map[string]string{"client_authentication_methods": scopeCreateCredentials}
		if s.faults.On(faultAuthMethodsCreateUnscoped) {
			delete(m, "client_authentication_methods")
		}
		return m
	}
	m := map[string]string{
		"client_secret":                 scopeUpdateClientKeys,
		"encryption_key":                scopeUpdateClientKeys,
		"client_authentication_methods": scopeUpdateCredentials,
	}
	if s.faults.On(faultSecretWriteWithoutKeys) {
		delete(m, "client_secret")
	}
	if s.faults.On(faultAuthMethodsPatchUnscoped) {
		delete(m, "client_authentication_methods")
	}
	return m
}

// authorizeFields checks the field-level scopes of a write body. On PATCH every other field is a
// plain configuration change and needs update:clients, since the operation itself also admits
// tokens that only hold update:client_keys or update:client_credentials.
func (s *server) authorizeFields(w http.ResponseWriter, p principal, body map[string]any, creating bool) bool {
	special := s.fieldScopes(creating)
	for _, key := range sortedKeys(body) {
		need, ok := special[key]
		if !ok {
			if creating {
				continue
			}
			need = scopeUpdateClients
		}
		if !p.hasAny(need) {
			s.writeError(w, s.insufficientScope([]string{need}))
			return false
		}
	}
	return true
}
