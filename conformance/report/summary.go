package report

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// MaxSummaryLines bounds summary.md, so it fits a CI job summary whatever the run.
const MaxSummaryLines = 200

// Caps on each list of the summary; the full lists are in failures.md.
const (
	maxNotes    = 6
	maxListed   = 8 // suite errors, new, fixed, stale, expired, flaky, leftovers
	maxGroups   = 20
	maxGridRows = 36
	maxExamples = 3
	maxFindings = 3 // findings shared across operations, above the root causes
)

// lines is a builder that counts lines and stops at the bound with a pointer to details.
type lines struct {
	b     strings.Builder
	n     int
	full  bool
	limit int
}

func (l *lines) f(format string, a ...any) {
	if l.full {
		return
	}
	if l.n >= l.limit-1 {
		l.b.WriteString("\n… cut at the summary's length bound: see failures.md for everything.\n")
		l.full = true
		return
	}
	s := fmt.Sprintf(format, a...)
	l.b.WriteString(s + "\n")
	l.n += strings.Count(s, "\n") + 1
}

// WriteSummary renders the verdict for people: at most MaxSummaryLines lines.
func (v *Verdict) WriteSummary(w io.Writer, m Meta) error {
	// The tail (specs, pointer to the details) is always shown: the body gets what it leaves.
	tail := &lines{limit: MaxSummaryLines}
	tail.f("\n## Specs\n")
	for _, k := range slices.Sorted(maps.Keys(m.Specs)) {
		tail.f("- `%s` sha256 `%s`", k, m.Specs[k])
	}
	tail.f("\nEvery failure with its requests and bodies: `failures.md`; machine-readable: `results.json`.")
	if m.Appendix != "" {
		tail.f("\n%s", strings.TrimRight(m.Appendix, "\n"))
	}
	l := &lines{limit: MaxSummaryLines - tail.n - 1}
	t := v.Run.Totals()
	l.f("# Conformance: %s\n", v.Headline())
	l.f("**Exit status %d.** %d scenarios: %d passed, %d failed (%d new, %d known), %d suite errors, %d skipped; %s.",
		v.ExitStatus(), t.Total(), t.Pass, t.Fail, len(v.New), len(v.Known), t.Error, t.Skip, v.Run.Elapsed.Round(time.Millisecond))
	if v.RunError != "" {
		l.f("\n**Suite error (the target was not judged):** %s", oneLine(v.RunError, 300))
	}
	l.f("")
	for _, n := range capList(v.Run.Notes, maxNotes) {
		l.f("- %s", oneLine(n, 200))
	}
	started := "unknown"
	if !v.Run.Started.IsZero() {
		started = v.Run.Started.UTC().Format(time.RFC3339)
	}
	l.f("- suite %s; run started %s", m.Suite, started)
	v.writeErrors(l)
	v.writeBaseline(l)
	v.writeGroups(l)
	v.writeGrid(l)
	v.writeSkips(l)
	v.writeFlaky(l)
	if n := observations(v.Run); n > 0 {
		l.f("\n%d observations on points the contract leaves open (never failures): see failures.md.", n)
	}
	if len(v.Run.Leftovers) > 0 {
		l.f("\n## Left over in the target (could not be deleted)\n")
		for _, s := range capList(v.Run.Leftovers, maxListed) {
			l.f("- %s", oneLine(s, 200))
		}
		l.more(len(v.Run.Leftovers))
	}
	_, err := io.WriteString(w, l.b.String()+tail.b.String())
	return err
}

func (v *Verdict) writeBaseline(l *lines) {
	if v.Baseline == nil {
		return
	}
	l.f("\n## Against the baseline (`%s`)\n", v.Baseline.Path)
	l.f("%d new, %d known, %d fixed, %d stale, %d expired.", len(v.New), len(v.Known), len(v.Fixed), len(v.Stale), len(v.Expired))
	if len(v.New) > 0 {
		l.f("\nNew failures (they fail the run):\n")
		for _, s := range capList(v.New, maxListed) {
			l.f("- `%s`: %s", s.ID, oneLine(v.NewReason(s), 160))
		}
		l.more(len(v.New))
	}
	entries := func(title string, es []Entry) {
		if len(es) == 0 {
			return
		}
		l.f("\n%s\n", title)
		for _, e := range capList(es, maxListed) {
			l.f("- `%s`%s (line %d): %s", e.ID, ruleSuffix(e.Rule), e.Line, oneLine(e.Reason, 120))
		}
		l.more(len(es))
	}
	fixed := "Fixed: these entries now pass; remove them (the baseline only shrinks):"
	if v.Strict {
		fixed = "Fixed (strict mode: they fail the run until removed from the baseline):"
	}
	entries(fixed, v.Fixed)
	entries("Stale: no scenario of that ID ran (renamed, removed or filtered out):", v.Stale)
	entries("Expired: past their date, their failures count as new:", v.Expired)
}

func ruleSuffix(rule string) string {
	if rule == "" {
		return ""
	}
	return " [" + rule + "]"
}

