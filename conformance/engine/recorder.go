package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// Outcome of one scenario, ordered from least to most severe.
type Outcome string

// Outcomes, after the OCI conformance suite: a failure is the target's fault, an error the suite's.
const (
	Skipped Outcome = "skip"
	Passed  Outcome = "pass"
	Failed  Outcome = "fail"
	Errored Outcome = "error"
)

// Result is one scenario's outcome when run through Collect: the same data the attributes of a
// `go test` run carry.
type Result struct {
	ID         string
	Outcome    Outcome
	SkipReason scenario.SkipReason
	Flaky      bool
	Failures   []scenario.Failure
	Messages   []string
	// Attrs are every attribute the engine set, in order (docs/results-format.md): what a
	// `go test` run attaches to the scenario's subtest.
	Attrs [][2]string
	// Elapsed runs from the scenario's first attribute (set as it starts) to its result.
	Elapsed time.Duration
}

// recorder is a TB that records instead of reporting; Fatalf and Skipf end the scenario's
// goroutine like testing.T does.
type recorder struct {
	ctx      context.Context
	mu       sync.Mutex
	failed   bool
	skipped  bool
	errored  bool
	messages []string
	cleanups []func()
	attrs    [][2]string
	started  time.Time // the first attribute's time: when the scenario started
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed = true
	r.messages = append(r.messages, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

func (r *recorder) Skipf(format string, args ...any) {
	r.mu.Lock()
	r.skipped = true
	r.messages = append(r.messages, fmt.Sprintf(format, args...))
	r.mu.Unlock()
	runtime.Goexit()
}

func (r *recorder) Logf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.messages = append(r.messages, fmt.Sprintf(format, args...))
}

func (r *recorder) Cleanup(f func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cleanups = append(r.cleanups, f)
}

func (r *recorder) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}

func (r *recorder) Skipped() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.skipped
}

func (r *recorder) Attr(key, value string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.started.IsZero() {
		r.started = time.Now()
	}
	r.attrs = append(r.attrs, [2]string{key, value})
}

func (r *recorder) Context() context.Context { return r.ctx }

// runCleanups runs registered cleanups last-in first-out, as testing.T does.
func (r *recorder) runCleanups() {
	for {
		r.mu.Lock()
		n := len(r.cleanups)
		if n == 0 {
			r.mu.Unlock()
			return
		}
		f := r.cleanups[n-1]
		r.cleanups = r.cleanups[:n-1]
		r.mu.Unlock()
		f()
	}
}

// result reads the outcome from the attributes the engine set, as a report would.
func (r *recorder) result(id string) Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := Result{ID: id, Outcome: Passed, Messages: r.messages, Attrs: append([][2]string(nil), r.attrs...)}
	if !r.started.IsZero() {
		out.Elapsed = time.Since(r.started)
	}
	for _, kv := range r.attrs {
		switch kv[0] {
		case "outcome":
			out.Outcome = Outcome(kv[1])
		case "skip_reason":
			out.SkipReason = scenario.SkipReason(kv[1])
		case "flaky":
			out.Flaky = kv[1] == "true"
		case "failure":
			var f scenario.Failure
			if err := json.Unmarshal([]byte(kv[1]), &f); err == nil {
				out.Failures = append(out.Failures, f)
			}
		}
	}
	return out
}
