package conformance

import "github.com/clientconf/clientconf/conformance/contract"

// applicationsScenarios is the full table of the applications surface.
func applicationsScenarios(sp *contract.Spec) []Scenario { return nil }
