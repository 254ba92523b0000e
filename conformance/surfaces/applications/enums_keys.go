package applications

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// enumKeyScenarios: the status enum of a signing key PUT, one scenario per value and one outside it.
func enumKeyScenarios() []scenario.Scenario {
	out := []scenario.Scenario{
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
