package conformance

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
)

// TB is the part of *testing.T a scenario uses. *testing.T implements it for `go test`;
// recorder implements it for Collect, which runs scenarios without failing its caller
// (used to prove that the suite catches each fault switch).
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
	Logf(format string, args ...any)
	Cleanup(func())
	Failed() bool
	Attr(key, value string)
	Context() context.Context
}

// Outcome of one scenario, ordered from least to most severe.
type Outcome string

// Outcomes, after the OCI conformance suite: a failure is the target's fault, an error the suite's.
const (
	Skipped Outcome = "skip"
	Passed  Outcome = "pass"
	Failed  Outcome = "fail"
	Errored Outcome = "error"
)

// Result is one scenario's outcome when run through Collect.
type Result struct {
	ID       string
	Outcome  Outcome
	Messages []string
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
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed = true
	msg := fmt.Sprintf(format, args...)
	if strings.HasPrefix(msg, suiteErrorPrefix) {
		r.errored = true
	}
	r.messages = append(r.messages, msg)
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

func (r *recorder) Attr(string, string) {}

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

func (r *recorder) result(id string) Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := Result{ID: id, Outcome: Passed, Messages: r.messages}
	switch {
	case r.errored:
		out.Outcome = Errored
	case r.failed:
		out.Outcome = Failed
	case r.skipped:
		out.Outcome = Skipped
	}
	return out
}
