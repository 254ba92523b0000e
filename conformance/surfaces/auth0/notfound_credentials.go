package auth0

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0CredentialNotFoundScenarios: 404 answers of the credential operations, for unknown and
// deleted clients and credentials.
func a0CredentialNotFoundScenarios() []scenario.Scenario {
	// nf: the exchange run sends gives 404.
	nf := func(run func(s *scenario.S) *scenario.Response) func(s *scenario.S) {
		return func(s *scenario.S) { run(s).Check(http.StatusNotFound) }
	}
	exp := map[string]any{"expires_at": nil}
	return []scenario.Scenario{
		{ID: "auth0/not-found/credentials-list-unknown-client", Basis: scenario.Documented,
			Requirement: "Listing the credentials of an unknown client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				return s.Do(scenario.Main, http.MethodGet, a0Credentials(a0UnknownClientID))
			})},
		{ID: "auth0/not-found/credentials-list-deleted-client", Basis: scenario.Documented,
			Requirement: "Listing the credentials of a deleted client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				id := a0NewClient(s)
				s.Do(scenario.Main, http.MethodDelete, a0Client(id)).Expect(http.StatusNoContent)
				return s.Do(scenario.Main, http.MethodGet, a0Credentials(id))
			})},
		{ID: "auth0/not-found/credential-create-unknown-client", Basis: scenario.Documented,
			Requirement: "Creating a credential under an unknown client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				return s.Do(scenario.Main, http.MethodPost, a0Credentials(a0UnknownClientID), scenario.JSON(a0PublicKeyBody(s, 0)))
			})},
		{ID: "auth0/not-found/credential-get-unknown-client", Basis: scenario.Documented,
			Requirement: "Reading a credential under an unknown client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				return s.Do(scenario.Main, http.MethodGet, a0Credential(a0UnknownClientID, a0UnknownCredentialID))
			})},
		{ID: "auth0/not-found/credential-patch-unknown-client", Basis: scenario.Documented,
			Requirement: "PATCH of a credential under an unknown client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				return s.Do(scenario.Main, http.MethodPatch, a0Credential(a0UnknownClientID, a0UnknownCredentialID), scenario.JSON(exp))
			})},
		{ID: "auth0/not-found/credential-get-unknown-id", Basis: scenario.Documented,
			Requirement: "Reading an unknown credential id of an existing client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				return s.Do(scenario.Main, http.MethodGet, a0Credential(a0NewClient(s), a0UnknownCredentialID))
			})},
		{ID: "auth0/not-found/credential-patch-unknown-id", Basis: scenario.Documented,
			Requirement: "PATCH of an unknown credential id of an existing client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				return s.Do(scenario.Main, http.MethodPatch, a0Credential(a0NewClient(s), a0UnknownCredentialID), scenario.JSON(exp))
			})},
		{ID: "auth0/not-found/credential-get-after-delete", Basis: scenario.Documented,
			Requirement: "Reading a deleted credential gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				client := a0NewClient(s)
				id := a0NewCredential(s, client, a0PublicKeyBody(s, 0))
				s.Do(scenario.Main, http.MethodDelete, a0Credential(client, id)).Expect(http.StatusNoContent)
				return s.Do(scenario.Main, http.MethodGet, a0Credential(client, id))
			})},
	}
}
