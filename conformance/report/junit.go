package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// node is a generic XML element, so the JUnit file gotestsum wrote round-trips unchanged
// apart from what RewriteJUnit changes.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []*node    `xml:",any"`
}

func (n *node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *node) setAttr(name, value string) {
	for i, a := range n.Attrs {
		if a.Name.Local == name {
			n.Attrs[i].Value = value
			return
		}
	}
	n.Attrs = append(n.Attrs, xml.Attr{Name: xml.Name{Local: name}, Value: value})
}

// RewriteJUnit turns the <failure> of every scenario that ended in a suite error into an
// <error> element (JUnit's "the test could not run"), and fixes the failures/errors counts,
// so CI dashboards tell "the target is wrong" from "the suite could not check".
func (r *Run) RewriteJUnit(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read junit: %w", err)
	}
	var root node
	if err := xml.Unmarshal(data, &root); err != nil {
		return fmt.Errorf("parse junit %s: %w", path, err)
	}
	errored := map[string]bool{}
	for _, s := range r.Scenarios {
		if s.Outcome == "error" {
			errored[rootTest+"/"+s.ID] = true
		}
	}
	// The run's own testcase fails whenever a scenario does. When no scenario failed, its
	// failure is the suite's: a run-level suite error (target unreachable, no scenario ran)
	// or scenarios that all ended in suite errors.
	if t := r.Totals(); t.Fail == 0 && (t.Error > 0 || r.runLevelSuiteError()) {
		errored[rootTest] = true
	}
	moved := 0
	for _, suite := range root.Nodes {
		n := 0
		for _, tc := range suite.Nodes {
			if tc.XMLName.Local != "testcase" || !errored[tc.attr("name")] {
				continue
			}
			for _, child := range tc.Nodes {
				if child.XMLName.Local == "failure" {
					child.XMLName.Local = "error"
					child.setAttr("message", "suite error: the target could not be checked")
					n++
				}
			}
		}
		adjust(suite, n)
		moved += n
	}
	adjust(&root, moved)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "\t")
	if err := enc.Encode(&root); err != nil {
		return fmt.Errorf("encode junit: %w", err)
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// runLevelSuiteError reports whether the run itself, outside any scenario, stopped on a
// suite error.
func (r *Run) runLevelSuiteError() bool {
	for _, n := range r.Notes {
		if strings.Contains(n, suiteError) {
			return true
		}
	}
	return false
}

// adjust moves n counted failures to errors on a testsuite(s) element.
func adjust(n *node, moved int) {
	if moved == 0 {
		return
	}
	f, _ := strconv.Atoi(n.attr("failures"))
	e, _ := strconv.Atoi(n.attr("errors"))
	n.setAttr("failures", strconv.Itoa(max(f-moved, 0)))
	n.setAttr("errors", strconv.Itoa(e+moved))
}
