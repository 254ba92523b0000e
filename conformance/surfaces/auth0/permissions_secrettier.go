package auth0

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0ScopeReadCredentials is the credentials read scope, which also unlocks the secret tier.
const a0ScopeReadCredentials = "read:client_credentials"

// a0SecretTierScenarios: the secret tier as a read:client_credentials token sees it.
func a0SecretTierScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "auth0/permissions/client-credentials-scope-sees-secret", Basis: scenario.Documented,
			Requirement: "A token with read:clients and read:client_credentials but not read:client_keys reads a client (200) with its client_secret: either secrets scope unlocks the secret tier.",
			Run: func(s *scenario.S) {
				// read:clients rides along: the contract names read:client_credentials as a
				// secret-tier scope, not as a read scope of its own.
				creds := s.Scoped(a0ScopeReadClients, a0ScopeReadCredentials)
				id := a0NewClient(s)
				secret := a0Secret(s, id)
				if r := s.Do(creds, http.MethodGet, a0Client(id)); r.Check(http.StatusOK) {
					scenario.RequireField(s, r, "/client_secret", secret)
				}
			}},
	}
}
