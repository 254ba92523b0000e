package conformance_test

import (
	"strings"
	"testing"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/reftarget"
	"github.com/clientconf/clientconf/reference"
)

// TestFaultsCaught proves the suite can fail: against the reference server with each fault
// switch on, at least one scenario of the fault's category must fail, and none may end in a
// suite error.
func TestFaultsCaught(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the suite once per fault switch")
	}
	su, err := conformance.NewSuite()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range reference.Faults() {
		t.Run(f.Name, func(t *testing.T) {
			t.Parallel()
			target, err := reftarget.Start(t.Cleanup, reftarget.Options{Faults: []string{f.Name}, Surfaces: []string{f.Surface}})
			if err != nil {
				t.Fatal(err)
			}
			results, err := su.Collect(t.Context(), target, func(sc conformance.Scenario) bool {
				return sc.Category() == f.Category
			})
			if err != nil {
				t.Fatalf("suite could not run against fault %s: %v", f.Name, err)
			}
			var caught, suiteErrors []string
			for _, r := range results {
				switch r.Outcome {
				case conformance.Failed:
					caught = append(caught, r.ID)
				case conformance.Errored:
					suiteErrors = append(suiteErrors, r.ID+": "+strings.Join(r.Messages, " | "))
				}
			}
			if len(suiteErrors) > 0 {
				t.Errorf("fault %s made %d scenarios end in a suite error (a fault must read as non-conformance):\n%s",
					f.Name, len(suiteErrors), strings.Join(suiteErrors, "\n"))
			}
			if len(caught) == 0 {
				t.Errorf("fault %s (%s) is caught by none of the %d %s/%s scenarios", f.Name, f.Description, len(results), f.Surface, f.Category)
				return
			}
			t.Logf("caught by %d of %d %s scenarios, e.g. %s", len(caught), len(results), f.Category, caught[0])
		})
	}
}
