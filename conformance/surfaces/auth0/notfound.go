package auth0

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0NotFoundScenarios: unknown and deleted client ids on GET, PATCH and rotate.
func a0NotFoundScenarios() []scenario.Scenario {
	type call struct {
		unknownID, afterDeleteID string // scenario IDs
		name, method             string
		path                     func(id string) string
		body                     map[string]any
	}
	calls := []call{
		{"auth0/not-found/get-unknown-id", "auth0/not-found/get-after-delete", "get", http.MethodGet, a0Client, nil},
		{"auth0/not-found/patch-unknown-id", "auth0/not-found/patch-after-delete", "patch", http.MethodPatch, a0Client, map[string]any{"description": "x"}},
		{"auth0/not-found/rotate-unknown-id", "auth0/not-found/rotate-after-delete", "rotate", http.MethodPost, a0Rotate, nil},
	}
	// The contract names errorCode inexistent_client for GET and PATCH; for rotate it says
	// nothing, so there only the 404 is checked.
	codeNote := func(name string) string {
		if name == "rotate" {
			return ""
		}
		return " with errorCode inexistent_client"
	}
	var out []scenario.Scenario
	for _, c := range calls {
		opts := func() []scenario.Opt {
			if c.body == nil {
				return nil
			}
			return []scenario.Opt{scenario.JSON(c.body)}
		}
		out = append(out,
			scenario.Scenario{ID: c.unknownID, Basis: scenario.Documented,
				Requirement: c.method + " " + c.path("{id}") + " of a client id that never existed gives 404" + codeNote(c.name) + ".",
				Run: func(s *scenario.S) {
					r := s.Do(scenario.Main, c.method, c.path(a0UnknownClientID), opts()...)
					if r.Check(http.StatusNotFound) && c.name != "rotate" {
						a0ErrorCode(s, r, "inexistent_client")
					}
				}},
			scenario.Scenario{ID: c.afterDeleteID, Basis: scenario.Documented,
				Requirement: c.method + " " + c.path("{id}") + " of a deleted client gives 404" + codeNote(c.name) + ".",
				Run: func(s *scenario.S) {
					id := a0NewClient(s)
					s.Do(scenario.Main, http.MethodDelete, a0Client(id)).Expect(http.StatusNoContent)
					r := s.Do(scenario.Main, c.method, c.path(id), opts()...)
					if r.Check(http.StatusNotFound) && c.name != "rotate" {
						a0ErrorCode(s, r, "inexistent_client")
					}
				}})
	}
	return out
}
