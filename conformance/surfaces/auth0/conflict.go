package auth0

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0ConflictScenarios: client_aliases are unique among existing clients on create.
func a0ConflictScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "auth0/conflict/alias-overlap-on-create", Basis: scenario.Documented,
			Requirement: "A create whose client_aliases overlap another existing client's gives 409.",
			Run: func(s *scenario.S) {
				shared := s.Name("alias")
				a0Create(s, a0With(s, map[string]any{"client_aliases": []any{s.Name("alias"), shared}}))
				s.Do(scenario.Main, http.MethodPost, "/clients", scenario.JSON(a0With(s, map[string]any{
					"client_aliases": []any{shared, s.Name("alias")}}))).Check(http.StatusConflict)
			}},
		{ID: "auth0/conflict/distinct-aliases-allowed", Basis: scenario.Documented,
			Requirement: "Clients whose client_aliases do not overlap are created (201) and keep their aliases.",
			Run: func(s *scenario.S) {
				a0Create(s, a0With(s, map[string]any{"client_aliases": []any{s.Name("alias")}}))
				aliases := []any{s.Name("alias"), s.Name("alias")}
				_, r := a0Create(s, a0With(s, map[string]any{"client_aliases": aliases}))
				a0RequireHolds(s, r, "client_aliases", aliases)
			}},
		{ID: "auth0/conflict/aliases-free-after-delete", Basis: scenario.Documented,
			Requirement: "The client_aliases of a deleted client are free again: a new client may use them (201).",
			Run: func(s *scenario.S) {
				alias := s.Name("alias")
				id, _ := a0Create(s, a0With(s, map[string]any{"client_aliases": []any{alias}}))
				s.Do(scenario.Main, http.MethodDelete, a0Client(id)).Expect(http.StatusNoContent)
				a0Create(s, a0With(s, map[string]any{"client_aliases": []any{alias}}))
			}},
		{ID: "auth0/conflict/alias-overlap-on-patch", Basis: scenario.Documented,
			Requirement: "A PATCH whose client_aliases overlap another client's gives 200 or 409 (left open by the contract).",
			Run: func(s *scenario.S) {
				shared := s.Name("alias")
				a0Create(s, a0With(s, map[string]any{"client_aliases": []any{shared}}))
				id := a0NewClient(s)
				r := s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{"client_aliases": []any{shared}}))
				if r.Check(http.StatusOK, http.StatusConflict) {
					s.Observe("patch-overlapping-aliases", "overlapping client_aliases on PATCH answered %d (200 and 409 are both allowed)", r.Status)
				}
			}},
	}
}
