package clients

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// clientsAPI is the app-scoped /v1/clients surface: the app is the token's own.
func clientsAPI() ClientAPI {
	return ClientAPI{
		Surface:        "clients",
		Collection:     func(*scenario.S, scenario.Role) string { return "/v1/clients" },
		OtherAppStatus: http.StatusNotFound,
	}
}

// Catalogue is the full table of the clients surface.
func Catalogue(sp *contract.Spec) []scenario.Scenario {
	a := clientsAPI()
	var out []scenario.Scenario
	out = append(out, SharedScenarios(a)...)
	out = append(out, appScopedScenarios(a)...)
	out = append(out, scenario.CreateTable{
		Surface:  "clients",
		OpID:     "createClient",
		Variants: []scenario.Variant{{Label: "oidc", Schema: "OidcClientCreate"}, {Label: "saml", Schema: "SamlClientCreate"}},
	}.Scenarios(sp)...)
	params := map[string]scenario.Provider{
		"clientId": func(s *scenario.S, _ map[string]string) string { id, _ := a.CreateMinimal(s); return id },
	}
	out = append(out, scenario.PermTable{Surface: "clients", Params: params}.Scenarios(sp)...)
	out = append(out, scenario.OrderTable{Surface: "clients", Params: params}.Scenarios(sp)...)
	out = append(out, adminTokenScenarios()...)
	return out
}

// SharedScenarios are the hand-written client scenarios, one definition for every
// surface that manages clients (a tells where).
func SharedScenarios(a ClientAPI) []scenario.Scenario {
	var out []scenario.Scenario
	out = append(out, clientCRUDScenarios(a)...)
	out = append(out, clientReadOnlyScenarios(a)...)
	out = append(out, clientBadRequestScenarios(a)...)
	out = append(out, clientNotFoundScenarios(a)...)
	out = append(out, clientConflictScenarios(a)...)
	out = append(out, clientAccessScenarios(a)...)
	out = append(out, clientSchemaScenarios(a)...)
	return append(out, clientNearMissScenarios(a)...)
}
