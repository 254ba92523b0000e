package applications

import (
	"net/http"
	"net/url"

	"github.com/clientconf/clientconf/conformance/scenario"
)

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

// signingKeyScenarios: keys belong to the token's app; create/upload 201, PUT name/status,
// DELETE 204, unknown id 404, duplicate name 409.
func signingKeyScenarios() []scenario.Scenario {
	out := []scenario.Scenario{
		{ID: "applications/crud/key-lifecycle", Basis: scenario.Assumed,
			Requirement: "A signing key is created (201, status validating, source mosaic), listed, updated and deleted; afterwards PUT and DELETE give 404.",
			Run: func(s *scenario.S) {
				r := createKey(s, scenario.Main)
				id := r.String("/id")
				scenario.RequireField(s, r, "/status", "validating")
				scenario.RequireField(s, r, "/source", "mosaic")
				scenario.RequireField(s, r, "/app_id", s.AppID(scenario.Main))
				if l := s.Do(scenario.Main, http.MethodGet, keysPath).Expect(http.StatusOK); !keyIDsIn(l)[id] {
					s.Errorf(l, "list contains the new key", "id "+id+" listed", "not listed")
				}
				newName := s.Name("key-renamed")
				u := s.Do(scenario.Main, http.MethodPut, keyPath(id), scenario.JSON(map[string]any{"name": newName, "status": "disabled"})).Expect(http.StatusOK)
				scenario.RequireField(s, u, "/name", newName)
				scenario.RequireField(s, u, "/status", "disabled")
				s.Do(scenario.Main, http.MethodDelete, keyPath(id)).Expect(http.StatusNoContent)
				if l := s.Do(scenario.Main, http.MethodGet, keysPath).Expect(http.StatusOK); keyIDsIn(l)[id] {
					s.Errorf(l, "deleted key not listed", "no "+id, "still listed")
				}
				s.Do(scenario.Main, http.MethodPut, keyPath(id), scenario.JSON(map[string]any{"name": s.Name("gone")})).Check(http.StatusNotFound)
				s.Do(scenario.Main, http.MethodDelete, keyPath(id)).Check(http.StatusNotFound)
			}},
		{ID: "applications/crud/key-upload", Basis: scenario.Assumed,
			Requirement: "An uploaded key (name and jwk) is created with 201, source uploaded and status validating.",
			Run: func(s *scenario.S) {
				r := s.Do(scenario.Main, http.MethodPost, keysPath+"/upload", scenario.JSON(map[string]any{"name": s.Name("uploaded"), "jwk": testJWK})).Expect(http.StatusCreated)
				scenario.RequireField(s, r, "/source", "uploaded")
				scenario.RequireField(s, r, "/status", "validating")
			}},
		{ID: "applications/conflict/duplicate-key-name", Basis: scenario.Assumed,
			Requirement: "A second signing key with the same name gives 409.",
			Run: func(s *scenario.S) {
				first := createKey(s, scenario.Main)
				s.Do(scenario.Main, http.MethodPost, keysPath, scenario.JSON(map[string]any{"name": first.String("/name")})).Check(http.StatusConflict)
			}},
		{ID: "applications/conflict/duplicate-key-name-upload", Basis: scenario.Assumed,
			Requirement: "Uploading a key with the name of an existing key gives 409.",
			Run: func(s *scenario.S) {
				first := createKey(s, scenario.Main)
				s.Do(scenario.Main, http.MethodPost, keysPath+"/upload", scenario.JSON(map[string]any{"name": first.String("/name"), "jwk": testJWK})).Check(http.StatusConflict)
			}},
		{ID: "applications/not-found/key-unknown-id", Basis: scenario.Assumed,
			Requirement: "PUT and DELETE of a signing key id that does not exist give 404.",
			Run: func(s *scenario.S) {
				s.Do(scenario.Main, http.MethodPut, keyPath("ccs-no-such-key-0000"), scenario.JSON(map[string]any{"name": s.Name("x")})).Check(http.StatusNotFound)
				s.Do(scenario.Main, http.MethodDelete, keyPath("ccs-no-such-key-0000")).Check(http.StatusNotFound)
			}},
		{ID: "applications/permissions/other-app-key-invisible", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Other},
			Requirement: "Signing keys belong to the token's app: another app's key is not listed, and PUT/DELETE of it give 404.",
			Run: func(s *scenario.S) {
				other := createKey(s, scenario.Other).String("/id")
				if l := s.Do(scenario.Main, http.MethodGet, keysPath).Expect(http.StatusOK); keyIDsIn(l)[other] {
					s.Errorf(l, "other app's key not listed", "no "+other, "listed")
				}
				s.Do(scenario.Main, http.MethodPut, keyPath(other), scenario.JSON(map[string]any{"status": "disabled"})).Check(http.StatusNotFound)
				// The key staying is the context's read-back, as its owner, after the refused DELETE.
				s.Do(scenario.Main, http.MethodDelete, keyPath(other)).Check(http.StatusNotFound)
			}},
		{ID: "applications/permissions/admin-token-keys-403", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Admin},
			Requirement: "Signing keys act on the token's own app, so an admin token gets 403.",
			Run: func(s *scenario.S) {
				s.Do(scenario.Admin, http.MethodGet, keysPath).Check(http.StatusForbidden)
				s.Do(scenario.Admin, http.MethodPost, keysPath, scenario.JSON(map[string]any{"name": s.Name("admin-key")})).Check(http.StatusForbidden)
				id := createKey(s, scenario.Main).String("/id")
				s.Do(scenario.Admin, http.MethodPut, keyPath(id), scenario.JSON(map[string]any{"status": "disabled"})).Check(http.StatusForbidden)
				// The key staying is the context's read-back after the refused DELETE (postcheck.go).
				s.Do(scenario.Admin, http.MethodDelete, keyPath(id)).Check(http.StatusForbidden)
			}},
		{ID: "applications/enums/key/status/invalid", Basis: scenario.Spec,
			Requirement: "PUT of a signing key with status outside signing|disabled|validating gives 400.",
			Run: func(s *scenario.S) {
				id := createKey(s, scenario.Main).String("/id")
				s.Do(scenario.Main, http.MethodPut, keyPath(id), scenario.JSON(map[string]any{"status": "active"})).Check(http.StatusBadRequest)
			}},
	}
	for _, status := range []string{"signing", "disabled", "validating"} {
		out = append(out, scenario.Scenario{ID: "applications/enums/key/status/" + status, Basis: scenario.Spec,
			Requirement: "PUT of a signing key accepts status " + status + " and echoes it.",
			Run: func(s *scenario.S) {
				id := createKey(s, scenario.Main).String("/id")
				r := s.Do(scenario.Main, http.MethodPut, keyPath(id), scenario.JSON(map[string]any{"status": status})).Expect(http.StatusOK)
				scenario.RequireField(s, r, "/status", status)
			}})
	}
	return out
}
