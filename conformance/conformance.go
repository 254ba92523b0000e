// Package conformance is the suite's public API: Run(t, target) checks a target (a vendor
// sandbox, a mock, the reference server) against the contract and the specs, the way
// testing/fstest.TestFS checks a file system. The work is done below it: conformance/engine
// runs scenarios, conformance/scenario is the API scenarios are written against, and
// conformance/surfaces/* hold the catalogues, registered in surfaces.go.
//
// # Calling it from your own tests
//
//	func TestMyMock(t *testing.T) {
//		conformance.Run(t, conformance.Target{
//			Name:     "my mock",
//			BaseURLs: map[string]string{"clients": "https://mock.example/cis"},
//			Tokens:   map[conformance.Role]string{conformance.Main: os.Getenv("MOCK_TOKEN")},
//		})
//	}
//
// Each scenario is a subtest named by its ID (clients/crud/create-then-get, …) with its
// attributes (docs/results-format.md). Suite.Collect runs the same scenarios without a
// testing.T and returns their results (see the examples).
//
// # What a Target needs
//
// BaseURLs has one entry per surface to check, keyed by surface id ("clients",
// "applications", "auth0"; see SurfaceIDs), each the API's base URL with its base path
// (…/cis for Transmit, …/api/v2 for Auth0); a trailing slash is trimmed. Roles are given as
// fixed tokens in Tokens, or as TokenSources (e.g. tokens.ClientCredentials) that fetch them:
//
//   - Main (required): an app's token with full client permissions. Every scenario uses it.
//   - ReadOnly: read permission only. Without it the read-only permission scenarios
//     (…/permissions/read-only/…, writes refused to a reader) are skipped, on every surface.
//   - NoPerm: a valid token without client permissions. Without it the no-permission
//     scenarios (…/permissions/no-permission/…) are skipped, on every surface.
//   - Other: a second app's token (and OtherAppID), for the isolation scenarios between apps
//     (Transmit: clients and applications).
//   - Admin: a tenant (admin) token, for the application management scenarios (most of the
//     applications surface).
//   - AppScoped: a client token of Main's app whose only permissions are app-scoped
//     ("<its appId>:read", "<another appId>:edit"), for the rule that they count for that app
//     only (Transmit).
//
// A scenario whose role is missing is skipped with reason not-configured, never passed. So are
// destructive scenarios (collection deletes) unless AllowDestructive is set, the scenarios of
// a basis in SkipBasis, and (Auth0) the scenarios about one scope among several unless
// ScopedTokens can mint such tokens. AppID names the main token's app where the target cannot
// tell it.
//
// # Validation and setup
//
// Before anything is sent, the target is validated (Target.Validate): unknown surface keys,
// relative base URLs, a missing main role or unknown role keys are errors naming the Target
// field. Then, before any scenario, the setup is checked with harmless requests: the target
// answers, the base path is right (the list is not a 404), every configured role's token is
// accepted and holds what the role needs (main reads and may create, checked with a create
// body that cannot create; read-only reads; no-permission is refused; other-app sees an app
// of its own). A mistake there ends the run as a suite error (a *SetupError, exit status 2
// in the reports) with one message, not as a list of vendor failures. For a target read from
// CONFORMANCE_* variables (ConfigFromEnv, TargetFromConfig) the messages name the variables.
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
	SetupError  = engine.SetupError
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
	target, err := target.Validate(SurfaceIDs())
	if err != nil {
		t.Fatalf("%s %v", scenario.SuiteErrorPrefix, err)
	}
	su, err := NewSuite(target.Surfaces()...)
	if err != nil {
		t.Fatalf("%s could not load the specs: %v", scenario.SuiteErrorPrefix, err)
	}
	su.Run(t, target)
}
