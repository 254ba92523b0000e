package conformance_test

import (
	"context"
	"fmt"
	"maps"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference"
)

// A test of your own that checks a vendor sandbox or your mock: one subtest per scenario,
// named by its ID, failing with the rule that broke. The tokens come from wherever your test
// keeps secrets; Run never prints them.
func ExampleRun() {
	testMyMock := func(t *testing.T, baseURL, mainToken, readOnlyToken, noPermToken string) {
		conformance.Run(t, conformance.Target{
			Name:     "my mock",
			BaseURLs: map[string]string{"clients": baseURL + "/cis"}, // one entry per surface to check
			Tokens: map[conformance.Role]string{
				conformance.Main:     mainToken,     // required: full client permissions on its app
				conformance.ReadOnly: readOnlyToken, // optional: read permission only
				conformance.NoPerm:   noPermToken,   // optional: valid, no client permission
				// Other (a second app's token) and Admin (a tenant token) left out: the
				// scenarios that need them are skipped with reason not-configured.
			},
		})
	}
	_ = testMyMock // in a _test.go file: func TestMyMock(t *testing.T) { testMyMock(t, …) }
}

// Without a testing.T, Suite.Collect runs the same scenarios and returns their results:
// here the crud and permissions scenarios of the clients surface against the reference server, with the
// main role only. Setup is verified first (Target.Validate, then the target's answers), so a
// wrong base URL or token is one error, not a list of failures.
func ExampleSuite_Collect() {
	h, err := reference.New(reference.Options{})
	if err != nil {
		panic(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	tenant, _ := fixtures.ReferenceTenant()
	main, _ := tenant.TokenFor("main")

	su, err := conformance.NewSuite("clients")
	if err != nil {
		panic(err)
	}
	target := conformance.Target{
		BaseURLs: map[string]string{"clients": srv.URL + "/cis/"}, // the trailing slash is trimmed
		Tokens:   map[conformance.Role]string{conformance.Main: main.Token},
		AppID:    main.AppID,
	}
	crud := func(sc conformance.Scenario) bool { return sc.Category() == "crud" || sc.Category() == "permissions" }
	results, err := su.Collect(context.Background(), target, crud)
	if err != nil {
		panic(err)
	}
	outcomes := map[string]int{}
	for _, r := range results {
		key := string(r.Outcome)
		if r.SkipReason != "" {
			key += " (" + string(r.SkipReason) + ")"
		}
		outcomes[key]++
	}
	fmt.Println("failed:", outcomes["fail"], "errors:", outcomes["error"])
	fmt.Println(slices.Sorted(maps.Keys(outcomes))) // the counts change as scenarios are added

	// A mistake in the target is named in Go terms before anything is sent.
	target.BaseURLs = map[string]string{"client": srv.URL + "/cis"}
	_, err = su.Collect(context.Background(), target, crud)
	fmt.Println(err)
	// Output:
	// failed: 0 errors: 0
	// [pass skip (destructive) skip (not-configured)]
	// Target.BaseURLs has the key "client", which is no surface; use one of clients
}
