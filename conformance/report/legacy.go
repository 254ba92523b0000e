package report

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// Legacy derives the typed model from the test output of an engine that does not yet attach
// the attributes of docs/results-format.md: it reads the "SUITE ERROR", "FLAKY:",
// "skipped:" and "LEFTOVER:" markers and the failure message blocks.
//
// TEMPORARY: this file is the only place that reads meaning from message text, and it is
// deleted, with its test, when the engine emits the attributes. Scenarios that carry the
// outcome attribute are left untouched.
func Legacy(run *results.Run) {
	notes := run.Notes[:0]
	for _, n := range run.Notes {
		n = dedent(n)
		if lo, ok := strings.CutPrefix(n, legacyLeftover); ok {
			run.Leftovers = append(run.Leftovers, strings.TrimSpace(lo))
			continue
		}
		notes = append(notes, n)
	}
	run.Notes = notes
	for _, s := range run.Scenarios {
		if !s.Attributed {
			legacyScenario(s)
		}
	}
}

const (
	legacySuiteError = "SUITE ERROR"
	legacyFlaky      = "FLAKY:"
	legacySkipped    = "skipped:"
	legacyLeftover   = "LEFTOVER:"
)

func legacyScenario(s *results.Scenario) {
	lines := make([]string, len(s.Output))
	for i, l := range s.Output {
		lines[i] = dedent(l)
	}
	for _, l := range lines {
		switch {
		case strings.Contains(l, legacySuiteError):
			s.Outcome = results.Error
			msg := strings.TrimSpace(l[strings.Index(l, legacySuiteError):])
			s.Failures = append(s.Failures, results.Failure{Rule: legacyErrorRule(msg), Kind: results.KindSetup, Message: msg})
		case strings.HasPrefix(l, legacyFlaky):
			s.Flaky = true
		case strings.HasPrefix(l, legacySkipped) && s.Outcome == results.Skip:
			s.SkipReason = legacySkipReason(l)
		}
	}
	if s.Outcome == results.Fail {
		s.Failures = append(s.Failures, legacyFailures(s, lines)...)
		if len(s.Failures) == 0 {
			s.Failures = []results.Failure{{Rule: s.ID, Kind: results.KindValue, Message: firstLine(lines)}}
		}
	}
}

// legacyErrorRule names the kind of suite error, so the summary can group them.
func legacyErrorRule(msg string) string {
	switch {
	case strings.Contains(msg, "not started:"):
		return "suite-error/not-started"
	case strings.Contains(msg, "429"):
		return "suite-error/rate-limited"
	case strings.Contains(msg, "no usable response"):
		return "suite-error/no-response"
	}
	return "suite-error"
}

func legacySkipReason(l string) results.SkipReason {
	switch {
	case strings.Contains(l, "CONFORMANCE_SKIP_BASIS"):
		return results.BasisOff
	case strings.Contains(l, "destructive"):
		return results.Destructive
	case strings.Contains(l, "needs the") || strings.Contains(l, "; set CONFORMANCE_"):
		return results.NotConfigured
	}
	return results.NotApplicable
}

var (
	legacyRequest  = regexp.MustCompile(`^request:\s+(\S+) (\S+) \(as (\S+)\) → (\d+)`)
	legacyOp       = regexp.MustCompile(`documented response of (\S+) for status`)
	legacyBasisTag = regexp.MustCompile(`\s*\[basis: [a-z]+\]$`)
)

// legacyFailures reads failure.go's blocks: a header "ID: requirement [basis: …]", then
// "request:", "rule:", "field:", "expected:", "actual:" lines.
func legacyFailures(s *results.Scenario, lines []string) []results.Failure {
	var out []results.Failure
	var cur *results.Failure
	for _, l := range lines {
		key, val, _ := strings.Cut(l, ":")
		val = strings.TrimSpace(val)
		switch {
		case strings.HasPrefix(l, s.ID+": "):
			out = append(out, results.Failure{Basis: s.Basis})
			cur = &out[len(out)-1]
		case cur == nil:
		case key == "request":
			if m := legacyRequest.FindStringSubmatch(l); m != nil {
				cur.Method, cur.URL, cur.Role = m[1], m[2], m[3]
				cur.Status, _ = strconv.Atoi(m[4])
			}
		case key == "rule":
			cur.Rule = legacyBasisTag.ReplaceAllString(val, "")
			cur.Kind = legacyKind(cur.Rule)
		case key == "field":
			cur.Field = val
		case key == "expected":
			cur.Expected = val
			if m := legacyOp.FindStringSubmatch(val); m != nil {
				cur.Operation = m[1]
			}
		case key == "actual":
			cur.Actual = val
		}
	}
	for i := range out {
		f := &out[i]
		if f.Rule == "" {
			f.Rule = s.ID
		}
		if strings.HasPrefix(f.Rule, "spec/") {
			f.Basis = "spec"
		}
		// A spec check on a method the scenario is not about is most likely a setup step;
		// the legacy output cannot tell, so only spec rules are grouped by operation.
		f.Message = legacyMessage(f)
	}
	return out
}

func legacyKind(rule string) string {
	switch {
	case strings.Contains(rule, "response-schema"), strings.Contains(rule, "empty-body"):
		return results.KindSchema
	case strings.Contains(rule, "content-type"):
		return results.KindContentType
	case strings.Contains(rule, "status"):
		return results.KindStatus
	case strings.HasPrefix(rule, "transport/"):
		return results.KindTransport
	}
	return results.KindValue
}

func legacyMessage(f *results.Failure) string {
	var b strings.Builder
	b.WriteString(f.Rule)
	if f.Field != "" {
		b.WriteString(" at " + f.Field)
	}
	if f.Method != "" {
		b.WriteString(" on " + f.Method + " → " + strconv.Itoa(f.Status))
	}
	if f.Actual != "" {
		b.WriteString(": " + f.Actual)
	}
	return b.String()
}

func firstLine(lines []string) string {
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return "failed"
}
