package conformance_test

import (
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/reftarget"
	"github.com/clientconf/clientconf/reference"
)

// TestFaultsCaught proves the suite can fail, in both directions:
//   - against the reference server with each fault switch on, at least one scenario of the
//     fault's surface and category fails, and none ends in a suite error;
//   - every scenario fails against at least one fault switch, so none is a check that
//     cannot fail.
func TestFaultsCaught(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole suite once per fault switch")
	}
	su, err := conformance.NewSuite()
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	caughtBy := map[string][]string{} // scenario ID → faults it caught
	t.Run("faults", func(t *testing.T) {
		for _, f := range reference.Faults() {
			t.Run(f.Name, func(t *testing.T) {
				t.Parallel()
				failed := runAgainstFault(t, su, f.Name)
				mu.Lock()
				for _, id := range failed {
					caughtBy[id] = append(caughtBy[id], f.Name)
				}
				mu.Unlock()
				var own []string
				for _, id := range failed {
					if strings.HasPrefix(id, f.Surface+"/"+f.Category+"/") {
						own = append(own, id)
					}
				}
				if len(own) == 0 {
					t.Errorf("fault %s (%s) is caught by no %s/%s scenario", f.Name, f.Description, f.Surface, f.Category)
					return
				}
				t.Logf("caught by %d %s/%s scenarios, e.g. %s", len(own), f.Surface, f.Category, own[0])
			})
		}
	})
	if t.Failed() {
		return
	}
	var never []string
	for _, surface := range []string{"clients", "applications", "auth0"} {
		for _, sc := range su.Scenarios(surface) {
			if len(caughtBy[sc.ID]) == 0 {
				never = append(never, sc.ID)
			}
		}
	}
	sort.Strings(never)
	if len(never) > 0 {
		t.Errorf("%d scenarios fail against no fault switch (add a fault that breaks their rule):\n%s", len(never), strings.Join(never, "\n"))
	}
}

// runAgainstFault runs every scenario of every surface against a reference server with one
// fault switch on, and returns the IDs of the scenarios that failed. A suite error fails t:
// a broken rule must read as non-conformance.
func runAgainstFault(t *testing.T, su *conformance.Suite, fault string) []string {
	t.Helper()
	target, err := reftarget.Start(t.Cleanup, reftarget.Options{Faults: []string{fault}})
	if err != nil {
		t.Fatal(err)
	}
	results, err := su.Collect(t.Context(), target, nil)
	if err != nil {
		t.Fatalf("suite could not run against fault %s: %v", fault, err)
	}
	var failed, suiteErrors []string
	for _, r := range results {
		switch r.Outcome {
		case conformance.Failed:
			failed = append(failed, r.ID)
		case conformance.Errored:
			suiteErrors = append(suiteErrors, r.ID+": "+strings.Join(r.Messages, " | "))
		}
	}
	if len(suiteErrors) > 0 {
		t.Errorf("fault %s made %d scenarios end in a suite error:\n%s", fault, len(suiteErrors), strings.Join(suiteErrors, "\n"))
	}
	return failed
}
