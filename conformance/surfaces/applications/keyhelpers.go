package applications

import (
	"net/http"
	"net/url"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// Helpers of the signing key scenarios, whatever their category: paths, a test JWK, creating
// a key and the ids of key lists.

const keysPath = "/v1/applications/signing-keys"

// testJWK is a public RSA key in JWK form, for uploads (no private part: nothing secret).
var testJWK = map[string]any{"kty": "RSA", "e": "AQAB", "use": "sig", "alg": "RS256", "kid": "ccs-test-key",
	"n": "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw"}

func keyPath(id string) string { return keysPath + "/" + url.PathEscape(id) }

// createKey creates a signing key as role and requires 201.
func createKey(s *scenario.S, role scenario.Role) *scenario.Response {
	s.T.Helper()
	r := s.Do(role, http.MethodPost, keysPath, scenario.JSON(map[string]any{"name": s.Name("key")})).Expect(http.StatusCreated)
	if r.String("/id") == "" {
		s.Fatalf(r, "key id present", "a non-empty id in the created key", "none")
	}
	return r
}

// keyIDsIn returns the ids of a signing key list response.
func keyIDsIn(r *scenario.Response) map[string]bool {
	ids := map[string]bool{}
	list, _ := r.Object().([]any)
	for _, item := range list {
		if m, ok := item.(map[string]any); ok {
			if id, ok := m["id"].(string); ok {
				ids[id] = true
			}
		}
	}
	return ids
}
