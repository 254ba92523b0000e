package conformance

import (
	"net/http"
	"net/url"

	"github.com/clientconf/clientconf/conformance/contract"
)

// applicationsClientAPI manages clients through /v1/applications/{appId}/clients, on the app of
// the role's token; another app's path gives 403.
func applicationsClientAPI() clientAPI {
	return clientAPI{
		surface: "applications",
		collection: func(s *S, role Role) string {
			return "/v1/applications/" + url.PathEscape(s.appID(role)) + "/clients"
		},
		otherAppStatus: http.StatusForbidden,
		scratchApps:    true,
	}
}

// applicationsScenarios is the full table of the applications surface: the shared client
// scenarios on the per-app path, then apps, cross-app access and signing keys.
func applicationsScenarios(sp *contract.Spec) []Scenario {
	a := applicationsClientAPI()
	var out []Scenario
	out = append(out, sharedClientScenarios(a)...)
	out = append(out, appScenarios()...)
	out = append(out, appAccessScenarios()...)
	out = append(out, appTokenScenarios()...)
	out = append(out, signingKeyScenarios()...)
	out = append(out, createTable{
		surface:  "applications",
		opID:     "createAppClient",
		variants: []variant{{"oidc", "OidcClientCreate"}, {"saml", "SamlClientCreate"}},
		path:     func(s *S) string { return a.collection(s, Main) },
		role:     Main,
	}.scenarios(sp)...)
	out = append(out, createTable{
		surface:  "applications",
		opID:     "createApp",
		variants: []variant{{"app", "AppCreate"}},
		path:     func(*S) string { return "/v1/applications" },
		role:     Admin,
		// A SAML first client needs SAML fields the minimal body does not carry.
		open: map[string][]int{"first_client_authentication_protocol=saml": {http.StatusBadRequest}},
	}.withRoles(Admin).scenarios(sp)...)
	out = append(out, createTable{
		surface:  "applications",
		opID:     "createClientTokenSigningKey",
		variants: []variant{{"key", "SigningKeyCreate"}},
		path:     func(*S) string { return "/v1/applications/signing-keys" },
		role:     Main,
	}.scenarios(sp)...)
	out = append(out, createTable{
		surface:  "applications",
		opID:     "uploadClientTokenSigningKey",
		variants: []variant{{"key-upload", "SigningKeyUpload"}},
		path:     func(*S) string { return "/v1/applications/signing-keys/upload" },
		role:     Main,
	}.scenarios(sp)...)
	out = append(out, permTable{
		surface: "applications",
		params: map[string]func(*S) string{
			"appId":    func(s *S) string { return s.appID(Main) },
			"clientId": func(s *S) string { id, _ := a.createMinimal(s); return id },
			"id":       func(s *S) string { return createKey(s, Main).String("/id") },
		},
		// Deleting the token's own app cannot be tried safely; appAccessScenarios covers
		// deleteApp's permissions on a scratch app instead.
		skip: map[string]bool{"deleteApp": true},
	}.scenarios(sp)...)
	return out
}
