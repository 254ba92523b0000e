package conformance

import (
	"slices"

	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/scenario"
	"github.com/clientconf/clientconf/conformance/surfaces/applications"
	"github.com/clientconf/clientconf/conformance/surfaces/auth0"
	"github.com/clientconf/clientconf/conformance/surfaces/clients"
	"github.com/clientconf/clientconf/conformance/tokens"
)

// The registry of surfaces: each is one engine.Surface value, its scenario catalogue handed
// to the engine from its own package. A fourth surface is one more value here.

// Surfaces lists every surface, in report order.
func Surfaces() []Surface {
	transmit := func(id, api string, catalogue func(*contract.Spec) []scenario.Scenario) Surface {
		return Surface{ID: id, API: api, Mount: "/cis", Vendor: Transmit, TokenPath: "/oidc/token", TokenStyle: tokens.Form,
			Roles: []Role{Main, ReadOnly, NoPerm, Other, Admin, AppScoped}, Catalogue: catalogue, ErrorBody: clients.TransmitErrorBody}
	}
	return []Surface{
		transmit("clients", "Transmit Security app-scoped Clients API, /v1/clients…", clients.Catalogue),
		transmit("applications", "Transmit Applications API: apps, their clients, resources, signing keys", applications.Catalogue),
		{ID: "auth0", API: "Auth0 Management API v2 Clients, /api/v2/clients…", Mount: "/api/v2", Vendor: Auth0, Host: "auth0.com",
			TokenPath: "/oauth/token", TokenStyle: tokens.JSON, AudiencePath: "/api/v2/",
			Roles: []Role{Main, ReadOnly, NoPerm}, Catalogue: auth0.Catalogue, ErrorBody: auth0.ErrorBody},
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
