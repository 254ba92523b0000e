package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// maxMessage caps the one-line reason in a message attribute.
const maxMessage = 300

// WriteJUnit writes a compact JUnit file: one <testsuite> per surface, one <testcase> per
// scenario with classname "surface.category" (so CI tools show a tree), the one-line reason
// in the message attribute and the details as element text. Suite errors are <error>,
// known failures (baseline) <skipped> with the reason, so the file agrees with the exit
// status. Written by hand: encoding/xml escapes every newline and tab as an entity.
func (v *Verdict) WriteJUnit(w io.Writer) error {
	known := map[string]bool{}
	for _, s := range v.Known {
		known[s.ID] = true
	}
	type suite struct {
		name                          string
		cases                         []*results.Scenario
		tests, failures, errors, skip int
		secs                          float64
	}
	var suites []*suite
	idx := map[string]*suite{}
	for _, s := range v.Run.Scenarios {
		su := idx[s.Surface]
		if su == nil {
			su = &suite{name: s.Surface}
			idx[s.Surface] = su
			suites = append(suites, su)
		}
		su.cases = append(su.cases, s)
		su.tests++
		su.secs += s.Elapsed.Seconds()
		switch {
		case s.Outcome == results.Error:
			su.errors++
		case s.Outcome == results.Skip, known[s.ID]:
			su.skip++
		case s.Outcome == results.Fail:
			su.failures++
		}
	}
	var runErr *suite
	if v.RunError != "" {
		runErr = &suite{name: "suite", tests: 1, errors: 1}
		suites = append(suites, runErr)
	}
	var tot suite
	for _, su := range suites {
		tot.tests += su.tests
		tot.failures += su.failures
		tot.errors += su.errors
		tot.skip += su.skip
	}
	timestamp := ""
	if !v.Run.Started.IsZero() {
		timestamp = ` timestamp="` + v.Run.Started.UTC().Format("2006-01-02T15:04:05") + `"`
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<testsuites name="clientconf" tests="%d" failures="%d" errors="%d" skipped="%d" time="%.3f">`+"\n",
		tot.tests, tot.failures, tot.errors, tot.skip, v.Run.Elapsed.Seconds())
	for _, su := range suites {
		fmt.Fprintf(&b, `<testsuite name="%s" tests="%d" failures="%d" errors="%d" skipped="%d" time="%.3f"%s>`+"\n",
			attr(su.name), su.tests, su.failures, su.errors, su.skip, su.secs, timestamp)
		for _, s := range su.cases {
			writeCase(&b, s, known[s.ID], v.KnownBy[s.ID])
		}
		if su == runErr {
			fmt.Fprintf(&b, `<testcase classname="suite" name="setup"><error message="%s" type="suite-error">%s</error></testcase>`+"\n",
				attr(oneLine(v.RunError, maxMessage)), text(strings.Join(v.Run.Notes, "\n")))
		}
		b.WriteString("</testsuite>\n")
	}
	b.WriteString("</testsuites>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeCase(b *strings.Builder, s *results.Scenario, known bool, by []Entry) {
	fmt.Fprintf(b, `<testcase classname="%s" name="%s" time="%.3f"`, attr(s.Surface+"."+s.Category), attr(s.ID), s.Elapsed.Seconds())
	reason := oneLine(s.Reason(), maxMessage)
	switch {
	case s.Outcome == results.Error:
		fmt.Fprintf(b, `><error message="%s" type="suite-error">%s</error></testcase>`+"\n", attr(reason), text(caseText(s)))
	case s.Outcome == results.Fail && known:
		why := make([]string, 0, len(by))
		for _, e := range by {
			why = append(why, e.Reason)
		}
		fmt.Fprintf(b, `><skipped message="%s"></skipped><system-out>%s</system-out></testcase>`+"\n",
			attr(oneLine("known failure (baseline): "+strings.Join(why, "; ")+": "+reason, maxMessage)), text(caseText(s)))
	case s.Outcome == results.Fail:
		kind := "failure"
		if len(s.Failures) > 0 && s.Failures[0].Kind != "" {
			kind = s.Failures[0].Kind
		}
		fmt.Fprintf(b, `><failure message="%s" type="%s">%s</failure></testcase>`+"\n", attr(reason), attr(kind), text(caseText(s)))
	case s.Outcome == results.Skip:
		fmt.Fprintf(b, `><skipped message="%s"></skipped></testcase>`+"\n", attr(reason))
	default:
		b.WriteString("></testcase>\n")
	}
}

// maxCaseFailures caps the checks listed in one testcase; failures.md has them all.
const maxCaseFailures = 4

// caseText is a failing case's details: requirement, then each failed check in two or
// three lines.
func caseText(s *results.Scenario) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s [basis: %s]\n", s.Requirement, s.Basis)
	for i, f := range s.Failures {
		if i == maxCaseFailures {
			fmt.Fprintf(&b, "… %d more checks failed: see failures.md\n", len(s.Failures)-i)
			break
		}
		b.WriteString("- " + f.Rule)
		if f.Setup {
			b.WriteString(" (setup step)")
		}
		if f.Operation != "" {
			b.WriteString(" · " + f.Operation)
		}
		if f.Method != "" {
			fmt.Fprintf(&b, " · %s %s", f.Method, f.URL)
			if f.Role != "" {
				fmt.Fprintf(&b, " (as %s)", f.Role)
			}
			fmt.Fprintf(&b, " → %d", f.Status)
		}
		if f.Field != "" {
			b.WriteString(" · field " + f.Field)
		}
		b.WriteString("\n")
		if f.Expected != "" || f.Actual != "" {
			fmt.Fprintf(&b, "  expected: %s\n  actual:   %s\n", oneLine(f.Expected, maxMessage), oneLine(f.Actual, maxMessage))
		} else if f.Message != "" {
			fmt.Fprintf(&b, "  %s\n", f.Message)
		}
	}
	return b.String()
}

// text escapes element text: only the characters XML requires, so newlines and tabs stay
// literal; characters XML 1.0 forbids become U+FFFD.
func text(s string) string { return escape(s, false) }

// attr escapes an attribute value; whitespace is flattened so no entity is needed.
func attr(s string) string { return escape(s, true) }

func escape(s string, inAttr bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && inAttr:
			b.WriteString("&quot;")
		case r == '\n' || r == '\t' || r == '\r':
			if inAttr {
				b.WriteByte(' ')
			} else if r != '\r' {
				b.WriteRune(r)
			}
		case r == utf8.RuneError, r < 0x20, r >= 0xFFFE && r <= 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
