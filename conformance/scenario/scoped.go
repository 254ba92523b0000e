package scenario

import (
	"errors"
	"net/http"
	"slices"
	"strings"

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
	role, err := s.rt.Mint(s.T.Context(), s.sc.ID, set)
	if errors.Is(err, ErrNoMinting) {
		s.Skip(NotConfigured, "%s", noScopedTokens)
	}
	if err != nil {
		why := s.redact(err.Error())
		var te *tokens.Error
		if errors.As(err, &te) && te.Status == http.StatusForbidden {
			s.Skip(NotConfigured, "skipped: the main role's client cannot get a token with only the scopes %s (%s); "+
				"grant the client of CONFORMANCE_CLIENT_ID every client scope of the Management API", strings.Join(set, " "), why)
		}
		s.SuiteFatalf("minting a token with the scopes %s: %s", strings.Join(set, " "), why)
	}
	return role
}

// scopeSet is scopes sorted and without repeats: the same set in another order is the same
// role and the same token.
func scopeSet(scopes []string) []string {
	set := slices.Clone(scopes)
	slices.Sort(set)
	return slices.Compact(set)
}
