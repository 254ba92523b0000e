package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// Change is one scenario that differs between two runs.
type Change struct {
	ID                   string
	Old, New             results.Outcome // empty: not in that run
	OldReason, NewReason string
}

// Diff compares two runs.
type Diff struct {
	NewlyFailing  []Change // fail or error now, not before
	NewlyPassing  []Change // passes now, failed or errored before
	ChangedReason []Change // fails in both, for other reasons
}

// DiffRuns compares old and new scenario by scenario. Reasons are compared by what failed
// (rule, kind, field, status), not by message text, which holds per-run names and ids.
func DiffRuns(old, new *results.Run) *Diff {
	d := &Diff{}
	for _, n := range new.Scenarios {
		o := old.Scenario(n.ID)
		c := Change{ID: n.ID, New: n.Outcome, NewReason: n.Reason()}
		if o != nil {
			c.Old, c.OldReason = o.Outcome, o.Reason()
		}
		switch {
		case failed(n) && (o == nil || !failed(o)):
			d.NewlyFailing = append(d.NewlyFailing, c)
		case n.Outcome == results.Pass && o != nil && failed(o):
			d.NewlyPassing = append(d.NewlyPassing, c)
		case failed(n) && failed(o) && (n.Outcome != o.Outcome || !slices.Equal(reasonKeys(n), reasonKeys(o))):
			d.ChangedReason = append(d.ChangedReason, c)
		}
	}
	return d
}

func failed(s *results.Scenario) bool {
	return s != nil && (s.Outcome == results.Fail || s.Outcome == results.Error)
}

func reasonKeys(s *results.Scenario) []string {
	keys := make([]string, 0, len(s.Failures))
	for _, f := range s.Failures {
		keys = append(keys, fmt.Sprintf("%s|%s|%s|%d", f.Rule, f.Kind, f.Field, f.Status))
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// Empty reports whether the runs agree.
func (d *Diff) Empty() bool {
	return len(d.NewlyFailing)+len(d.NewlyPassing)+len(d.ChangedReason) == 0
}

// Write renders the diff as Markdown.
func (d *Diff) Write(w io.Writer, oldName, newName string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Conformance diff: %s → %s\n\n%d newly failing, %d newly passing, %d with changed reasons.\n",
		oldName, newName, len(d.NewlyFailing), len(d.NewlyPassing), len(d.ChangedReason))
	section := func(title string, cs []Change, show func(Change) string) {
		if len(cs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n## %s\n\n", title)
		for _, c := range cs {
			fmt.Fprintf(&b, "- `%s`: %s\n", c.ID, show(c))
		}
	}
	was := func(c Change) string {
		if c.Old == "" {
			return "new scenario"
		}
		return "was " + string(c.Old)
	}
	section("Newly failing", d.NewlyFailing, func(c Change) string {
		return fmt.Sprintf("%s (%s): %s", c.New, was(c), oneLine(c.NewReason, 200))
	})
	section("Newly passing", d.NewlyPassing, func(c Change) string {
		return fmt.Sprintf("was %s: %s", c.Old, oneLine(c.OldReason, 200))
	})
	section("Changed reasons", d.ChangedReason, func(c Change) string {
		return fmt.Sprintf("%s: %s → %s: %s", c.Old, oneLine(c.OldReason, 150), c.New, oneLine(c.NewReason, 150))
	})
	_, err := io.WriteString(w, b.String())
	return err
}
