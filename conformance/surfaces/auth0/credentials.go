package auth0

import (
	"fmt"
	"net/http"
	"time"

	"github.com/clientconf/clientconf/conformance/scenario"
	"github.com/clientconf/clientconf/fixtures"
)

// a0PublicKeyPEM is the PEM of fixture test key i (0 or 1): real RSA public keys, because a
// real tenant parses the PEM of public_key credentials. Two keys, for scenarios that need two
// credentials (the same PEM gives the same kid).
func a0PublicKeyPEM(s *scenario.S, i int) string {
	return a0Fixture(s, fmt.Sprintf("test-key-%d.pub.pem", i+1))
}

// a0CertPEM is the PEM of the fixture self-signed certificate (of test key 1).
func a0CertPEM(s *scenario.S) string { return a0Fixture(s, "test-key-1.cert.pem") }

func a0Fixture(s *scenario.S, name string) string {
	pem, err := fixtures.PEM(name)
	if err != nil {
		s.SuiteFatalf("%v", err)
	}
	return pem
}

// a0PublicKeyBody is a public_key credential definition with test key i.
func a0PublicKeyBody(s *scenario.S, i int) map[string]any {
	return map[string]any{"credential_type": "public_key", "name": s.Name("key"), "pem": a0PublicKeyPEM(s, i)}
}

// a0CreateCredential posts a credential as Main and requires 201 with an id.
func a0CreateCredential(s *scenario.S, clientID string, body map[string]any) *scenario.Response {
	s.T.Helper()
	r := s.Do(scenario.Main, http.MethodPost, a0Credentials(clientID), scenario.JSON(body)).Expect(http.StatusCreated)
	if r.String("/id") == "" {
		s.Fatalf(r, "credential id generated", "a non-empty id in the created credential", scenario.DescribeField(r.Field("/id")))
	}
	return r
}

// a0NewCredential creates a credential and returns its id.
func a0NewCredential(s *scenario.S, clientID string, body map[string]any) string {
	s.T.Helper()
	return a0CreateCredential(s, clientID, body).String("/id")
}

// a0CredentialIDs lists the ids of a client's credentials as Main.
func a0CredentialIDs(s *scenario.S, clientID string) (map[string]bool, *scenario.Response) {
	s.T.Helper()
	r := s.Do(scenario.Main, http.MethodGet, a0Credentials(clientID)).Expect(http.StatusOK)
	ids := map[string]bool{}
	list, ok := r.JSON().([]any)
	if !ok {
		s.Fatalf(r, "credentials list is an array", "a JSON array of credentials", "another JSON value")
	}
	for _, c := range a0Objects(list) {
		if id, ok := c["id"].(string); ok {
			ids[id] = true
		}
	}
	return ids, r
}

// a0SameInstant fails unless the field holds a date-time equal to want (the server normalises
// the zone and precision, so instants are compared, not strings).
func a0SameInstant(s *scenario.S, r *scenario.Response, pointer string, want time.Time) {
	s.T.Helper()
	got := scenario.ParseTime(r.String(pointer))
	if got.IsZero() || !got.Equal(want) {
		s.Errorf(r, pointer+" set", pointer+" = "+want.Format(time.RFC3339), scenario.DescribeField(r.Field(pointer)))
	}
}

// a0Expiry is a future expiry at whole seconds, in UTC.
func a0Expiry(days int) time.Time {
	return time.Now().UTC().Add(time.Duration(days) * 24 * time.Hour).Truncate(time.Second)
}

