package auth0

import (
	"net/http"
	"time"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0CredentialCRUDScenarios: the credentials sub-resource's lifecycle, expiry and ownership.
func a0CredentialCRUDScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "auth0/crud/credential-lifecycle", Basis: scenario.Documented,
			Requirement: "A credential can be created (201), listed, read, have its expires_at changed (200) and be deleted (204); afterwards GET gives 404 and a second DELETE gives 204 again.",
			Run: func(s *scenario.S) {
				client := a0NewClient(s)
				body := a0PublicKeyBody(s, 0)
				created := a0CreateCredential(s, client, body)
				id := created.String("/id")
				scenario.RequireField(s, created, "/credential_type", "public_key")
				scenario.RequireField(s, created, "/name", body["name"])
				if ids, list := a0CredentialIDs(s, client); !ids[id] {
					s.Errorf(list, "list contains the new credential", "credential "+id+" in the list", "not listed")
				}
				got := s.Do(scenario.Main, http.MethodGet, a0Credential(client, id)).Expect(http.StatusOK)
				scenario.RequireField(s, got, "/id", id)
				scenario.RequireField(s, got, "/credential_type", "public_key")
				exp := a0Expiry(30)
				upd := s.Do(scenario.Main, http.MethodPatch, a0Credential(client, id), scenario.JSON(map[string]any{"expires_at": exp.Format(time.RFC3339)})).Expect(http.StatusOK)
				a0SameInstant(s, upd, "/expires_at", exp)
				again := s.Do(scenario.Main, http.MethodGet, a0Credential(client, id)).Expect(http.StatusOK)
				a0SameInstant(s, again, "/expires_at", exp)
				s.Do(scenario.Main, http.MethodDelete, a0Credential(client, id)).Expect(http.StatusNoContent)
				s.Do(scenario.Main, http.MethodGet, a0Credential(client, id)).Check(http.StatusNotFound)
				if ids, list := a0CredentialIDs(s, client); ids[id] {
					s.Errorf(list, "deleted credential not listed", "no "+id+" in the list", "still listed")
				}
				s.Do(scenario.Main, http.MethodDelete, a0Credential(client, id)).Check(http.StatusNoContent)
			}},
		{ID: "auth0/crud/credential-patch-clears-expiry", Basis: scenario.Spec,
			Requirement: "PATCH of a credential with expires_at null clears its expiry.",
			Run: func(s *scenario.S) {
				client := a0NewClient(s)
				body := a0PublicKeyBody(s, 0)
				body["expires_at"] = a0Expiry(10).Format(time.RFC3339)
				id := a0NewCredential(s, client, body)
				upd := s.Do(scenario.Main, http.MethodPatch, a0Credential(client, id), scenario.JSON(map[string]any{"expires_at": nil})).Expect(http.StatusOK)
				got := s.Do(scenario.Main, http.MethodGet, a0Credential(client, id)).Expect(http.StatusOK)
				for _, r := range []*scenario.Response{upd, got} {
					if v, ok := r.Field("/expires_at"); ok && v != nil {
						s.Errorf(r, "expires_at cleared", "expires_at null or absent", scenario.DescribeJSON(v))
					}
				}
			}},
		{ID: "auth0/crud/credential-delete-unknown", Basis: scenario.Documented,
			Requirement: "DELETE of a credential is idempotent: an unknown credential id, also under an unknown client, gives 204.",
			Run: func(s *scenario.S) {
				client := a0NewClient(s)
				s.Do(scenario.Main, http.MethodDelete, a0Credential(client, a0UnknownCredentialID)).Check(http.StatusNoContent)
				s.Do(scenario.Main, http.MethodDelete, a0Credential(a0UnknownClientID, a0UnknownCredentialID)).Check(http.StatusNoContent)
			}},
		{ID: "auth0/crud/credentials-belong-to-their-client", Basis: scenario.Assumed,
			Requirement: "A client's credential list holds its own credentials only.",
			Run: func(s *scenario.S) {
				a, b := a0NewClient(s), a0NewClient(s)
				id := a0NewCredential(s, a, a0PublicKeyBody(s, 0))
				if ids, list := a0CredentialIDs(s, b); ids[id] {
					s.Errorf(list, "other client's credential not listed", "no "+id+" in the list", "listed")
				}
				s.Do(scenario.Main, http.MethodGet, a0Credential(b, id)).Check(http.StatusNotFound)
			}},
		{ID: "auth0/crud/create-with-private-key-jwt", Basis: scenario.Documented,
			Requirement: "Credentials defined in client_authentication_methods on create are created with the client: the client references them by id and its credential list holds them.",
			Run: func(s *scenario.S) {
				body := a0With(s, map[string]any{
					"jwt_configuration": map[string]any{"alg": "RS256"},
					"client_authentication_methods": map[string]any{"private_key_jwt": map[string]any{
						"credentials": []any{a0PublicKeyBody(s, 0)}}},
				})
				id, _ := a0Create(s, body)
				got := a0Get(s, scenario.Main, id)
				ref := got.String("/client_authentication_methods/private_key_jwt/credentials/0/id")
				if ref == "" {
					s.Fatalf(got, "credential referenced", "client_authentication_methods.private_key_jwt.credentials[0].id", scenario.DescribeField(got.Field("/client_authentication_methods")))
				}
				if ids, list := a0CredentialIDs(s, id); !ids[ref] {
					s.Errorf(list, "referenced credential listed", "credential "+ref+" in the client's list", "not listed")
				}
			}},
	}
}
