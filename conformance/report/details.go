package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// WriteFailures renders failures.md: every failing or errored scenario with each failed
// check in full, its test output, then observations. It has no length bound.
func (v *Verdict) WriteFailures(w io.Writer) error {
	var b strings.Builder
	t := v.Run.Totals()
	fmt.Fprintf(&b, "# Conformance failures in full\n\n%d failed (%d new, %d known), %d suite errors. The verdict is in summary.md.\n",
		t.Fail, len(v.New), len(v.Known), t.Error)
	if v.RunError != "" {
		fmt.Fprintf(&b, "\n## Suite error outside any scenario\n\n```\n%s\n```\n", strings.Join(v.Run.Notes, "\n"))
	}
	if len(v.Run.Errors) > 0 {
		fmt.Fprintf(&b, "\n## Output outside any test (build or runtime errors)\n\n```\n%s\n```\n", strings.Join(v.Run.Errors, "\n"))
	}
	known := map[string]bool{}
	for _, s := range v.Known {
		known[s.ID] = true
	}
	v.writeDetails(&b, "Suite errors (the suite could not check)", results.Error, known)
	v.writeDetails(&b, "Failures (the target broke a rule)", results.Fail, known)
	v.writeGroupIndex(&b)
	v.writeBaselineLists(&b)
	var obs []string
	for _, s := range v.Run.Scenarios {
		for _, o := range s.Observations {
			obs = append(obs, fmt.Sprintf("- `%s`: %s: %s", s.ID, o.Point, o.Saw))
		}
	}
	if len(obs) > 0 {
		fmt.Fprintf(&b, "\n## Observations on points the contract leaves open (never failures)\n\n%s\n", strings.Join(obs, "\n"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (v *Verdict) writeDetails(b *strings.Builder, title string, outcome results.Outcome, known map[string]bool) {
	first := true
	for _, s := range v.Run.Scenarios {
		if s.Outcome != outcome {
			continue
		}
		if first {
			fmt.Fprintf(b, "\n## %s\n", title)
			first = false
		}
		status := ""
		switch {
		case outcome != results.Fail:
		case known[s.ID]:
			var why []string
			for _, e := range v.KnownBy[s.ID] {
				why = append(why, e.Reason)
			}
			status = " — known: " + strings.Join(why, "; ")
		default:
			status = " — new"
		}
		fmt.Fprintf(b, "\n### %s%s\n\n%s _(basis: %s)_\n", s.ID, status, s.Requirement, s.Basis)
		for _, f := range s.Failures {
			writeFailure(b, f)
		}
		if len(s.Output) > 0 {
			fmt.Fprintf(b, "\nTest output (earlier steps, bodies sent and received):\n\n```\n%s\n```\n", strings.Join(dedentAll(s.Output), "\n"))
		}
	}
}

// writeBaselineLists lists every fixed, stale and expired entry (the summary shows a few).
func (v *Verdict) writeBaselineLists(b *strings.Builder) {
	for _, l := range []struct {
		title   string
		entries []Entry
	}{{"Baseline entries fixed (remove them)", v.Fixed}, {"Baseline entries stale (no such scenario ran)", v.Stale},
		{"Baseline entries expired (their failures count as new)", v.Expired}} {
		if len(l.entries) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n## %s\n\n", l.title)
		for _, e := range l.entries {
			fmt.Fprintf(b, "- `%s`%s (line %d): %s\n", e.ID, ruleSuffix(e.Rule), e.Line, e.Reason)
		}
	}
}

func writeFailure(b *strings.Builder, f results.Failure) {
	fmt.Fprintf(b, "\n- **%s**", f.Rule)
	if f.Setup {
		b.WriteString(" (in a setup step)")
	}
	if f.Message != "" {
		fmt.Fprintf(b, ": %s", f.Message)
	}
	b.WriteString("\n")
	for _, kv := range [][2]string{
		{"kind", f.Kind}, {"basis", f.Basis}, {"operation", f.Operation},
		{"request", strings.TrimSpace(f.Method + " " + f.URL)}, {"role", f.Role},
		{"status", statusText(f.Status)}, {"field", f.Field}, {"expected", f.Expected}, {"actual", f.Actual},
	} {
		if kv[1] != "" {
			fmt.Fprintf(b, "  - %s: %s\n", kv[0], kv[1])
		}
	}
}

func statusText(s int) string {
	if s == 0 {
		return ""
	}
	return fmt.Sprint(s)
}

// writeGroupIndex lists every root-cause group with all its scenarios.
func (v *Verdict) writeGroupIndex(b *strings.Builder) {
	groups := v.Groups()
	if len(groups) == 0 {
		return
	}
	b.WriteString("\n## Root causes, every group\n")
	for _, g := range groups {
		fmt.Fprintf(b, "\n### %d × %s · %s · %s\n\n", len(g.Scenarios), g.Rule, g.Operation, g.Kind)
		for _, s := range g.Scenarios {
			fmt.Fprintf(b, "- `%s`\n", s.ID)
		}
	}
}

func dedentAll(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = results.Dedent(l)
	}
	return out
}
