package report

import (
	"sort"
	"strings"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// Cause is a root cause: the rule that failed, on which operation, with which kind of
// difference. A failure in a setup step carries that step's rule, so a broken create
// groups every scenario that needed one, whatever their titles.
type Cause struct {
	Rule, Operation, Kind string
}

// Group is the failing scenarios sharing one cause.
type Group struct {
	Cause
	Scenarios []*results.Scenario
	New       int  // how many of them fail for this cause without a baseline entry excusing it
	Setup     bool // the cause was seen in a setup step
	Example   string
	Saw       string // the first failure's field and what came back, in short
}

// Groups returns root-cause groups over the failing scenarios, largest first.
func (v *Verdict) Groups() []*Group {
	isNew := map[string]bool{}
	for _, s := range v.New {
		isNew[s.ID] = true
	}
	idx := map[Cause]*Group{}
	var out []*Group
	for _, s := range v.Run.Scenarios {
		if s.Outcome != results.Fail {
			continue
		}
		seen := map[Cause]bool{}
		for _, f := range s.Failures {
			c := causeOf(f)
			g := idx[c]
			if g == nil {
				g = &Group{Cause: c, Example: f.Message, Saw: sawOf(f)}
				idx[c] = g
				out = append(out, g)
			}
			g.Setup = g.Setup || f.Setup
			if seen[c] {
				continue
			}
			seen[c] = true
			g.Scenarios = append(g.Scenarios, s)
			if isNew[s.ID] && !v.excuses(s.ID, f.Rule) {
				g.New++
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].Scenarios) != len(out[j].Scenarios) {
			return len(out[i].Scenarios) > len(out[j].Scenarios)
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

func causeOf(f results.Failure) Cause {
	op := f.Operation
	if op == "" && f.Method != "" {
		op = strings.TrimSpace(f.Method + " " + f.Path)
	}
	return Cause{Rule: f.Rule, Operation: op, Kind: f.Kind}
}

// sawOf says in short what a failure found: the field and what came back there, or the
// whole message when the failure has no separate parts.
func sawOf(f results.Failure) string {
	switch {
	case f.Actual == "":
		return f.Message
	case f.Field != "":
		return f.Field + ": " + f.Actual
	}
	return f.Actual
}
