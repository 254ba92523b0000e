package engine

import (
	"slices"
	"strings"
	"sync"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// scopedSources are the token sources of one run's minted roles, one per distinct scope set:
// each set is minted once, and its token reused by every scenario that asks for it.
type scopedSources struct {
	mu      sync.Mutex
	sources map[scenario.Role]TokenSource
}

// source returns the minted role's source, or nil when r is not a minted role.
func (ss *scopedSources) source(r scenario.Role) TokenSource {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.sources[r]
}

// sourceFor returns the source of a scope set, creating it with mint on first use.
func (ss *scopedSources) sourceFor(r scenario.Role, scopes []string, mint func([]string) TokenSource) TokenSource {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if src := ss.sources[r]; src != nil {
		return src
	}
	if ss.sources == nil {
		ss.sources = map[scenario.Role]TokenSource{}
	}
	src := mint(slices.Clone(scopes))
	ss.sources[r] = src
	return src
}

// scopedRole names the minted role of a scope set as messages show it, e.g.
// "main[read:clients update:clients]": the main role's client, with only these scopes.
func scopedRole(set []string) scenario.Role {
	return scenario.Role(string(scenario.Main) + "[" + strings.Join(set, " ") + "]")
}

// minted reports whether r is a role minted with fewer scopes.
func (e *env) minted(r scenario.Role) bool { return e.scoped.source(r) != nil }

// hasRole reports whether the run can act as r: a configured role, or a minted one.
func (e *env) hasRole(r scenario.Role) bool { return e.target.HasRole(r) || e.minted(r) }
