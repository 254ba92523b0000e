package conformance_test

import (
	"testing"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/reftarget"
)

// TestRejectedWritesReadBack: a target that answers a write with 409 or 403 but performs it is
// caught by the context's read-back (scenario/postcheck.go), under the post-condition's rule,
// in the scenarios that make such writes without reading back themselves.
func TestRejectedWritesReadBack(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the suite once per case")
	}
	su, err := conformance.NewSuite()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		fault, scenario, rule string
	}{
		{"clients/conflict/created-despite-409", "clients/conflict/duplicate-name", "clients/conflict/duplicate-name: rejected-write/not-created"},
		{"clients/permissions/update-despite-403", "clients/permissions/read-only/updateClient", "clients/permissions/read-only/updateClient: rejected-write/unchanged"},
		{"clients/permissions/delete-despite-403", "applications/permissions/no-permission/deleteAppClient", "applications/permissions/no-permission/deleteAppClient: rejected-write/not-deleted"},
		{"applications/conflict/app-created-despite-409", "applications/conflict/duplicate-app-name", "applications/conflict/duplicate-app-name: rejected-write/not-created"},
		{"auth0/conflict/created-despite-409", "auth0/conflict/alias-overlap-on-create", "auth0/conflict/alias-overlap-on-create: rejected-write/not-created"},
		{"auth0/permissions/update-despite-403", "auth0/permissions/read-scope-cannot-write", "auth0/permissions/read-scope-cannot-write: rejected-write/unchanged"},
		{"auth0/permissions/delete-despite-403", "auth0/permissions/read-only/deleteClient", "auth0/permissions/read-only/deleteClient: rejected-write/not-deleted"},
	}
	for _, c := range cases {
		t.Run(c.fault, func(t *testing.T) {
			target, err := reftarget.Start(t.Cleanup, reftarget.Options{Faults: []string{c.fault}})
			if err != nil {
				t.Fatal(err)
			}
			results, err := su.Collect(t.Context(), target, func(sc conformance.Scenario) bool { return sc.ID == c.scenario })
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range results {
				if r.ID != c.scenario {
					continue
				}
				for _, f := range r.Failures {
					if f.Rule == c.rule {
						return
					}
				}
				t.Fatalf("%s: outcome %s, no failure under %s; messages: %v", r.ID, r.Outcome, c.rule, r.Messages)
			}
			t.Fatalf("%s did not run", c.scenario)
		})
	}
}
