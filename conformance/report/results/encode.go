package results

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// EncodeEvents writes run as the test2json events an engine following
// docs/results-format.md produces: the inverse of ReadEvents, for fixtures and tools that
// need an events file (a report of a run read back from results.json).
func EncodeEvents(w io.Writer, run *Run) error {
	enc := json.NewEncoder(w)
	t := run.Started
	if t.IsZero() {
		t = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	emit := func(action, test, key, value string, elapsed float64) error {
		ev := struct {
			Time    time.Time
			Action  string
			Package string
			Test    string  `json:",omitempty"`
			Key     string  `json:",omitempty"`
			Value   string  `json:",omitempty"`
			Elapsed float64 `json:",omitempty"`
		}{t, action, "github.com/clientconf/clientconf/conformance", test, key, value, elapsed}
		if err := enc.Encode(ev); err != nil {
			return fmt.Errorf("encode event: %w", err)
		}
		return nil
	}
	if err := emit("run", RootTest, "", "", 0); err != nil {
		return err
	}
	for _, lo := range run.Leftovers {
		if err := emit("attr", RootTest, AttrLeftover, lo, 0); err != nil {
			return err
		}
	}
	for _, s := range run.Scenarios {
		if err := encodeScenario(emit, s); err != nil {
			return err
		}
	}
	root := run.RootOutcome
	if root == "" {
		root = string(Pass)
		if c := run.Totals(); c.Fail+c.Error > 0 {
			root = string(Fail)
		}
	}
	return emit(root, RootTest, "", "", run.Elapsed.Seconds())
}

func encodeScenario(emit func(action, test, key, value string, elapsed float64) error, s *Scenario) error {
	name := RootTest + "/" + s.ID
	attrs := [][2]string{{AttrSurface, s.Surface}, {AttrCategory, s.Category}, {AttrBasis, s.Basis}, {AttrRequirement, s.Requirement}}
	if s.Derived {
		attrs = append(attrs, [2]string{AttrDerived, "true"})
	}
	if s.Flaky {
		attrs = append(attrs, [2]string{AttrFlaky, "true"})
	}
	for _, f := range s.Failures {
		b, err := json.Marshal(f)
		if err != nil {
			return fmt.Errorf("encode failure: %w", err)
		}
		attrs = append(attrs, [2]string{AttrFailure, string(b)})
	}
	for _, o := range s.Observations {
		b, err := json.Marshal(o)
		if err != nil {
			return fmt.Errorf("encode observation: %w", err)
		}
		attrs = append(attrs, [2]string{AttrObservation, string(b)})
	}
	if s.SkipReason != "" {
		attrs = append(attrs, [2]string{AttrSkipReason, string(s.SkipReason)})
	}
	attrs = append(attrs, [2]string{AttrOutcome, string(s.Outcome)})
	if err := emit("run", name, "", "", 0); err != nil {
		return err
	}
	for _, a := range attrs {
		if a[1] == "" {
			continue
		}
		if err := emit("attr", name, a[0], a[1], 0); err != nil {
			return err
		}
	}
	action := string(s.Outcome)
	if s.Outcome == Error {
		action = string(Fail) // go test knows only pass, fail, skip
	}
	return emit(action, name, "", "", s.Elapsed.Seconds())
}
