package auth0

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0CredentialBadRequestScenarios: 400 answers of the credential operations (create and PATCH).
func a0CredentialBadRequestScenarios() []scenario.Scenario {
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
	return []scenario.Scenario{
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
}
