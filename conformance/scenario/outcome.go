package scenario

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// Outcomes as data (docs/results-format.md): each scenario's subtest carries its verdict, skip
// reason, failures and observations as test attributes, so reports never parse message text.
// The human-readable messages stay as they are, next to the attributes.

// SkipReason says why a scenario did not run.
type SkipReason string

// Skip reasons of docs/results-format.md.
const (
	NotConfigured  SkipReason = "not-configured" // a role, credential or surface missing
	DestructiveOff SkipReason = "destructive"    // CONFORMANCE_ALLOW_DESTRUCTIVE not set
	BasisOff       SkipReason = "basis"          // CONFORMANCE_SKIP_BASIS
	NotApplicable  SkipReason = "not-applicable" // the target cannot do what the scenario needs
	NotStarted     SkipReason = "not-started"    // deadline, interrupt, target gone
)

// Failure kinds.
const (
	KindStatus      = "status"
	KindContentType = "content-type"
	KindSchema      = "schema"
	KindValue       = "value"
	KindTransport   = "transport"
	KindSetup       = "setup"
)

// Failure is one failed check, as the `failure` attribute carries it. Every string is redacted
// before it is set.
type Failure struct {
	Rule      string `json:"rule"`
	Basis     Basis  `json:"basis,omitempty"`
	Kind      string `json:"kind,omitempty"`
	Operation string `json:"operation,omitempty"`
	Method    string `json:"method,omitempty"`
	Path      string `json:"path,omitempty"`
	URL       string `json:"url,omitempty"`
	Role      Role   `json:"role,omitempty"`
	Status    int    `json:"status,omitempty"`
	Field     string `json:"field,omitempty"`
	Expected  string `json:"expected,omitempty"`
	Actual    string `json:"actual,omitempty"`
	Setup     bool   `json:"setup,omitempty"`
	Message   string `json:"message,omitempty"`
}

// Observation is a point the contract leaves open, as the run saw it (never a failure).
type Observation struct {
	Point string `json:"point"`
	Saw   string `json:"saw"`
}

// FlakyMarker starts the log line of an exchange that needed retries.
const FlakyMarker = "FLAKY:"

// Verdict is what a scenario's outcome needs beyond Failed/Skipped: whether a failure was the
// suite's (error, not fail), why it was skipped, whether an exchange was retried. Cleanups run
// on other goroutines than the scenario, hence the lock.
type Verdict struct {
	mu         sync.Mutex
	errored    bool
	skipReason SkipReason
	flaky      bool
}

func (v *Verdict) set(f func(*Verdict)) {
	if v == nil { // an S made by a unit test, without a runner
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	f(v)
}

// attrJSON renders v as a one-line attribute value (encoding/json never writes a newline).
func attrJSON(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf(`{"rule":"suite/attr","message":%q}`, err.Error())
	}
	return string(data)
}

// SetAttrs sets the attributes known before the scenario runs.
func SetAttrs(tb TB, sc Scenario) {
	tb.Attr("surface", sc.Surface())
	tb.Attr("category", sc.Category())
	tb.Attr("basis", string(sc.Basis))
	tb.Attr("requirement", OneLine(sc.Requirement))
	if sc.Derived {
		tb.Attr("derived", "true")
	}
}

// Finish sets the outcome attribute, last: the test's own status decides pass/fail/skip, the
// verdict whether a failure was the suite's and why a skip happened.
func Finish(tb TB, v *Verdict) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.flaky {
		tb.Attr("flaky", "true")
	}
	switch {
	case tb.Failed() && v.errored:
		tb.Attr("outcome", "error")
	case tb.Failed():
		tb.Attr("outcome", "fail")
	case tb.Skipped():
		reason := v.skipReason
		if reason == "" {
			reason = NotApplicable
		}
		tb.Attr("outcome", "skip")
		tb.Attr("skip_reason", string(reason))
	default:
		tb.Attr("outcome", "pass")
	}
}

// SkipTest ends the scenario as skipped for reason, with msg as the human-readable line.
func SkipTest(tb TB, v *Verdict, reason SkipReason, msg string) {
	v.set(func(v *Verdict) { v.skipReason = reason })
	tb.Skipf("%s", msg)
}

// OneLine folds newlines: an attribute value never holds one (testing.T.Attr refuses it).
func OneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// SuiteErrorf reports that the suite or the scenario's setup broke, not the target: the
// scenario ends as an error, never as non-conformance.
func (s *S) SuiteErrorf(format string, args ...any) {
	s.T.Helper()
	s.T.Errorf("%s %s", SuiteErrorPrefix, s.suiteError(format, args...))
}

// SuiteFatalf is SuiteErrorf that also ends the scenario.
func (s *S) SuiteFatalf(format string, args ...any) {
	s.T.Helper()
	s.T.Fatalf("%s %s", SuiteErrorPrefix, s.suiteError(format, args...))
}

// suiteError marks the verdict and records the failure; it returns the redacted message.
func (s *S) suiteError(format string, args ...any) string {
	s.verdict.set(func(v *Verdict) { v.errored = true })
	msg := s.redact(fmt.Sprintf(format, args...))
	s.T.Attr("failure", attrJSON(Failure{Rule: "suite/error", Kind: KindSetup, Message: OneLine(msg)}))
	return msg
}

// Skip ends the scenario as skipped, for reason; msg is the line a person reads (it starts
// with "skipped:" and says what to set, when something can be set).
func (s *S) Skip(reason SkipReason, format string, args ...any) {
	s.T.Helper()
	SkipTest(s.T, s.verdict, reason, fmt.Sprintf(format, args...))
}

// Observe records a point the contract leaves open, as the target answered it: an info line
// for people and an `observation` attribute for reports. It is never a failure.
func (s *S) Observe(point, format string, args ...any) {
	s.T.Helper()
	saw := s.redact(fmt.Sprintf(format, args...))
	s.T.Logf("info: %s", saw)
	s.T.Attr("observation", attrJSON(Observation{Point: point, Saw: OneLine(saw)}))
}

// record attaches one failure attribute for a failed check.
func (s *S) record(f Failure) {
	f.Expected, f.Actual, f.URL = OneLine(s.redact(f.Expected)), OneLine(s.redact(f.Actual)), s.redact(f.URL)
	f.Message = OneLine(s.redact(f.Message))
	s.T.Attr("failure", attrJSON(f))
}

// failureOf fills the request side of a failure from the exchange r (nil: no exchange).
func failureOf(r *Response, rule, kind string, basis Basis) Failure {
	f := Failure{Rule: rule, Kind: kind, Basis: basis}
	if r == nil {
		return f
	}
	f.Method, f.Path, f.URL, f.Role, f.Status = r.Method, r.Path, r.URL, r.Role, r.Status
	if r.Op != nil {
		f.Operation, f.Path = r.Op.ID, r.Op.Path
	}
	return f
}
