// Package bench is the faulty-target test bench: it runs the conformance suite end to end, the
// way a user does (test binary, gotestsum, the report command), against targets that hang,
// drip, reset, rate-limit, redirect or answer garbage, and checks that every run ends in time,
// is classified correctly (suite error or non-conformance) and leaks no secret. It has tests
// only; see bench_test.go and secrets_test.go.
package bench
