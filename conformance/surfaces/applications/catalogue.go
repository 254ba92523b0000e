package applications

import (
	"net/http"
	"net/url"

	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/scenario"
	"github.com/clientconf/clientconf/conformance/surfaces/clients"
)

// applicationsClientAPI manages clients through /v1/applications/{appId}/clients, on the app of
// the role's token; another app's path gives 403.
func applicationsClientAPI() clients.ClientAPI {
	return clients.ClientAPI{
		Surface: "applications",
		Collection: func(s *scenario.S, role scenario.Role) string {
			return "/v1/applications/" + url.PathEscape(s.AppID(role)) + "/clients"
		},
		OtherAppStatus: http.StatusForbidden,
		ScratchApps:    true,
	}
}

// Catalogue is the full table of the applications surface: the shared client
// scenarios on the per-app path, then the app and signing key scenarios by category.
func Catalogue(sp *contract.Spec) []scenario.Scenario {
	a := applicationsClientAPI()
	var out []scenario.Scenario
	out = append(out, clients.SharedScenarios(a)...)
	out = append(out, crudAppScenarios()...)
	out = append(out, appReadOnlyScenarios()...)
	out = append(out, crudKeyScenarios()...)
	out = append(out, conflictScenarios()...)
	out = append(out, notFoundScenarios()...)
	out = append(out, schemaScenarios()...)
	out = append(out, enumKeyScenarios()...)
	out = append(out, appAccessScenarios()...)
	out = append(out, appTokenScenarios()...)
	out = append(out, permissionKeyScenarios()...)
	out = append(out, scenario.CreateTable{
		Surface:  "applications",
		OpID:     "createAppClient",
		Variants: []scenario.Variant{{Label: "oidc", Schema: "OidcClientCreate"}, {Label: "saml", Schema: "SamlClientCreate"}},
		Params:   map[string]scenario.Provider{"appId": func(s *scenario.S, _ map[string]string) string { return s.AppID(scenario.Main) }},
	}.Scenarios(sp)...)
	out = append(out, scenario.CreateTable{
		Surface:  "applications",
		OpID:     "createApp",
		Variants: []scenario.Variant{{Label: "app", Schema: "AppCreate"}},
		Role:     scenario.Admin,
		// A SAML first client needs SAML fields the minimal body does not carry.
		Open: map[string][]int{"first_client_authentication_protocol=saml": {http.StatusBadRequest}},
	}.WithRoles(scenario.Admin).Scenarios(sp)...)
	out = append(out, scenario.CreateTable{
		Surface:  "applications",
		OpID:     "createClientTokenSigningKey",
		Variants: []scenario.Variant{{Label: "key", Schema: "SigningKeyCreate"}},
	}.Scenarios(sp)...)
	out = append(out, scenario.CreateTable{
		Surface:  "applications",
		OpID:     "uploadClientTokenSigningKey",
		Variants: []scenario.Variant{{Label: "key-upload", Schema: "SigningKeyUpload"}},
	}.Scenarios(sp)...)
	params := map[string]scenario.Provider{
		"appId":    func(s *scenario.S, _ map[string]string) string { return s.AppID(scenario.Main) },
		"clientId": func(s *scenario.S, _ map[string]string) string { id, _ := a.CreateMinimal(s); return id },
		"id":       func(s *scenario.S, _ map[string]string) string { return createKey(s, scenario.Main).String("/id") },
	}
	// The order table sends deleteApp only with an unknown appId: safe to derive.
	out = append(out, scenario.OrderTable{Surface: "applications", Params: params}.Scenarios(sp)...)
	out = append(out, scenario.PermTable{
		Surface: "applications",
		Params:  params,
		// Deleting the token's own app cannot be tried safely; appAccessScenarios covers
		// deleteApp's permissions on a scratch app instead.
		Skip: map[string]bool{"deleteApp": true},
	}.Scenarios(sp)...)
	return out
}
