package conformance

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/tokens"
)

// Surface is one API surface the suite checks, everything about it in one value: adding a
// surface means adding one value to Surfaces (and its spec and catalogue).
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
	Roles []Role
	// Catalogue builds the surface's scenarios from its spec; the engine is handed it.
	Catalogue func(*contract.Spec) []Scenario
	// ErrorBody checks the surface's rule for error bodies beyond their schema.
	ErrorBody func(s *S, r *Response, body map[string]any)
}

// Vendors.
const (
	Transmit = "transmit"
	Auth0    = "auth0"
)

// Surfaces lists every surface, in report order.
func Surfaces() []Surface {
	transmit := func(id, api string, catalogue func(*contract.Spec) []Scenario) Surface {
		return Surface{ID: id, API: api, Mount: "/cis", Vendor: Transmit, TokenPath: "/oidc/token", TokenStyle: tokens.Form,
			Roles: []Role{Main, ReadOnly, NoPerm, Other, Admin}, Catalogue: catalogue, ErrorBody: transmitErrorBody}
	}
	return []Surface{
		transmit("clients", "Transmit Security app-scoped Clients API, /v1/clients…", clientsScenarios),
		transmit("applications", "Transmit Applications API: apps, their clients, resources, signing keys", applicationsScenarios),
		{ID: "auth0", API: "Auth0 Management API v2 Clients, /api/v2/clients…", Mount: "/api/v2", Vendor: Auth0, Host: "auth0.com",
			TokenPath: "/oauth/token", TokenStyle: tokens.JSON, AudiencePath: "/api/v2/",
			Roles: []Role{Main, ReadOnly, NoPerm}, Catalogue: auth0Scenarios, ErrorBody: auth0ErrorBody},
	}
}

// SurfaceIDs lists the ids of every surface, in report order.
func SurfaceIDs() []string {
	var out []string
	for _, s := range Surfaces() {
		out = append(out, s.ID)
	}
	return out
}

// SurfaceByID returns the surface with that id.
func SurfaceByID(id string) (Surface, bool) {
	i := slices.IndexFunc(Surfaces(), func(s Surface) bool { return s.ID == id })
	if i < 0 {
		return Surface{}, false
	}
	return Surfaces()[i], true
}

// transmitErrorBody: error_code equals the HTTP status (assumed by the contract).
func transmitErrorBody(s *S, r *Response, obj map[string]any) {
	if s.env.target.SkipBasis[Assumed] {
		return
	}
	if code, ok := obj["error_code"].(float64); ok && int(code) != r.Status {
		s.failErrorBody(r, Assumed, "error_code equals the HTTP status [basis: assumed]",
			fmt.Sprintf("error_code %d", r.Status), fmt.Sprintf("error_code %v", code))
	}
}

// auth0ErrorBody: statusCode equals the HTTP status and error is its reason phrase
// (documented).
func auth0ErrorBody(s *S, r *Response, obj map[string]any) {
	if s.env.target.SkipBasis[Documented] {
		return
	}
	if code, ok := obj["statusCode"].(float64); ok && int(code) != r.Status {
		s.failErrorBody(r, Documented, "statusCode equals the HTTP status [basis: documented]",
			fmt.Sprintf("statusCode %d", r.Status), fmt.Sprintf("statusCode %v", code))
	}
	if phrase, ok := obj["error"].(string); ok && phrase != http.StatusText(r.Status) {
		s.failErrorBody(r, Documented, "error is the HTTP reason phrase [basis: documented]",
			fmt.Sprintf("error %q", http.StatusText(r.Status)), fmt.Sprintf("error %q", phrase))
	}
}
