package conformance

import "github.com/clientconf/clientconf/conformance/contract"

// scenariosFor builds the scenario table of a surface from its spec and hand-written tables.
func scenariosFor(surface string, sp *contract.Spec) []Scenario {
	switch surface {
	case "clients":
		return clientsScenarios(sp)
	case "applications":
		return applicationsScenarios(sp)
	case "auth0":
		return auth0Scenarios(sp)
	}
	return nil
}
