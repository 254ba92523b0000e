// Package conformance is the suite's public API: Run(t, target) checks a target (a vendor
// sandbox, a mock, the reference server) against the contract and the specs, the way
// testing/fstest.TestFS checks a file system. The work is done below it: conformance/engine
// runs scenarios, conformance/scenario is the API scenarios are written against, and
// conformance/surfaces/* hold the catalogues, registered in surfaces.go.
package conformance

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/clientconf/clientconf/conformance/engine"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// Names of the engine and the scenario API that callers of the suite use.
type (
	Target      = engine.Target
	Suite       = engine.Suite
	Surface     = engine.Surface
	TokenSource = engine.TokenSource
	Result      = engine.Result
	Outcome     = engine.Outcome
	Role        = scenario.Role
	Basis       = scenario.Basis
	Scenario    = scenario.Scenario
	SkipReason  = scenario.SkipReason
	Failure     = scenario.Failure
)

// Roles, bases, outcomes, skip reasons, failure kinds, transcript purposes and vendors.
const (
	Main     = scenario.Main
	ReadOnly = scenario.ReadOnly
	NoPerm   = scenario.NoPerm
	Other    = scenario.Other
	Admin    = scenario.Admin

	AppScoped = scenario.AppScoped

	Spec       = scenario.Spec
	Documented = scenario.Documented
	Assumed    = scenario.Assumed

	Skipped = engine.Skipped
	Passed  = engine.Passed
	Failed  = engine.Failed
	Errored = engine.Errored

	NotConfigured  = scenario.NotConfigured
	DestructiveOff = scenario.DestructiveOff
	BasisOff       = scenario.BasisOff
	NotApplicable  = scenario.NotApplicable
	NotStarted     = scenario.NotStarted

	KindStatus = scenario.KindStatus

	PurposeScenario  = scenario.PurposeScenario
	PurposeCleanup   = scenario.PurposeCleanup
	PurposePreflight = scenario.PurposePreflight

	Transmit = engine.Transmit
	Auth0    = engine.Auth0
)

// Categories lists the scenario categories; the second segment of every scenario ID.
func Categories() []string { return scenario.Categories() }

// NewSuite loads the specs and catalogues of the given surfaces (every surface when none is
// given), in report order.
func NewSuite(ids ...string) (*Suite, error) {
	for _, id := range ids {
		if _, ok := SurfaceByID(id); !ok {
			return nil, fmt.Errorf("unknown surface %q (known: %s)", id, strings.Join(SurfaceIDs(), ", "))
		}
	}
	var picked []Surface
	for _, s := range Surfaces() {
		if len(ids) == 0 || slices.Contains(ids, s.ID) {
			picked = append(picked, s)
		}
	}
	return engine.NewSuite(picked)
}

// Run checks target with `go test`: one subtest per scenario, named by its ID, with the
// scenario's attributes (docs/results-format.md) attached.
func Run(t *testing.T, target Target) {
	t.Helper()
	su, err := NewSuite(target.Surfaces()...)
	if err != nil {
		t.Fatalf("%s could not load the specs: %v", scenario.SuiteErrorPrefix, err)
	}
	su.Run(t, target)
}
