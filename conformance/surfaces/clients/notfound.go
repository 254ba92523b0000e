package clients

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// clientNotFoundScenarios: unknown and deleted client ids on every item operation.
func clientNotFoundScenarios(a ClientAPI) []scenario.Scenario {
	type call struct {
		unknownID, afterDeleteID string // scenario IDs
		method, suffix           string
		body                     scenario.Opt
	}
	calls := []call{
		{"clients/not-found/get-unknown-id", "clients/not-found/get-after-delete", http.MethodGet, "", nil},
		{"clients/not-found/put-unknown-id", "clients/not-found/put-after-delete", http.MethodPut, "", scenario.JSON(map[string]any{"description": "x"})},
		{"clients/not-found/delete-unknown-id", "clients/not-found/delete-after-delete", http.MethodDelete, "", nil},
		{"clients/not-found/resources-unknown-id", "clients/not-found/resources-after-delete", http.MethodPut, "/resources",
			scenario.JSON(map[string]any{"resource_ids": []any{"res-a"}})},
	}
	var out []scenario.Scenario
	for _, c := range calls {
		opts := func() []scenario.Opt {
			if c.body == nil {
				return nil
			}
			return []scenario.Opt{c.body}
		}
		out = append(out,
			scenario.Scenario{ID: a.id(c.unknownID), Basis: scenario.Spec,
				Requirement: c.method + " " + c.suffix + " of a client id that never existed gives 404.",
				Run: func(s *scenario.S) {
					s.Do(scenario.Main, c.method, a.item(s, scenario.Main, unknownClientID)+c.suffix, opts()...).Check(http.StatusNotFound)
				}},
			scenario.Scenario{ID: a.id(c.afterDeleteID), Basis: scenario.Documented,
				Requirement: c.method + " " + c.suffix + " of a deleted client gives 404.",
				Run: func(s *scenario.S) {
					id, _ := a.CreateMinimal(s)
					s.Do(scenario.Main, http.MethodDelete, a.item(s, scenario.Main, id)).Expect(http.StatusNoContent)
					s.Do(scenario.Main, c.method, a.item(s, scenario.Main, id)+c.suffix, opts()...).Check(http.StatusNotFound)
				}})
	}
	return out
}
