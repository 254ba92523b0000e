package clients

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// adminTokenScenarios: /v1/clients is app-scoped, so a management token is refused there; this
// runs on the clients surface only (the applications surface takes admin tokens).
func adminTokenScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "clients/permissions/admin-token-rejected", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Admin},
			Requirement: "/v1/clients acts on the token's own app, so an admin (management) token gets 403.",
			Run: func(s *scenario.S) {
				s.Do(scenario.Admin, http.MethodGet, "/v1/clients").Check(http.StatusForbidden)
				s.Do(scenario.Admin, http.MethodPost, "/v1/clients", scenario.JSON(MinimalOIDC(s))).Check(http.StatusForbidden)
			}},
	}
}
