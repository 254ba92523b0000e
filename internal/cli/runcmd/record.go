package runcmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/clientconf/clientconf/conformance/engine"
	"github.com/clientconf/clientconf/conformance/report/results"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// pkg is the package `go test` reports TestConformance under.
const pkg = "github.com/clientconf/clientconf/conformance/engine"

// recording writes a run as the test2json events `go test -json ./conformance` gives for it
// (docs/results-format.md): so events.json has the same shape as `make conformance`'s, and
// the report reads it with the same parser.
type recording struct {
	buf     bytes.Buffer
	enc     *json.Encoder
	started time.Time
	// warnings (e.g. about the configuration) go where `go test` puts them: after a
	// configuration error, or logged on TestConformance.
	warnings []string
}

func newRecording() *recording {
	r := &recording{started: time.Now()}
	r.enc = json.NewEncoder(&r.buf)
	return r
}

// event is one test2json line.
type event struct {
	Time    time.Time
	Action  string
	Package string
	Test    string  `json:",omitempty"`
	Output  string  `json:",omitempty"`
	Key     string  `json:",omitempty"`
	Value   string  `json:",omitempty"`
	Elapsed float64 `json:",omitempty"`
}

func (r *recording) emit(ev event) {
	if ev.Time.IsZero() {
		ev.Time = time.Now()
	}
	ev.Package = pkg
	_ = r.enc.Encode(ev) // into memory: cannot fail for these values
}

func (r *recording) output(test, line string) {
	r.emit(event{Action: "output", Test: test, Output: line + "\n"})
}

func (r *recording) logWarnings() {
	for _, w := range r.warnings {
		r.output(results.RootTest, w)
	}
}

// configError is TestMain stopping at once on a bad configuration: package output, no test.
func (r *recording) configError(err error) *recording {
	r.emit(event{Action: "start"})
	r.output("", err.Error())
	for _, w := range r.warnings {
		r.output("", w)
	}
	r.emit(event{Action: "fail", Elapsed: time.Since(r.started).Seconds()})
	return r
}

// suiteError is TestConformance failing before any scenario ran.
func (r *recording) suiteError(err error) *recording {
	r.emit(event{Time: r.started, Action: "run", Test: results.RootTest})
	r.logWarnings()
	r.output(results.RootTest, scenario.SuiteErrorPrefix+" "+err.Error())
	r.emit(event{Action: "fail", Test: results.RootTest, Elapsed: time.Since(r.started).Seconds()})
	return r
}

// collected writes a finished run: what Suite.Run logs and attaches on TestConformance and on
// each scenario's subtest.
func (r *recording) collected(c *engine.Collection) *recording {
	root := results.RootTest
	r.emit(event{Time: r.started, Action: "run", Test: root})
	r.logWarnings()
	r.output(root, fmt.Sprintf("target: %s; surfaces: %v; run prefix: %s", c.Target, c.Surfaces, c.Prefix))
	failed, notStarted, why := false, 0, ""
	for _, res := range c.Results {
		name := root + "/" + res.ID
		r.emit(event{Time: time.Now().Add(-res.Elapsed), Action: "run", Test: name})
		for _, kv := range res.Attrs {
			r.emit(event{Action: "attr", Test: name, Key: kv[0], Value: kv[1]})
		}
		for _, m := range res.Messages {
			for _, line := range strings.Split(m, "\n") {
				r.output(name, "    "+line)
			}
		}
		action := "pass"
		switch res.Outcome {
		case engine.Failed, engine.Errored:
			action, failed = "fail", true
		case engine.Skipped:
			action = "skip"
			if res.SkipReason == scenario.NotStarted {
				notStarted++
				if why == "" && len(res.Messages) > 0 {
					why = strings.TrimPrefix(res.Messages[len(res.Messages)-1], "skipped: not started: ")
				}
			}
		}
		r.emit(event{Action: action, Test: name, Elapsed: res.Elapsed.Seconds()})
	}
	if notStarted > 0 {
		// The run is incomplete: the suite's failure to check, not the target's.
		failed = true
		r.output(root, fmt.Sprintf("%s %d scenarios not started: %s", scenario.SuiteErrorPrefix, notStarted, why))
	}
	r.output(root, fmt.Sprintf("cleanup: %d resources created, %d left over", c.Created, len(c.Leftovers)))
	for _, lo := range c.Leftovers {
		r.emit(event{Action: "attr", Test: root, Key: results.AttrLeftover, Value: lo})
	}
	action := "pass"
	if failed {
		action = "fail"
	}
	r.emit(event{Action: action, Test: root, Elapsed: time.Since(r.started).Seconds()})
	return r
}
