package engine

import (
	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/scenario"
	"github.com/clientconf/clientconf/conformance/tokens"
)

// Surface is one API surface the suite checks, everything about it in one value: the registry
// (conformance/surfaces.go) holds one per surface, and a new surface is one more value there.
type Surface struct {
	ID  string // first segment of every scenario ID, and the spec's name in specs/
	API string // what it is, for people
	// Mount is where the surface lives under a vendor host and where the reference server
	// serves it: Transmit under /cis, Auth0 under /api/v2.
	Mount string
	// Vendor groups surfaces that share tokens and a token endpoint; Host, when set, is part of
	// every host name of the vendor's APIs (it tells a base URL's vendor).
	Vendor string
	Host   string
	// TokenPath is the client credentials endpoint on the host root, TokenStyle its encoding,
	// and AudiencePath (Auth0) the audience of the tokens under the host root.
	TokenPath    string
	TokenStyle   tokens.Style
	AudiencePath string
	// Roles are the configured roles its scenarios use.
	Roles []scenario.Role
	// Catalogue builds the surface's scenarios from its spec; the engine is handed it.
	Catalogue func(*contract.Spec) []scenario.Scenario
	// ErrorBody checks the surface's rule for error bodies beyond their schema.
	ErrorBody scenario.ErrorBodyRule
}

// Vendors.
const (
	Transmit = "transmit"
	Auth0    = "auth0"
)
