package transmit

import (
	"net/http"
	"strings"

	"github.com/clientconf/clientconf/fixtures"
)

const (
	kindClient = "client" // acts on its own app only
	kindAdmin  = "admin"  // acts on any app of the tenant
)

func unauthorized(message string) *apiError {
	return &apiError{status: http.StatusUnauthorized, message: message}
}

// authenticate resolves the bearer token of r. Every failure is a 401 (the error writer adds
// the WWW-Authenticate challenge), decided before anything else about the request.
func (s *server) authenticate(r *http.Request) (fixtures.Token, error) {
	header := r.Header.Get("Authorization")
	if header == "" {
		return fixtures.Token{}, unauthorized("Unauthorized: missing bearer token")
	}
	scheme, value, _ := strings.Cut(header, " ")
	value = strings.TrimSpace(value)
	// The auth scheme is case-insensitive (RFC 9110 §11.1); only Bearer is accepted.
	if !strings.EqualFold(scheme, "Bearer") && !s.faults.On(fClientsAnySchemeAccepted) {
		return fixtures.Token{}, unauthorized("Unauthorized: the authorization scheme must be Bearer")
	}
	if value == "" {
		return fixtures.Token{}, unauthorized("Unauthorized: missing bearer token")
	}
	s.mu.RLock()
	tok, known := s.tokens[value]
	known = known && !s.expired(value)
	// A token of a deleted app is as unknown as a token that never existed.
	if known && tok.Kind == kindClient && s.apps[tok.AppID] == nil && !s.faults.On(fAppsDeletedAppTokenValid) {
		known = false
	}
	s.mu.RUnlock()
	if !known {
		if s.faults.On(fClientsBadToken403) {
			return fixtures.Token{}, forbidden("Forbidden: invalid token")
		}
		return fixtures.Token{}, unauthorized("Unauthorized: unknown or expired token")
	}
	return tok, nil
}

// permitted reports whether tok holds one of perms (any of: one suffices). "[appId]:x" stands
// for the literal id of the app the request acts on, so "app-main:read" matches when appID is
// app-main. An op whose list is nil needs no permission (only faults produce such lists).
func (s *server) permitted(tok fixtures.Token, perms []string, appID string) bool {
	if perms == nil {
		return true
	}
	held := make(map[string]bool, len(tok.Permissions))
	for _, p := range tok.Permissions {
		held[p] = true
	}
	s.widenAppScoped(held, appID)
	allOf := s.faults.On(fClientsPermissionsAllOf)
	for _, p := range perms {
		want := p
		if action, ok := strings.CutPrefix(p, "[appId]:"); ok {
			want = appID + ":" + action
		}
		switch {
		case held[want] && !allOf:
			return true
		case !held[want] && allOf:
			return false
		}
	}
	return allOf
}
