package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteMarkdown renders the summary for people.
func (r *Run) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	t := r.Totals()
	b.WriteString("# Conformance summary\n\n")
	for _, n := range dedent(r.Notes) {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	fmt.Fprintf(&b, "\n**%d scenarios: %d passed, %d failed (target broke a rule), %d suite errors (the suite could not check), %d skipped.**\n\n",
		t.Total(), t.Pass, t.Fail, t.Error, t.Skip)
	b.WriteString("## By surface and category\n\n| surface | category | pass | fail | error | skip |\n|---|---|---:|---:|---:|---:|\n")
	for _, c := range r.Grid() {
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %d |\n", c.Surface, c.Category, c.Pass, c.Fail, c.Error, c.Skip)
	}
	r.writeFlaky(&b)
	r.writeOutcome(&b, "error", "Suite errors (not conformance failures)")
	r.writeOutcome(&b, "fail", "Failures")
	r.writeSkips(&b)
	if len(r.Leftovers) > 0 {
		b.WriteString("\n## Left over in the target (could not be deleted)\n\n")
		for _, l := range r.Leftovers {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Run) writeOutcome(b *strings.Builder, outcome, title string) {
	first := true
	for _, s := range r.Scenarios {
		if s.Outcome != outcome {
			continue
		}
		if first {
			fmt.Fprintf(b, "\n## %s\n", title)
			first = false
		}
		fmt.Fprintf(b, "\n### %s\n\n%s _(basis: %s)_\n\n```\n%s\n```\n", s.ID, s.Requirement, s.Basis, strings.Join(dedent(s.Output), "\n"))
	}
}

// writeFlaky lists scenarios whose exchanges needed retries: never silently green.
func (r *Run) writeFlaky(b *strings.Builder) {
	first := true
	for _, s := range r.Scenarios {
		if !s.Flaky {
			continue
		}
		if first {
			b.WriteString("\n## Flaky: passed or failed only after retries\n\n")
			first = false
		}
		for _, l := range dedent(s.Output) {
			if strings.Contains(l, flakyTag) {
				fmt.Fprintf(b, "- `%s` (%s): %s\n", s.ID, s.Outcome, strings.TrimSpace(strings.TrimPrefix(l, flakyTag)))
			}
		}
	}
}

// writeSkips groups skipped scenarios by reason, so "needs the admin role" shows once.
func (r *Run) writeSkips(b *strings.Builder) {
	reasons := map[string][]string{}
	for _, s := range r.Scenarios {
		if s.Outcome != "skip" {
			continue
		}
		reason := "(no reason given)"
		for _, l := range dedent(s.Output) {
			if i := strings.Index(l, "skipped:"); i >= 0 {
				reason = strings.TrimSpace(l[i+len("skipped:"):])
			}
		}
		reasons[reason] = append(reasons[reason], s.ID)
	}
	if len(reasons) == 0 {
		return
	}
	b.WriteString("\n## Skipped\n\n")
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(b, "- %s: %d scenarios (e.g. `%s`)\n", k, len(reasons[k]), reasons[k][0])
	}
}

// dedent strips the file:line prefix and indentation go test adds to test output.
func dedent(lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		l = strings.TrimLeft(l, " \t")
		if i := strings.Index(l, ".go:"); i >= 0 && i < 40 {
			if j := strings.Index(l[i+4:], ": "); j >= 0 && j < 6 {
				l = l[i+4+j+2:]
			}
		}
		out = append(out, l)
	}
	return out
}
