package results

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"gotest.tools/gotestsum/testjson"
)

// Attribute keys the engine sets on a scenario subtest (docs/results-format.md).
const (
	AttrSurface     = "surface"
	AttrCategory    = "category"
	AttrBasis       = "basis"
	AttrRequirement = "requirement"
	AttrDerived     = "derived"
	AttrOutcome     = "outcome"
	AttrSkipReason  = "skip_reason"
	AttrFlaky       = "flaky"
	AttrFailure     = "failure"
	AttrObservation = "observation"
	// AttrLeftover on TestConformance itself names a resource the run could not delete.
	AttrLeftover = "leftover"
)

// ReadEventsFile reads a gotestsum --jsonfile (or `go test -json` output).
func ReadEventsFile(path string) (*Run, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open events (run the suite first): %w", err)
	}
	defer f.Close()
	run, err := ReadEvents(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return run, nil
}

// maxEventLine bounds one event line: far above any output or attribute line the engine
// writes (bodies are capped), and above bufio's 64 KiB default, which testjson's own scanner
// keeps and which a long failure would overflow.
const maxEventLine = 64 << 20

// ReadEvents builds the run model from test2json events (decoded as testjson.TestEvent).
// Lines that are not JSON (build output gotestsum copies into its jsonfile) are kept as run
// errors, not fatal.
func ReadEvents(r io.Reader) (*Run, error) {
	h := &handler{run: &Run{}, byName: map[string]*Scenario{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxEventLine)
	for sc.Scan() {
		var ev testjson.TestEvent
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil || ev.Action == "" {
			h.nonJSON(sc.Text())
			continue
		}
		if h.run.Started.IsZero() || (!ev.Time.IsZero() && ev.Time.Before(h.run.Started)) {
			h.run.Started = ev.Time
		}
		if err := h.event(ev); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read events: %w", err)
	}
	run := h.run
	if run.Elapsed == 0 {
		run.Elapsed = h.pkgElapsed
	}
	run.Scenarios = keepScenarios(run.Scenarios)
	sort.Slice(run.Scenarios, func(i, j int) bool { return run.Scenarios[i].ID < run.Scenarios[j].ID })
	return run, nil
}

// keepScenarios drops subtests of scenarios: once the engine sets the outcome attribute,
// only tests carrying it are scenarios. Without any (an older engine) every subtest is one.
func keepScenarios(all []*Scenario) []*Scenario {
	attributed := false
	for _, s := range all {
		attributed = attributed || s.Attributed
	}
	if !attributed {
		return all
	}
	out := all[:0]
	for _, s := range all {
		if s.Attributed {
			out = append(out, s)
		}
	}
	return out
}

type handler struct {
	run        *Run
	byName     map[string]*Scenario
	pkgElapsed time.Duration // the package's, for a run whose TestConformance never ended
}

func (h *handler) nonJSON(text string) {
	if strings.TrimSpace(text) != "" {
		h.run.Errors = append(h.run.Errors, text)
	}
}

func (h *handler) event(ev testjson.TestEvent) error {
	if ev.Test == RootTest {
		h.rootEvent(ev)
		return nil
	}
	id, ok := strings.CutPrefix(ev.Test, RootTest+"/")
	if !ok {
		switch {
		case ev.Action == testjson.ActionBuild: // compiler errors: the suite never ran
			h.run.Errors = append(h.run.Errors, strings.TrimRight(ev.Output, "\n"))
		case ev.Test == "" && ev.Action == testjson.ActionOutput && isProblem(ev.Output):
			h.run.Errors = append(h.run.Errors, strings.TrimRight(ev.Output, "\n"))
		case ev.Test == "" && ev.Action.IsTerminal():
			h.pkgElapsed = time.Duration(ev.Elapsed * float64(time.Second))
		}
		return nil
	}
	s := h.byName[id]
	if s == nil {
		s = &Scenario{ID: id}
		s.Surface, s.Category = splitID(id)
		h.byName[id] = s
		h.run.Scenarios = append(h.run.Scenarios, s)
	}
	switch ev.Action {
	case testjson.ActionAttr:
		if err := s.setAttr(ev.Key, ev.Value); err != nil {
			return fmt.Errorf("scenario %s: %w", id, err)
		}
	case testjson.ActionPass, testjson.ActionFail, testjson.ActionSkip:
		s.Elapsed = time.Duration(ev.Elapsed * float64(time.Second))
		if !s.Attributed {
			s.Outcome = Outcome(ev.Action)
		}
	case testjson.ActionOutput:
		if l := strings.TrimRight(ev.Output, "\n"); !isMarker(l) {
			s.Output = append(s.Output, l)
		}
	}
	return nil
}

func (h *handler) rootEvent(ev testjson.TestEvent) {
	switch ev.Action {
	case testjson.ActionAttr:
		if ev.Key == AttrLeftover {
			h.run.Leftovers = append(h.run.Leftovers, ev.Value)
			return
		}
		if h.run.Info == nil {
			h.run.Info = map[string][]string{}
		}
		h.run.Info[ev.Key] = append(h.run.Info[ev.Key], ev.Value)
	case testjson.ActionPass, testjson.ActionFail, testjson.ActionSkip:
		h.run.RootOutcome = string(ev.Action)
		h.run.Elapsed = time.Duration(ev.Elapsed * float64(time.Second))
	case testjson.ActionOutput:
		if l := strings.TrimSpace(ev.Output); l != "" && !isMarker(l) {
			h.run.Notes = append(h.run.Notes, Dedent(l))
		}
	}
}

func (s *Scenario) setAttr(key, value string) error {
	switch key {
	case AttrSurface:
		s.Surface = value
	case AttrCategory:
		s.Category = value
	case AttrBasis:
		s.Basis = value
	case AttrRequirement:
		s.Requirement = value
	case AttrDerived:
		s.Derived = value == "true"
	case AttrOutcome:
		s.Outcome, s.Attributed = Outcome(value), true
	case AttrSkipReason:
		s.SkipReason = SkipReason(value)
	case AttrFlaky:
		s.Flaky = value == "true"
	case AttrFailure:
		var f Failure
		if err := json.Unmarshal([]byte(value), &f); err != nil {
			return fmt.Errorf("failure attribute is not a JSON object: %w", err)
		}
		s.Failures = append(s.Failures, f)
	case AttrObservation:
		var o Observation
		if err := json.Unmarshal([]byte(value), &o); err != nil {
			return fmt.Errorf("observation attribute is not a JSON object: %w", err)
		}
		s.Observations = append(s.Observations, o)
	}
	return nil // unknown keys belong to newer engines: ignored
}

// isMarker reports go test's own === RUN / --- PASS lines.
func isMarker(line string) bool {
	l := strings.TrimSpace(line)
	return strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- ")
}

// isProblem keeps package-level output that says something (a configuration error from
// TestMain, a panic, a failed build), not go test's own closing PASS / FAIL / ok lines.
func isProblem(out string) bool {
	l := strings.TrimSpace(out)
	switch {
	case l == "", l == "PASS", l == "FAIL", strings.HasPrefix(l, "ok "), strings.HasPrefix(l, "ok\t"),
		strings.HasPrefix(l, "FAIL\t") && !strings.Contains(l, "failed]"), isMarker(l):
		return false
	}
	return true
}

// Dedent strips the indentation and file:line prefix go test adds to log output.
func Dedent(l string) string {
	l = strings.TrimLeft(l, " \t")
	if i := strings.Index(l, ".go:"); i >= 0 && i < 40 && !strings.Contains(l[:i], " ") {
		if j := strings.Index(l[i+4:], ": "); j >= 0 && j < 6 {
			l = l[i+4+j+2:]
		}
	}
	return l
}
