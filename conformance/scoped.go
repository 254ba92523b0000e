package conformance

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/clientconf/clientconf/conformance/tokens"
)

// Minted roles. Some rules are about one scope among several (a PATCH of client_secret needs
// update:client_keys on top of update:clients): checking them takes tokens that hold some client
// scopes and lack others, which the configured roles (all, read-only, none) cannot express. A
// target whose main role has client credentials can mint such tokens (Target.ScopedTokens); a
// scenario asks for one with S.Scoped and sends requests as the role it returns, so that those
// exchanges are checked and reported like any other.

// noScopedTokens is why a scenario that needs a minted token is skipped on a target without
// them: only the main role's client credentials can mint tokens.
const noScopedTokens = "skipped: needs client credentials for the main role to mint tokens with fewer scopes: " +
	"set CONFORMANCE_CLIENT_ID and CONFORMANCE_CLIENT_SECRET (instead of CONFORMANCE_TOKEN)"

// scopedSources are the token sources of one run's minted roles, one per distinct scope set:
// each set is minted once, and its token reused by every scenario that asks for it.
type scopedSources struct {
	mu      sync.Mutex
	sources map[Role]TokenSource
}

// source returns the minted role's source, or nil when r is not a minted role.
func (ss *scopedSources) source(r Role) TokenSource {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.sources[r]
}

// sourceFor returns the source of a scope set, creating it with mint on first use.
func (ss *scopedSources) sourceFor(r Role, scopes []string, mint func([]string) TokenSource) TokenSource {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if src := ss.sources[r]; src != nil {
		return src
	}
	if ss.sources == nil {
		ss.sources = map[Role]TokenSource{}
	}
	src := mint(slices.Clone(scopes))
	ss.sources[r] = src
	return src
}

// scopeSet is scopes sorted and without repeats: the same set in another order is the same
// role and the same token.
func scopeSet(scopes []string) []string {
	set := slices.Clone(scopes)
	slices.Sort(set)
	return slices.Compact(set)
}

// scopedRole names the minted role of a scope set as messages show it, e.g.
// "main[read:clients update:clients]": the main role's client, with only these scopes.
func scopedRole(set []string) Role {
	return Role(string(Main) + "[" + strings.Join(set, " ") + "]")
}

// minted reports whether r is a role minted with fewer scopes.
func (e *env) minted(r Role) bool { return e.scoped.source(r) != nil }

// hasRole reports whether the run can act as r: a configured role, or a minted one.
func (e *env) hasRole(r Role) bool { return e.target.hasRole(r) || e.minted(r) }

// Scoped returns a role whose token is the main role's client's with only the given scopes,
// minted on the first request of the run for this scope set and shared afterwards. It skips
// the scenario when the target cannot mint tokens, or when the token endpoint refuses the set
// (the client is not granted one of the scopes): the rule cannot be checked, which says
// nothing about the target. The token, like every other, is masked in all output.
func (s *S) Scoped(scopes ...string) Role {
	s.T.Helper()
	set := scopeSet(scopes)
	if len(set) == 0 {
		// No scope parameter would mint a token with every scope of the client.
		s.SuiteFatalf("Scoped needs at least one scope")
	}
	if s.env.target.ScopedTokens == nil {
		s.Skip(NotConfigured, "%s", noScopedTokens)
	}
	role := scopedRole(set)
	src := s.env.scoped.sourceFor(role, set, s.env.target.ScopedTokens)
	if _, err := s.env.fromSource(s.T.Context(), src); err != nil {
		why := s.env.redactor.String(err.Error())
		var te *tokens.Error
		if errors.As(err, &te) && te.Status == http.StatusForbidden {
			s.Skip(NotConfigured, "skipped: the main role's client cannot get a token with only the scopes %s (%s); "+
				"grant the client of CONFORMANCE_CLIENT_ID every client scope of the Management API", strings.Join(set, " "), why)
		}
		s.SuiteFatalf("minting a token with the scopes %s: %s", strings.Join(set, " "), why)
	}
	return role
}
