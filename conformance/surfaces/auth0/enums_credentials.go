package auth0

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

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
