package htmlreport

import (
	"fmt"
	"html/template"
	"slices"

	"github.com/clientconf/clientconf/conformance/redact"
	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/certificate"
	"github.com/clientconf/clientconf/conformance/report/coverage"
	"github.com/clientconf/clientconf/conformance/report/results"
)

// Bounds that keep the file small whatever the run (under 3 MB for 250 failures): bodies
// are cut, only the exchanges a failure names are shown in full, and once the body budget
// is spent the remaining bodies are cut short. The transcript has everything.
const (
	maxBody          = 2 << 10 // bytes of one body shown
	shortBody        = 256     // bytes of a body once the budget is spent
	bodyBudget       = 1 << 20 // bytes of bodies, values and reproductions in the whole file
	maxFullExchanges = 2       // exchanges shown in full per scenario
	maxListed        = 40      // exchanges listed (one line) per scenario
	maxGroupIDs      = 8       // scenario links per root-cause group
	maxGroups        = 60      // root-cause groups shown
	maxFindings      = 5       // findings shared across operations shown
	maxFailures      = 8       // failed checks shown per scenario
	maxValue         = 512     // bytes of an expected or actual value
	shortValue       = 120     // bytes of a value once the budget is spent
)

// view is what the template renders; every string in it is already masked.
type view struct {
	Cert       *certificate.Certificate
	Headline   string
	Surfaces   []surfaceRow
	Groups     []group
	MoreGroups int
	Findings   []report.Finding // a field broken the same way under several operations
	Scenarios  []scenario
	Categories []string
	Outcomes   []string
	Observed   []observation
	Coverage   *coverage.Report
	NeverEnums []string
	Notes      []string
}

type surfaceRow struct {
	Surface, Verdict string
	Rows             []certificate.Counts
	Total            certificate.Counts
}

type group struct {
	Rule, Operation, Kind, Example string
	Count, New                     int
	Setup                          bool
	Links                          []link
	More                           int
}

type link struct{ ID, Anchor string }

type scenario struct {
	ID, Anchor, Outcome, Category, Basis, Requirement, SkipReason string
	Derived, Flaky                                                bool
	Failures                                                      []results.Failure
	MoreFailures                                                  int
	Observations                                                  []results.Observation
	Full                                                          []exchange
	Listed                                                        []string
	MoreExchanges                                                 int
	Curl                                                          string
}

type observation struct{ ID, Anchor, Point, Saw string }

// builder builds the view, masking every string and spending the body budget.
type builder struct {
	red    *redact.Redactor
	budget int
}

func (b *builder) m(s string) string { return b.red.String(s) }

func (b *builder) body(s string) string {
	return b.spend(s, maxBody, shortBody, "…(%d more bytes in the transcript)")
}

func (b *builder) value(s string) string {
	return b.spend(s, maxValue, shortValue, "…(%d more bytes in failures.md)")
}

// spend masks s, cuts it to limit (short once the budget is spent) and charges the budget.
func (b *builder) spend(s string, limit, short int, more string) string {
	s = b.m(s)
	if b.budget <= 0 {
		limit = short
	}
	if len(s) > limit {
		s = cutUTF8(s, limit) + fmt.Sprintf(more, len(s)-limit)
	}
	b.budget -= escapedLen(s)
	return s
}

// escapedLen is what s costs in the page: quotes and angle brackets grow when escaped.
func escapedLen(s string) int { return len(template.HTMLEscapeString(s)) }

func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 { // do not split a rune
		n--
	}
	return s[:n]
}

