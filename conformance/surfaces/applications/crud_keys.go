package applications

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// crudKeyScenarios: signing keys belong to the token's app; create and upload 201, PUT name/status, DELETE 204.
func crudKeyScenarios() []scenario.Scenario {
	return []scenario.Scenario{
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
	}
}
