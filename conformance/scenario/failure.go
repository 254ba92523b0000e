package scenario

import (
	"fmt"
	"strings"

	"github.com/clientconf/clientconf/conformance/contract"
)

// SuiteErrorPrefix starts every message about the suite itself failing (no connection, bad
// configuration), so nobody mistakes it for the target breaking a rule.
const SuiteErrorPrefix = "SUITE ERROR (not a conformance failure):"

// bodyShown caps how much of a body a failure message shows; maxStepsShown how many earlier
// exchanges of the scenario it lists.
const (
	bodyShown     = 600
	maxStepsShown = 6
)

// fail reports a broken rule with everything a stranger needs: the scenario and its
// requirement, the request, the rule, what was expected and what came back. Secrets masked.
// The same facts go into a `failure` attribute for the reports.
func (s *S) fail(r *Response, check, expected, actual string) {
	s.T.Helper()
	s.failCheck(r, check, expected, actual, false)
}

// failCheck is fail with setup: whether r was a step the scenario needed rather than the
// exchange its requirement is about.
func (s *S) failCheck(r *Response, check, expected, actual string, setup bool) {
	s.T.Helper()
	f := failureOf(r, s.sc.ID+": "+check, checkKind(check), s.sc.Basis)
	f.Expected, f.Actual, f.Setup = expected, actual, setup
	f.Message = oneLineMessage(r, check, expected, actual)
	s.record(f)
	s.T.Errorf("%s", s.message(r, s.sc.ID+": "+check, "", expected, actual))
}

// checkKind classifies a scenario check by its name.
func checkKind(check string) string {
	switch {
	case check == "status":
		return KindStatus
	case strings.HasPrefix(check, "transport/"):
		return KindTransport
	}
	return KindValue
}

// violationKind classifies a spec violation by its rule.
func violationKind(rule string) string {
	switch rule {
	case contract.RuleStatus:
		return KindStatus
	case contract.RuleContentType, contract.RuleEmptyBody:
		return KindContentType
	}
	return KindSchema
}

// oneLineMessage is the line a report shows for a failure.
func oneLineMessage(r *Response, check, expected, actual string) string {
	msg := check + ": expected " + expected + ", got " + actual
	if r != nil {
		msg = fmt.Sprintf("%s %s (as %s) → %d: %s", r.Method, r.Path, r.Role, r.Status, msg)
	}
	return msg
}

func (s *S) failViolation(r *Response, v contract.Violation) {
	s.T.Helper()
	if s.rt.Facts().SkipBasis[Spec] {
		return
	}
	what := fmt.Sprintf("the documented response of %s for status %d", r.Op.ID, r.Status)
	if v.Keyword != "" {
		what += fmt.Sprintf(" (schema keyword %q)", v.Keyword)
	}
	f := failureOf(r, strings.TrimPrefix(v.Rule, "spec/"), violationKind(v.Rule), Spec)
	f.Field, f.Expected, f.Actual = v.Pointer, what, v.Reason
	f.Message = oneLineMessage(r, v.Rule+" "+v.Pointer, what, v.Reason)
	s.record(f)
	s.T.Errorf("%s", s.message(r, v.Rule+" [basis: spec]", v.Pointer, what, v.Reason))
}

func (s *S) message(r *Response, rule, field, expected, actual string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s [basis: %s]\n", s.sc.ID, s.sc.Requirement, s.sc.Basis)
	var earlier []string
	for _, st := range s.steps {
		if st.r != r { // the failing exchange itself is shown below as the request
			earlier = append(earlier, st.text)
		}
	}
	if n := len(earlier); n > 0 {
		b.WriteString("earlier steps:\n")
		for _, st := range earlier[max(0, n-maxStepsShown):] {
			fmt.Fprintf(&b, "  - %s\n", st)
		}
	}
	if r != nil {
		fmt.Fprintf(&b, "request:  %s %s (as %s) → %d\n", r.Method, s.redact(r.URL), r.Role, r.Status)
		if len(r.ReqBody) > 0 {
			fmt.Fprintf(&b, "sent:     %s\n", s.rt.Redactor().Body(r.ReqBody, bodyShown))
		}
	}
	fmt.Fprintf(&b, "rule:     %s\n", rule)
	if field != "" {
		fmt.Fprintf(&b, "field:    %s\n", field)
	}
	fmt.Fprintf(&b, "expected: %s\n", s.redact(expected))
	fmt.Fprintf(&b, "actual:   %s", s.redact(actual))
	if r != nil && len(r.Body) > 0 {
		fmt.Fprintf(&b, "\nbody:     %s", s.rt.Redactor().Body(r.Body, bodyShown))
	}
	return b.String()
}

func (s *S) redact(v string) string { return s.rt.Redactor().String(v) }

// Redact masks every secret the run knows in v.
func (s *S) Redact(v string) string { return s.redact(v) }

// Errorf reports a broken rule found on a response: check names what was checked (it is
// appended to the scenario ID to form the rule).
func (s *S) Errorf(r *Response, check, expected, actual string) {
	s.T.Helper()
	s.fail(r, check, expected, actual)
}

// Fatalf is Errorf that also ends the scenario, for steps later ones depend on.
func (s *S) Fatalf(r *Response, check, expected, actual string) {
	s.T.Helper()
	s.failCheck(r, check, expected, actual, true)
	s.T.Fatalf("(scenario stopped: the steps after this one depend on it)")
}

// failErrorBody reports a broken error-body rule of the surface.
func (s *S) FailErrorBody(r *Response, basis Basis, check, expected, actual string) {
	f := failureOf(r, "error-body", KindValue, basis)
	f.Expected, f.Actual = expected, actual
	f.Message = oneLineMessage(r, check, expected, actual)
	s.record(f)
	s.T.Errorf("%s", s.message(r, s.sc.ID+": "+check, "", expected, actual))
}

// checkErrorBody applies the surface's rule for error bodies beyond their schema.
func (s *S) checkErrorBody(r *Response) {
	if r.Status < 400 || s.errorBody == nil {
		return
	}
	if obj, ok := r.JSON().(map[string]any); ok {
		s.errorBody(s, r, obj)
	}
}
