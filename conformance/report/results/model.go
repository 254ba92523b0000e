// Package results is the typed model of one conformance run, read from the two streams the
// engine writes (docs/results-format.md): the `go test -json` events with a scenario's
// attributes on its `TestConformance/<ID>` subtest, and the transcript JSON lines. Reports
// (summary, JUnit, baseline, diff, coverage…) are built on this model and never parse
// message text.
package results

import (
	"strings"
	"time"
)

// RootTest is the test whose subtests are the scenarios.
const RootTest = "TestConformance"

// Outcome is a scenario's verdict.
type Outcome string

// Outcomes, as the engine writes them in the `outcome` attribute.
const (
	Pass  Outcome = "pass"
	Fail  Outcome = "fail"  // the target broke a rule
	Error Outcome = "error" // the suite or the setup broke, not the target
	Skip  Outcome = "skip"
)

// SkipReason says why a scenario did not run.
type SkipReason string

// Skip reasons, as the engine writes them in the `skip_reason` attribute.
const (
	NotConfigured SkipReason = "not-configured"
	Destructive   SkipReason = "destructive"
	BasisOff      SkipReason = "basis"
	NotApplicable SkipReason = "not-applicable"
	NotStarted    SkipReason = "not-started"
)

// Failure kinds (Failure.Kind).
const (
	KindStatus      = "status"
	KindContentType = "content-type"
	KindSchema      = "schema"
	KindValue       = "value"
	KindTransport   = "transport"
	KindSetup       = "setup"
)

// Failure is one failed check, as the engine writes it in a `failure` attribute. Every string
// is already redacted by the engine.
type Failure struct {
	Rule      string `json:"rule"`
	Basis     string `json:"basis,omitempty"`
	Kind      string `json:"kind,omitempty"`
	Operation string `json:"operation,omitempty"`
	Method    string `json:"method,omitempty"`
	Path      string `json:"path,omitempty"`
	URL       string `json:"url,omitempty"`
	Role      string `json:"role,omitempty"`
	Status    int    `json:"status,omitempty"`
	Field     string `json:"field,omitempty"`
	Expected  string `json:"expected,omitempty"`
	Actual    string `json:"actual,omitempty"`
	Setup     bool   `json:"setup,omitempty"`
	Message   string `json:"message,omitempty"`
}

// Observation is a left-open point of the contract the run saw (never a failure).
type Observation struct {
	Point string `json:"point"`
	Saw   string `json:"saw"`
}

// Scenario is one `TestConformance/<ID>` subtest.
type Scenario struct {
	ID           string        `json:"id"`
	Surface      string        `json:"surface"`
	Category     string        `json:"category"`
	Basis        string        `json:"basis,omitempty"`
	Requirement  string        `json:"requirement,omitempty"`
	Derived      bool          `json:"derived,omitempty"`
	Outcome      Outcome       `json:"outcome"`
	SkipReason   SkipReason    `json:"skip_reason,omitempty"`
	Flaky        bool          `json:"flaky,omitempty"`
	Failures     []Failure     `json:"failures,omitempty"`
	Observations []Observation `json:"observations,omitempty"`
	Elapsed      time.Duration `json:"elapsed_ns"`
	// Attributed is true when the engine wrote the outcome attribute; false when the outcome
	// was taken from go test's own pass/fail/skip (an engine that predates the attributes).
	Attributed bool `json:"attributed"`
	// Output is the scenario's own test output (log lines, no === / --- markers), kept for
	// the detailed failures file; nothing reads meaning from it.
	Output []string `json:"-"`
}

// Reason is a scenario's one-line reason: its first failure's message, or its skip reason.
func (s *Scenario) Reason() string {
	for _, f := range s.Failures {
		if f.Message != "" {
			return f.Message
		}
		return f.Rule
	}
	if s.Outcome == Skip {
		return string(s.SkipReason)
	}
	return ""
}

// Run is one conformance run.
type Run struct {
	Scenarios []*Scenario   `json:"scenarios"`
	Started   time.Time     `json:"started"`
	Elapsed   time.Duration `json:"elapsed_ns"`
	// RootOutcome is go test's verdict on TestConformance itself (pass, fail, skip; empty
	// when the run never got that far, e.g. a build failure).
	RootOutcome string `json:"root_outcome,omitempty"`
	// Info holds attributes set on TestConformance itself (run-level facts), by key.
	Info map[string][]string `json:"info,omitempty"`
	// Notes are TestConformance's own output lines: target, run prefix, run-level errors.
	Notes []string `json:"notes,omitempty"`
	// Leftovers are resources the run could not delete.
	Leftovers []string `json:"leftovers,omitempty"`
	// Errors are lines go test wrote outside any test (build failures, panics).
	Errors []string `json:"errors,omitempty"`
}

// Counts are outcome totals.
type Counts struct {
	Pass  int `json:"pass"`
	Fail  int `json:"fail"`
	Error int `json:"error"`
	Skip  int `json:"skip"`
}

// Add counts one outcome.
func (c *Counts) Add(o Outcome) {
	switch o {
	case Pass:
		c.Pass++
	case Fail:
		c.Fail++
	case Error:
		c.Error++
	case Skip:
		c.Skip++
	}
}

// Total counts every scenario.
func (c Counts) Total() int { return c.Pass + c.Fail + c.Error + c.Skip }

// Totals counts outcomes over the whole run.
func (r *Run) Totals() Counts {
	var c Counts
	for _, s := range r.Scenarios {
		c.Add(s.Outcome)
	}
	return c
}

// Scenario returns the scenario with that ID, or nil.
func (r *Run) Scenario(id string) *Scenario {
	for _, s := range r.Scenarios {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// splitID returns the surface and category segments of a scenario ID.
func splitID(id string) (surface, category string) {
	parts := strings.SplitN(id, "/", 3)
	surface = parts[0]
	if len(parts) > 1 {
		category = parts[1]
	}
	return surface, category
}
