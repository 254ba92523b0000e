// Package report turns a conformance run (the typed model of package results) into its
// verdict: which failures are new and which a known-failures baseline excuses, root-cause
// groups, and the files people and CI read — summary.md (bounded), failures.md (everything),
// a compact JUnit file — plus the diff of two runs. It reads no message text, apart from
// legacy.go, which goes when the engine attaches its attributes.
package report

import (
	"slices"
	"strings"
	"time"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// Exit statuses of `make conformance`, documented in the README.
const (
	ExitConformant    = 0 // every scenario that ran passed, or failed only as the baseline allows
	ExitNonConformant = 1 // the target broke a rule the baseline does not excuse
	ExitSuiteError    = 2 // the suite could not check the target
)

// Verdict is what a run means: which failures are new, which the baseline knows, which
// baseline entries are fixed, stale or expired.
type Verdict struct {
	Run      *results.Run
	Baseline *Baseline // nil: every failure is new
	Strict   bool      // a fixed entry fails the run (CONFORMANCE_BASELINE_STRICT=1)

	New   []*results.Scenario // fail the run
	Known []*results.Scenario // excused by the baseline
	// KnownBy gives the entries that excuse each known scenario, by ID.
	KnownBy map[string][]Entry
	Fixed   []Entry // the scenario ran and no longer fails (with the entry's rule)
	Stale   []Entry // no scenario of that ID in this run
	Expired []Entry // past its date: its failures count as new
	// RunError is set when the run itself broke outside any scenario.
	RunError string
}

// Judge classifies the run's failures against the baseline (nil for none) at time now.
func Judge(run *results.Run, b *Baseline, strict bool, now time.Time) *Verdict {
	v := &Verdict{Run: run, Baseline: b, Strict: strict, KnownBy: map[string][]Entry{}}
	v.RunError = runError(run)
	byID := map[string][]Entry{}
	if b != nil {
		for _, e := range b.Entries {
			if e.Expired(now) {
				v.Expired = append(v.Expired, e)
				continue
			}
			byID[e.ID] = append(byID[e.ID], e)
		}
	}
	for _, s := range run.Scenarios {
		if s.Outcome != results.Fail {
			continue
		}
		if entries, ok := excused(s, byID[s.ID]); ok {
			v.Known = append(v.Known, s)
			v.KnownBy[s.ID] = entries
		} else {
			v.New = append(v.New, s)
		}
	}
	if b != nil {
		for _, e := range b.Entries {
			s := run.Scenario(e.ID)
			switch {
			case s == nil && len(run.Scenarios) > 0: // a run that broke says nothing about IDs
				v.Stale = append(v.Stale, e)
			case s == nil:
			case s.Outcome == results.Pass,
				s.Outcome == results.Fail && e.Rule != "" && !hasRule(s, e.Rule):
				v.Fixed = append(v.Fixed, e)
			}
		}
	}
	return v
}

// excused reports whether entries cover every failure of s: an entry without a rule covers
// the scenario; otherwise each failure's rule must be listed.
func excused(s *results.Scenario, entries []Entry) ([]Entry, bool) {
	if len(entries) == 0 {
		return nil, false
	}
	for _, e := range entries {
		if e.Rule == "" {
			return []Entry{e}, true
		}
	}
	var used []Entry
	for _, f := range s.Failures {
		i := slices.IndexFunc(entries, func(e Entry) bool { return e.Rule == f.Rule })
		if i < 0 {
			return nil, false
		}
		if !slices.ContainsFunc(used, func(e Entry) bool { return e.Rule == f.Rule }) {
			used = append(used, entries[i])
		}
	}
	return used, len(used) > 0
}

// NewReason is the one-line reason a new failure fails the run: its first failure the
// baseline does not excuse (a known scenario failing for a new rule shows the new rule).
func (v *Verdict) NewReason(s *results.Scenario) string {
	for _, f := range s.Failures {
		if !v.excuses(s.ID, f.Rule) {
			if f.Message != "" {
				return f.Message
			}
			return f.Rule
		}
	}
	return s.Reason()
}

// excuses reports whether a live (not expired) baseline entry accepts rule failing in the
// scenario id.
func (v *Verdict) excuses(id, rule string) bool {
	if v.Baseline == nil {
		return false
	}
	for _, e := range v.Baseline.Entries {
		if e.ID == id && (e.Rule == "" || e.Rule == rule) && !slices.Contains(v.Expired, e) {
			return true
		}
	}
	return false
}

func hasRule(s *results.Scenario, rule string) bool {
	return slices.ContainsFunc(s.Failures, func(f results.Failure) bool { return f.Rule == rule })
}

// runError tells a run that broke outside its scenarios: never started, build failure, or
// TestConformance failing while no scenario did (unreachable target, bad setup).
func runError(run *results.Run) string {
	t := run.Totals()
	switch {
	case run.RootOutcome == "" && len(run.Scenarios) == 0:
		if len(run.Errors) > 0 {
			return "the suite did not run: " + run.Errors[0]
		}
		return "the suite did not run (no events)"
	case run.RootOutcome == string(results.Fail) && t.Fail == 0 && t.Error == 0:
		for _, n := range run.Notes {
			if strings.Contains(n, "SUITE ERROR") || strings.Contains(strings.ToLower(n), "error") {
				return n
			}
		}
		return "TestConformance failed outside any scenario"
	}
	return ""
}

// ExitStatus is the run's verdict as a process status.
func (v *Verdict) ExitStatus() int {
	t := v.Run.Totals()
	switch {
	case v.RunError != "" || t.Error > 0 || t.Pass+t.Fail == 0 || v.notStarted():
		return ExitSuiteError
	case len(v.New) > 0 || v.Strict && len(v.Fixed) > 0:
		return ExitNonConformant
	}
	return ExitConformant
}

// notStarted reports scenarios skipped because the run stopped early (deadline, interrupt,
// target gone): the target was not fully checked, so the run cannot be called conformant.
func (v *Verdict) notStarted() bool {
	return slices.ContainsFunc(v.Run.Scenarios, func(s *results.Scenario) bool {
		return s.Outcome == results.Skip && s.SkipReason == results.NotStarted
	})
}

// Headline says the exit status in words.
func (v *Verdict) Headline() string {
	switch v.ExitStatus() {
	case ExitSuiteError:
		return "suite error: the suite could not check the target"
	case ExitNonConformant:
		if len(v.New) == 0 {
			return "non-conformant: baseline entries are fixed (strict mode): remove them"
		}
		return "non-conformant: the target broke at least one rule"
	}
	if len(v.Known) > 0 {
		return "conformant apart from known failures (baseline)"
	}
	return "conformant: every scenario that ran passed"
}

// BaselineFromRun lists every failing scenario of run as baseline entries, one per rule.
func BaselineFromRun(run *results.Run) []Entry {
	var out []Entry
	for _, s := range run.Scenarios {
		if s.Outcome != results.Fail {
			continue
		}
		seen := map[string]bool{}
		for _, f := range s.Failures {
			if seen[f.Rule] {
				continue
			}
			seen[f.Rule] = true
			out = append(out, Entry{ID: s.ID, Rule: f.Rule, Reason: "TODO: why this is accepted (" + oneLine(f.Message, 120) + ")"})
		}
		if len(s.Failures) == 0 {
			out = append(out, Entry{ID: s.ID, Reason: "TODO: why this is accepted"})
		}
	}
	return out
}

// oneLine flattens s to one line of at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