func (v *Verdict) writeGroups(l *lines) {
	groups := v.Groups()
	if len(groups) == 0 {
		return
	}
	l.f("\n## Root causes (%d), largest first\n", len(groups))
	if fs := capList(v.SharedFindings(), maxFindings); len(fs) > 0 {
		for _, f := range fs {
			l.f("- Seen across %d operations in %d scenarios: `%s`: %s", f.Operations, f.Scenarios, f.Field, oneLine(f.Saw, 100))
		}
		l.f("")
	}
	l.f("| scenarios | new | rule | operation | kind | what came back (first) | e.g. |")
	l.f("|---:|---:|---|---|---|---|---|")
	// Largest first; a smaller group with new failures is never cut off behind known ones.
	shown := capList(groups, maxGroups)
	for _, g := range groups[len(shown):] {
		if g.New > 0 && len(shown) < maxGroups+maxListed {
			shown = append(shown, g)
		}
	}
	for _, g := range shown {
		ids := make([]string, 0, maxExamples)
		for _, s := range capList(g.Scenarios, maxExamples) {
			ids = append(ids, "`"+s.ID+"`")
		}
		if n := len(g.Scenarios) - len(ids); n > 0 {
			ids = append(ids, fmt.Sprintf("+%d", n))
		}
		setup := ""
		if g.Setup {
			setup = " (in a setup step)"
		}
		l.f("| %d | %d | %s%s | %s | %s | %s | %s |", len(g.Scenarios), g.New, cell(g.Rule), setup, cell(g.Operation), g.Kind,
			cell(g.Saw), strings.Join(ids, " "))
	}
	if n := len(groups) - len(shown); n > 0 {
		l.f("\n%d smaller groups in failures.md.", n)
	}
}

// cell makes s safe inside a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(oneLine(s, 100), "|", `\|`) }

func (v *Verdict) writeGrid(l *lines) {
	type key struct{ surface, category string }
	grid := map[key]*results.Counts{}
	for _, s := range v.Run.Scenarios {
		k := key{s.Surface, s.Category}
		if grid[k] == nil {
			grid[k] = &results.Counts{}
		}
		grid[k].Add(s.Outcome)
	}
	if len(grid) == 0 {
		return
	}
	keys := slices.SortedFunc(maps.Keys(grid), func(a, b key) int {
		return strings.Compare(a.surface+"/"+a.category, b.surface+"/"+b.category)
	})
	l.f("\n## By surface and category\n")
	l.f("| surface | category | pass | fail | error | skip |")
	l.f("|---|---|---:|---:|---:|---:|")
	for _, k := range capList(keys, maxGridRows) {
		c := grid[k]
		l.f("| %s | %s | %d | %d | %d | %d |", k.surface, k.category, c.Pass, c.Fail, c.Error, c.Skip)
	}
	if n := len(keys) - maxGridRows; n > 0 {
		l.f("\n%d more surface × category rows in results.json.", n)
	}
}

// writeSkips groups skipped scenarios by reason, so "not configured" shows once.
func (v *Verdict) writeSkips(l *lines) {
	by := map[results.SkipReason][]string{}
	for _, s := range v.Run.Scenarios {
		if s.Outcome == results.Skip {
			by[s.SkipReason] = append(by[s.SkipReason], s.ID)
		}
	}
	if len(by) == 0 {
		return
	}
	l.f("\n## Skipped, by reason\n")
	reasons := slices.Collect(maps.Keys(by))
	sort.Slice(reasons, func(i, j int) bool { return len(by[reasons[i]]) > len(by[reasons[j]]) })
	for _, r := range reasons {
		name := string(r)
		if name == "" {
			name = "(no reason given)"
		}
		l.f("- %s: %d (e.g. `%s`)", name, len(by[r]), by[r][0])
	}
}

// writeFlaky lists scenarios whose exchanges needed retries: never silently green.
func (v *Verdict) writeFlaky(l *lines) {
	var flaky []*results.Scenario
	for _, s := range v.Run.Scenarios {
		if s.Flaky {
			flaky = append(flaky, s)
		}
	}
	if len(flaky) == 0 {
		return
	}
	l.f("\n## Flaky: %d scenarios needed retried exchanges\n", len(flaky))
	for _, s := range capList(flaky, maxListed) {
		l.f("- `%s` (%s)", s.ID, s.Outcome)
	}
	l.more(len(flaky))
}

// writeErrors groups scenarios the suite could not check by cause (rule × kind), largest
// first, with one example each: not the target's fault.
func (v *Verdict) writeErrors(l *lines) {
	type group struct {
		cause   string
		n       int
		example string
	}
	var groups []*group
	idx := map[string]*group{}
	total := 0
	for _, s := range v.Run.Scenarios {
		if s.Outcome != results.Error {
			continue
		}
		total++
		cause, example := "(no reason given)", s.ID
		if len(s.Failures) > 0 {
			f := s.Failures[0]
			cause, example = strings.TrimSpace(f.Rule+" "+f.Kind), s.ID+": "+s.Reason()
		}
		g := idx[cause]
		if g == nil {
			g = &group{cause: cause, example: example}
			idx[cause] = g
			groups = append(groups, g)
		}
		g.n++
	}
	if total == 0 {
		return
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].n > groups[j].n })
	l.f("\n## Suite errors: %d scenarios could not be checked (not conformance failures)\n", total)
	for _, g := range capList(groups, maxListed) {
		l.f("- %d × %s, e.g. `%s`", g.n, g.cause, oneLine(g.example, 200))
	}
	l.more(len(groups))
}

// more points to failures.md when a list of total items was cut at maxListed.
func (l *lines) more(total int) {
	if n := total - maxListed; n > 0 {
		l.f("- … and %d more in failures.md", n)
	}
}

func observations(r *results.Run) int {
	n := 0
	for _, s := range r.Scenarios {
		n += len(s.Observations)
	}
	return n
}

func capList[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n]
	}
	return s
}
