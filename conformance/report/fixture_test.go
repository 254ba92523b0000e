package report_test

import (
	"fmt"
	"time"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// scenario builds a scenario with the given outcome; fail rules become failures.
func scenario(id string, outcome results.Outcome, rules ...string) *results.Scenario {
	s := &results.Scenario{ID: id, Outcome: outcome, Basis: "spec", Requirement: "Requirement of " + id, Attributed: true}
	parts := splitN(id)
	s.Surface, s.Category = parts[0], parts[1]
	for _, r := range rules {
		s.Failures = append(s.Failures, results.Failure{Rule: r, Kind: results.KindValue, Operation: "createClient",
			Method: "POST", Status: 201, Message: "broke " + r})
	}
	if outcome == results.Skip {
		s.SkipReason = results.NotConfigured
	}
	return s
}

func splitN(id string) [2]string {
	var out [2]string
	n := 0
	start := 0
	for i := 0; i <= len(id) && n < 2; i++ {
		if i == len(id) || id[i] == '/' {
			out[n] = id[start:i]
			n++
			start = i + 1
		}
	}
	return out
}

func run(scs ...*results.Scenario) *results.Run {
	return &results.Run{Scenarios: scs, Started: time.Date(2026, 12, 5, 5, 0, 0, 0, time.UTC),
		Elapsed: 3 * time.Second, RootOutcome: "pass"}
}

// hugeRun is a run with hundreds of failures from many causes, on many categories, with
// skips, flaky scenarios, leftovers and notes: the worst case for the summary's bound.
func hugeRun() *results.Run {
	r := run()
	for i := range 600 {
		surface := []string{"clients", "applications", "auth0"}[i%3]
		id := fmt.Sprintf("%s/cat%02d/scenario-%03d", surface, i%40, i)
		var s *results.Scenario
		switch i % 6 {
		case 0:
			s = scenario(id, results.Pass)
			s.Flaky = true
		case 1:
			s = scenario(id, results.Skip)
			s.SkipReason = []results.SkipReason{results.NotConfigured, results.Destructive, results.BasisOff, results.NotStarted}[i%4]
		case 2:
			s = scenario(id, results.Error)
			s.Failures = []results.Failure{{Rule: "transport", Kind: results.KindTransport, Message: "no response\nsecond line"}}
		default:
			s = scenario(id, results.Fail, fmt.Sprintf("rule-%d", i%90), "spec/response-schema")
			s.Failures[1].Setup = true
		}
		r.Scenarios = append(r.Scenarios, s)
	}
	for i := range 50 {
		r.Leftovers = append(r.Leftovers, fmt.Sprintf("clients DELETE /v1/clients/c%d (status 500)", i))
		r.Notes = append(r.Notes, fmt.Sprintf("note %d", i))
	}
	r.RootOutcome = "fail"
	return r
}
