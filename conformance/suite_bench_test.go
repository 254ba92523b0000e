package conformance_test

import (
	"context"
	"testing"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/reftarget"
)

// BenchmarkSuite measures one whole run of every scenario of every surface against the
// in-process reference server (specs loaded once, as in a real run).
func BenchmarkSuite(b *testing.B) {
	su, err := conformance.NewSuite()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		target, err := reftarget.Start(b.Cleanup, reftarget.Options{})
		if err != nil {
			b.Fatal(err)
		}
		results, err := su.Collect(context.Background(), target, nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range results {
			if r.Outcome != conformance.Passed {
				b.Fatalf("%s: %s %v", r.ID, r.Outcome, r.Messages)
			}
		}
	}
}
