package conformance

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/contract"
)

// clientsAPI is the app-scoped /v1/clients surface: the app is the token's own.
func clientsAPI() clientAPI {
	return clientAPI{
		surface:        "clients",
		collection:     func(*S, Role) string { return "/v1/clients" },
		otherAppStatus: http.StatusNotFound,
	}
}

// clientsScenarios is the full table of the clients surface.
func clientsScenarios(sp *contract.Spec) []Scenario {
	a := clientsAPI()
	var out []Scenario
	out = append(out, sharedClientScenarios(a)...)
	out = append(out, createTable{
		surface:  "clients",
		opID:     "createClient",
		variants: []variant{{"oidc", "OidcClientCreate"}, {"saml", "SamlClientCreate"}},
		path:     func(*S) string { return "/v1/clients" },
		role:     Main,
	}.scenarios(sp)...)
	out = append(out, permTable{
		surface: "clients",
		params: map[string]func(*S) string{
			"clientId": func(s *S) string { id, _ := a.createMinimal(s); return id },
		},
	}.scenarios(sp)...)
	out = append(out, Scenario{ID: "clients/permissions/admin-token-rejected", Basis: Assumed, Roles: []Role{Admin},
		Requirement: "/v1/clients acts on the token's own app, so an admin (management) token gets 403.",
		Run: func(s *S) {
			s.Do(Admin, http.MethodGet, "/v1/clients").Check(http.StatusForbidden)
			s.Do(Admin, http.MethodPost, "/v1/clients", JSON(minimalOIDC(s))).Check(http.StatusForbidden)
		}})
	return out
}

// sharedClientScenarios are the hand-written client scenarios, one definition for every
// surface that manages clients (a tells where).
func sharedClientScenarios(a clientAPI) []Scenario {
	var out []Scenario
	out = append(out, clientCRUDScenarios(a)...)
	out = append(out, clientErrorScenarios(a)...)
	out = append(out, clientAccessScenarios(a)...)
	out = append(out, clientSchemaScenarios(a)...)
	return append(out, clientNearMissScenarios(a)...)
}