func buildView(in Input) *view {
	b := &builder{red: redact.New(in.Secrets...), budget: bodyBudget}
	v := in.Verdict
	out := &view{Cert: in.Certificate, Headline: v.Headline(), Coverage: in.Coverage,
		Outcomes: []string{"fail", "known", "error", "pass", "skip"}}
	for _, n := range v.Run.Notes {
		out.Notes = append(out.Notes, b.m(n))
	}
	out.Surfaces = surfaceRows(in.Certificate)
	// Short anchors keep the links small; the position in the run is stable for one file.
	anchors := map[string]string{}
	for i, s := range v.Run.Scenarios {
		anchors[s.ID] = fmt.Sprintf("s%d", i)
	}
	findings := v.SharedFindings()
	for _, f := range findings[:min(len(findings), maxFindings)] {
		f.Field, f.Saw = b.m(f.Field), b.m(f.Saw)
		out.Findings = append(out.Findings, f)
	}
	groups := v.Groups()
	if len(groups) > maxGroups {
		out.MoreGroups = len(groups) - maxGroups
		groups = groups[:maxGroups]
	}
	for _, g := range groups {
		gr := group{Rule: b.m(g.Rule), Operation: b.m(g.Operation), Kind: g.Kind, Example: b.m(g.Example),
			Count: len(g.Scenarios), New: g.New, Setup: g.Setup}
		for i, s := range g.Scenarios {
			if i == maxGroupIDs {
				gr.More = len(g.Scenarios) - i
				break
			}
			gr.Links = append(gr.Links, link{ID: s.ID, Anchor: anchors[s.ID]})
		}
		out.Groups = append(out.Groups, gr)
	}
	known := map[string]bool{}
	for _, s := range v.Known {
		known[s.ID] = true
	}
	byScenario := map[string][]results.Entry{}
	for _, e := range in.Transcript {
		if e.Scenario != "" {
			byScenario[e.Scenario] = append(byScenario[e.Scenario], e)
		}
	}
	// Failing scenarios first, so the budget goes to them.
	ordered := slices.Clone(v.Run.Scenarios)
	slices.SortStableFunc(ordered, func(a, c *results.Scenario) int { return rank(a.Outcome) - rank(c.Outcome) })
	for _, s := range ordered {
		sc := b.scenario(s, known[s.ID], byScenario[s.ID])
		sc.Anchor = anchors[s.ID]
		out.Scenarios = append(out.Scenarios, sc)
		if !slices.Contains(out.Categories, sc.Category) {
			out.Categories = append(out.Categories, sc.Category)
		}
		for _, o := range sc.Observations {
			out.Observed = append(out.Observed, observation{ID: s.ID, Anchor: sc.Anchor, Point: o.Point, Saw: o.Saw})
		}
	}
	slices.Sort(out.Categories)
	if in.Coverage != nil && !in.Coverage.Measured {
		out.Coverage = nil // the page says why
	}
	if out.Coverage != nil {
		for i, e := range in.Coverage.Never.EnumValues {
			if i == 5000 {
				out.NeverEnums = append(out.NeverEnums, fmt.Sprintf("… %d more in coverage.json", len(in.Coverage.Never.EnumValues)-i))
				break
			}
			out.NeverEnums = append(out.NeverEnums, b.m(e))
		}
	}
	return out
}

func rank(o results.Outcome) int {
	return slices.Index([]results.Outcome{results.Fail, results.Error, results.Skip, results.Pass}, o)
}

func (b *builder) scenario(s *results.Scenario, known bool, entries []results.Entry) scenario {
	outcome := string(s.Outcome)
	if s.Outcome == results.Fail && known {
		outcome = "known"
	}
	sc := scenario{ID: s.ID, Outcome: outcome, Category: s.Surface + "/" + s.Category,
		Basis: s.Basis, Requirement: b.m(s.Requirement), SkipReason: string(s.SkipReason), Derived: s.Derived, Flaky: s.Flaky}
	for i, f := range s.Failures {
		if i == maxFailures {
			sc.MoreFailures = len(s.Failures) - i
			break
		}
		sc.Failures = append(sc.Failures, maskFailure(b, f))
	}
	for _, o := range s.Observations {
		sc.Observations = append(sc.Observations, results.Observation{Point: b.m(o.Point), Saw: b.m(o.Saw)})
	}
	if s.Outcome != results.Fail && s.Outcome != results.Error {
		return sc
	}
	failing := failingExchanges(s, entries)
	for i, e := range entries {
		line := b.m(fmt.Sprintf("%s %s → %s (as %s)", e.Method, e.URL, statusText(e.Status), e.Role))
		if failing[i] && len(sc.Full) < maxFullExchanges {
			sc.Full = append(sc.Full, b.exchange(e, line))
			continue
		}
		if len(sc.Listed) == maxListed {
			sc.MoreExchanges++
			continue
		}
		sc.Listed = append(sc.Listed, line)
	}
	if len(sc.Full) == 0 && len(entries) > 0 { // no exchange named by a failure: show the last
		e := entries[len(entries)-1]
		sc.Full = append(sc.Full, b.exchange(e, b.m(fmt.Sprintf("%s %s → %s (as %s)", e.Method, e.URL, statusText(e.Status), e.Role))))
	}
	if r := reproduction(s, entries, failing); r != nil {
		sc.Curl = b.m(Curl(*r))
		b.budget -= escapedLen(sc.Curl)
	}
	return sc
}

func maskFailure(b *builder, f results.Failure) results.Failure {
	for _, p := range []*string{&f.Rule, &f.URL, &f.Path, &f.Field, &f.Expected, &f.Actual, &f.Message, &f.Operation} {
		*p = b.value(*p)
	}
	return f
}

// surfaceRows groups the statement's category counts by surface, with a verdict each.
func surfaceRows(c *certificate.Certificate) []surfaceRow {
	var out []surfaceRow
	for _, r := range c.Categories {
		if len(out) == 0 || out[len(out)-1].Surface != r.Surface {
			out = append(out, surfaceRow{Surface: r.Surface})
		}
		s := &out[len(out)-1]
		s.Rows = append(s.Rows, r)
		s.Total.Pass += r.Pass
		s.Total.Fail += r.Fail
		s.Total.Known += r.Known
		s.Total.Error += r.Error
		s.Total.Skipped += r.Skipped
	}
	for i := range out {
		out[i].Verdict = verdictOf(out[i].Total)
	}
	return out
}

// verdictOf names a set of counts by its worst outcome.
func verdictOf(c certificate.Counts) string {
	switch {
	case c.Error > 0:
		return "error"
	case c.Fail > 0:
		return "fail"
	case c.Known > 0:
		return "known"
	case c.Pass > 0:
		return "pass"
	}
	return "skip"
}
