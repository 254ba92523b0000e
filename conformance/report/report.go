// Package report turns the `go test -json` events of a conformance run into a summary for
// people: pass/fail/skip per surface × category, then every failure with its full message.
package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// event is one line of `go test -json` (test2json) output.
type event struct {
	Action string
	Test   string
	Output string
	Key    string
	Value  string
}

// Scenario is one scenario's outcome as read from the events.
type Scenario struct {
	ID          string
	Outcome     string // pass, fail, skip, error
	Basis       string
	Requirement string
	Output      []string // the scenario's own lines (failure or skip messages)
	Flaky       bool     // passed or failed only after retried exchanges
}

// Run is everything the summary shows.
type Run struct {
	Scenarios []*Scenario
	Leftovers []string
	Notes     []string // run-level messages: target, cleanup, suite errors outside scenarios
}

const (
	rootTest    = "TestConformance"
	suiteError  = "SUITE ERROR"
	leftoverTag = "LEFTOVER:"
	flakyTag    = "FLAKY:"
)

// Parse reads test2json events and keeps the subtests of TestConformance.
func Parse(r io.Reader) (*Run, error) {
	run := &Run{}
	byID := map[string]*Scenario{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var ev event
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue // gotestsum's jsonfile may hold non-JSON build output
		}
		if ev.Test == rootTest {
			line := strings.TrimSpace(ev.Output)
			switch {
			case ev.Action != "output" || line == "":
			case strings.Contains(line, leftoverTag):
				run.Leftovers = append(run.Leftovers, strings.TrimSpace(line[strings.Index(line, leftoverTag)+len(leftoverTag):]))
			case !strings.HasPrefix(line, "=== ") && !strings.HasPrefix(line, "--- "):
				run.Notes = append(run.Notes, line)
			}
			continue
		}
		id, ok := strings.CutPrefix(ev.Test, rootTest+"/")
		if !ok {
			continue
		}
		s := byID[id]
		if s == nil {
			s = &Scenario{ID: id}
			byID[id] = s
			run.Scenarios = append(run.Scenarios, s)
		}
		switch ev.Action {
		case "attr":
			switch ev.Key {
			case "basis":
				s.Basis = ev.Value
			case "requirement":
				s.Requirement = ev.Value
			}
		case "pass", "skip":
			s.Outcome = ev.Action
		case "fail":
			s.Outcome = "fail"
			for _, l := range s.Output {
				if strings.Contains(l, suiteError) {
					s.Outcome = "error"
				}
			}
		case "output":
			if l := strings.TrimRight(ev.Output, "\n"); !strings.HasPrefix(strings.TrimSpace(l), "=== ") && !strings.HasPrefix(strings.TrimSpace(l), "--- ") {
				s.Output = append(s.Output, l)
				s.Flaky = s.Flaky || strings.Contains(l, flakyTag)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read events: %w", err)
	}
	sort.Slice(run.Scenarios, func(i, j int) bool { return run.Scenarios[i].ID < run.Scenarios[j].ID })
	return run, nil
}

// Counts are outcome totals.
type Counts struct{ Pass, Fail, Error, Skip int }

func (c *Counts) add(outcome string) {
	switch outcome {
	case "pass":
		c.Pass++
	case "fail":
		c.Fail++
	case "error":
		c.Error++
	case "skip":
		c.Skip++
	}
}

// Total counts every scenario.
func (c Counts) Total() int { return c.Pass + c.Fail + c.Error + c.Skip }

// Totals counts outcomes over the whole run.
func (r *Run) Totals() Counts {
	var c Counts
	for _, s := range r.Scenarios {
		c.add(s.Outcome)
	}
	return c
}

// Cell is a surface × category row.
type Cell struct {
	Surface, Category string
	Counts
}

// Grid counts outcomes per surface and category, ordered by surface then category.
func (r *Run) Grid() []Cell {
	idx := map[[2]string]*Cell{}
	var cells []*Cell
	for _, s := range r.Scenarios {
		parts := strings.SplitN(s.ID, "/", 3)
		if len(parts) < 2 {
			parts = append(parts, "")
		}
		k := [2]string{parts[0], parts[1]}
		c := idx[k]
		if c == nil {
			c = &Cell{Surface: k[0], Category: k[1]}
			idx[k] = c
			cells = append(cells, c)
		}
		c.add(s.Outcome)
	}
	sort.Slice(cells, func(i, j int) bool {
		if cells[i].Surface != cells[j].Surface {
			return cells[i].Surface < cells[j].Surface
		}
		return cells[i].Category < cells[j].Category
	})
	out := make([]Cell, len(cells))
	for i, c := range cells {
		out[i] = *c
	}
	return out
}