// a0CredentialScenarios: the credentials sub-resource (crud, enums, bad-request, not-found).
func a0CredentialScenarios() []scenario.Scenario {
	out := []scenario.Scenario{
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
	out = append(out, a0CredentialTypeScenarios()...)
	return append(out, a0CredentialErrorScenarios()...)
}

// a0CredentialTypeScenarios: each credential_type and alg value with the material it needs.
func a0CredentialTypeScenarios() []scenario.Scenario {
	types := []struct {
		value string
		body  func(s *scenario.S) map[string]any
	}{
		{"public_key", func(s *scenario.S) map[string]any { return a0PublicKeyBody(s, 0) }},
		{"cert_subject_dn", func(s *scenario.S) map[string]any {
			return map[string]any{"credential_type": "cert_subject_dn", "name": s.Name("dn"), "subject_dn": "CN=conformance.example.com,O=clientconf"}
		}},
		{"x509_cert", func(s *scenario.S) map[string]any {
			return map[string]any{"credential_type": "x509_cert", "name": s.Name("cert"), "pem": a0CertPEM(s)}
		}},
	}
	var out []scenario.Scenario
	for _, t := range types {
		out = append(out, scenario.Scenario{ID: "auth0/enums/credential/credential_type/" + t.value, Basis: scenario.Spec,
			Requirement: "createCredential accepts credential_type = " + t.value + " (with its key material) and echoes it.",
			Run: func(s *scenario.S) {
				r := a0CreateCredential(s, a0NewClient(s), t.body(s))
				scenario.RequireField(s, r, "/credential_type", t.value)
			}})
	}
	for _, alg := range []string{"RS256", "RS384", "PS256"} {
		out = append(out, scenario.Scenario{ID: "auth0/enums/credential/alg/" + alg, Basis: scenario.Spec,
			Requirement: "createCredential accepts a public_key credential with alg = " + alg + " and echoes it.",
			Run: func(s *scenario.S) {
				body := a0PublicKeyBody(s, 0)
				body["alg"] = alg
				r := a0CreateCredential(s, a0NewClient(s), body)
				scenario.RequireField(s, r, "/alg", alg)
			}})
	}
	bad := func(name, field string, value any, req string) scenario.Scenario {
		return scenario.Scenario{ID: "auth0/enums/credential/" + name, Basis: scenario.Spec, Requirement: req,
			Run: func(s *scenario.S) {
				body := a0PublicKeyBody(s, 0)
				body[field] = value
				s.Do(scenario.Main, http.MethodPost, a0Credentials(a0NewClient(s)), scenario.JSON(body)).Check(http.StatusBadRequest)
			}}
	}
	return append(out,
		bad("credential_type/invalid", "credential_type", "not-a-valid-credential_type", "createCredential rejects credential_type outside its enum with 400."),
		bad("credential_type/near-miss-private-key-jwt", "credential_type", "private_key_jwt", "createCredential rejects credential_type private_key_jwt (a method name, not a credential type) with 400."),
		bad("alg/invalid", "alg", "not-a-valid-alg", "createCredential rejects alg outside its enum with 400."),
		bad("alg/near-miss-hs256", "alg", "HS256", "createCredential rejects alg HS256 (a signing alg of clients, not of credentials) with 400."),
	)
}

// a0CredentialErrorScenarios: 400 and 404 answers of the credential operations.
func a0CredentialErrorScenarios() []scenario.Scenario {
	// badCreate: creating a credential with body gives 400.
	badCreate := func(body func(s *scenario.S) map[string]any) func(s *scenario.S) {
		return func(s *scenario.S) {
			s.Do(scenario.Main, http.MethodPost, a0Credentials(a0NewClient(s)), scenario.JSON(body(s))).Check(http.StatusBadRequest)
		}
	}
	// badPatch: a PATCH of a new credential with body gives 400.
	badPatch := func(body any) func(s *scenario.S) {
		return func(s *scenario.S) {
			client := a0NewClient(s)
			id := a0NewCredential(s, client, a0PublicKeyBody(s, 0))
			s.Do(scenario.Main, http.MethodPatch, a0Credential(client, id), scenario.JSON(body)).Check(http.StatusBadRequest)
		}
	}
	without := func(key string, body func(s *scenario.S) map[string]any) func(s *scenario.S) map[string]any {
		return func(s *scenario.S) map[string]any { b := body(s); delete(b, key); return b }
	}
	x509 := func(s *scenario.S) map[string]any {
		return map[string]any{"credential_type": "x509_cert", "name": s.Name("cert"), "pem": a0CertPEM(s)}
	}
	out := []scenario.Scenario{
		{ID: "auth0/bad-request/credential-type-required", Basis: scenario.Spec,
			Requirement: "A credential without credential_type gives 400.",
			Run:         badCreate(without("credential_type", func(s *scenario.S) map[string]any { return a0PublicKeyBody(s, 0) }))},
		{ID: "auth0/bad-request/credential-public-key-needs-pem", Basis: scenario.Spec,
			Requirement: "A public_key credential without pem gives 400.",
			Run:         badCreate(without("pem", func(s *scenario.S) map[string]any { return a0PublicKeyBody(s, 0) }))},
		{ID: "auth0/bad-request/credential-x509-needs-pem", Basis: scenario.Spec,
			Requirement: "An x509_cert credential without pem gives 400.",
			Run:         badCreate(without("pem", x509))},
		{ID: "auth0/bad-request/credential-subject-dn-and-pem", Basis: scenario.Spec,
			Requirement: "A cert_subject_dn credential with both subject_dn and pem gives 400 (one or the other).",
			Run: badCreate(func(s *scenario.S) map[string]any {
				return map[string]any{"credential_type": "cert_subject_dn", "subject_dn": "CN=conformance.example.com", "pem": a0CertPEM(s)}
			})},
		{ID: "auth0/bad-request/credential-unknown-key", Basis: scenario.Spec,
			Requirement: "A credential body with a key the schema does not list gives 400.",
			Run: badCreate(func(s *scenario.S) map[string]any {
				b := a0PublicKeyBody(s, 0)
				b["x_conformance_unknown"] = "x"
				return b
			})},
		{ID: "auth0/bad-request/credential-name-wrong-type", Basis: scenario.Spec,
			Requirement: "A credential name that is not a string gives 400.",
			Run:         badCreate(func(s *scenario.S) map[string]any { b := a0PublicKeyBody(s, 0); b["name"] = 12345; return b })},
		{ID: "auth0/bad-request/credential-patch-bad-date", Basis: scenario.Spec,
			Requirement: "PATCH of a credential with expires_at that is not a date-time gives 400.",
			Run:         badPatch(map[string]any{"expires_at": "next tuesday"})},
		{ID: "auth0/bad-request/credential-patch-unknown-key", Basis: scenario.Spec,
			Requirement: "PATCH of a credential with a key other than expires_at gives 400.",
			Run:         badPatch(map[string]any{"name": "renamed"})},
	}
	// nf: the exchange run sends gives 404.
	nf := func(run func(s *scenario.S) *scenario.Response) func(s *scenario.S) {
		return func(s *scenario.S) { run(s).Check(http.StatusNotFound) }
	}
	exp := map[string]any{"expires_at": nil}
	return append(out,
		scenario.Scenario{ID: "auth0/not-found/credentials-list-unknown-client", Basis: scenario.Documented,
			Requirement: "Listing the credentials of an unknown client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				return s.Do(scenario.Main, http.MethodGet, a0Credentials(a0UnknownClientID))
			})},
		scenario.Scenario{ID: "auth0/not-found/credentials-list-deleted-client", Basis: scenario.Documented,
			Requirement: "Listing the credentials of a deleted client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				id := a0NewClient(s)
				s.Do(scenario.Main, http.MethodDelete, a0Client(id)).Expect(http.StatusNoContent)
				return s.Do(scenario.Main, http.MethodGet, a0Credentials(id))
			})},
		scenario.Scenario{ID: "auth0/not-found/credential-create-unknown-client", Basis: scenario.Documented,
			Requirement: "Creating a credential under an unknown client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				return s.Do(scenario.Main, http.MethodPost, a0Credentials(a0UnknownClientID), scenario.JSON(a0PublicKeyBody(s, 0)))
			})},
		scenario.Scenario{ID: "auth0/not-found/credential-get-unknown-client", Basis: scenario.Documented,
			Requirement: "Reading a credential under an unknown client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				return s.Do(scenario.Main, http.MethodGet, a0Credential(a0UnknownClientID, a0UnknownCredentialID))
			})},
		scenario.Scenario{ID: "auth0/not-found/credential-patch-unknown-client", Basis: scenario.Documented,
			Requirement: "PATCH of a credential under an unknown client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				return s.Do(scenario.Main, http.MethodPatch, a0Credential(a0UnknownClientID, a0UnknownCredentialID), scenario.JSON(exp))
			})},
		scenario.Scenario{ID: "auth0/not-found/credential-get-unknown-id", Basis: scenario.Documented,
			Requirement: "Reading an unknown credential id of an existing client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				return s.Do(scenario.Main, http.MethodGet, a0Credential(a0NewClient(s), a0UnknownCredentialID))
			})},
		scenario.Scenario{ID: "auth0/not-found/credential-patch-unknown-id", Basis: scenario.Documented,
			Requirement: "PATCH of an unknown credential id of an existing client gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				return s.Do(scenario.Main, http.MethodPatch, a0Credential(a0NewClient(s), a0UnknownCredentialID), scenario.JSON(exp))
			})},
		scenario.Scenario{ID: "auth0/not-found/credential-get-after-delete", Basis: scenario.Documented,
			Requirement: "Reading a deleted credential gives 404.",
			Run: nf(func(s *scenario.S) *scenario.Response {
				client := a0NewClient(s)
				id := a0NewCredential(s, client, a0PublicKeyBody(s, 0))
				s.Do(scenario.Main, http.MethodDelete, a0Credential(client, id)).Expect(http.StatusNoContent)
				return s.Do(scenario.Main, http.MethodGet, a0Credential(client, id))
			})},
	)
}
