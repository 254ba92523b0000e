package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Entry is one accepted failure of a baseline file: the scenario may fail (with this rule
// only, when Rule is set) without failing the run, until Expires.
type Entry struct {
	ID      string    `yaml:"id"`
	Rule    string    `yaml:"rule,omitempty"`
	Reason  string    `yaml:"reason"`
	Link    string    `yaml:"link,omitempty"`
	Expires time.Time `yaml:"-"`
	// Line is where the entry starts in its file, for messages.
	Line int `yaml:"-"`
}

// Baseline is a known-failures file (CONFORMANCE_BASELINE).
type Baseline struct {
	Path    string
	Entries []Entry
}

// baselineFile is the YAML layout: a top-level `known` list, so later keys can be added.
type baselineFile struct {
	Known []struct {
		ID      string `yaml:"id"`
		Rule    string `yaml:"rule"`
		Reason  string `yaml:"reason"`
		Link    string `yaml:"link"`
		Expires string `yaml:"expires"`
		Line    int    `yaml:"-"`
	} `yaml:"known"`
}

// yamlLine finds the line number yaml.v3 puts in its error texts.
var yamlLine = regexp.MustCompile(`line (\d+)`)

// LoadBaseline reads a baseline file. Any problem is one error starting "FILE:LINE:".
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("CONFORMANCE_BASELINE: %w", err)
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s:%s: malformed baseline: %s", path, lineOf(err), cleanYAMLError(err))
	}
	b := &Baseline{Path: path}
	if root.Kind == 0 { // empty file: an empty baseline
		return b, nil
	}
	var f baselineFile
	strict := yaml.NewDecoder(bytes.NewReader(data))
	strict.KnownFields(true)
	if err := strict.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s:%s: malformed baseline: %s", path, lineOf(err), cleanYAMLError(err))
	}
	lines := entryLines(&root)
	seen := map[[2]string]int{}
	for i, k := range f.Known {
		line := 0
		if i < len(lines) {
			line = lines[i]
		}
		where := fmt.Sprintf("%s:%d", path, line)
		if k.ID == "" || k.Reason == "" {
			return nil, fmt.Errorf("%s: malformed baseline: every entry needs an id and a reason", where)
		}
		e := Entry{ID: k.ID, Rule: k.Rule, Reason: k.Reason, Link: k.Link, Line: line}
		if k.Expires != "" {
			if e.Expires, err = time.Parse(time.DateOnly, k.Expires); err != nil {
				return nil, fmt.Errorf("%s: malformed baseline: expires %q is not a date like 2027-01-31", where, k.Expires)
			}
		}
		key := [2]string{k.ID, k.Rule}
		if prev, dup := seen[key]; dup {
			return nil, fmt.Errorf("%s: malformed baseline: %s is listed twice (first on line %d)", where, k.ID, prev)
		}
		seen[key] = line
		b.Entries = append(b.Entries, e)
	}
	return b, nil
}

func lineOf(err error) string {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		return m[1]
	}
	return "1"
}

func cleanYAMLError(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	s = strings.TrimPrefix(s, "unmarshal errors:\n")
	s = yamlLine.ReplaceAllString(strings.TrimSpace(s), "")
	return strings.TrimLeft(strings.Join(strings.Fields(s), " "), ": ")
}

// entryLines returns the line of each item of the top-level `known` list.
func entryLines(root *yaml.Node) []int {
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "known" {
			var out []int
			for _, item := range doc.Content[i+1].Content {
				out = append(out, item.Line)
			}
			return out
		}
	}
	return nil
}

// Expired reports whether the entry no longer excuses its failure.
func (e Entry) Expired(now time.Time) bool {
	return !e.Expires.IsZero() && now.After(e.Expires.Add(24*time.Hour))
}

// WriteBaseline writes entries as a baseline file a person then edits (reasons, links).
func WriteBaseline(path string, entries []Entry) error {
	var b strings.Builder
	b.WriteString("# Known failures (CONFORMANCE_BASELINE). A listed scenario may fail without failing the run;\n")
	b.WriteString("# with `rule`, only with that rule. Give each a reason (and a link, an expiry date YYYY-MM-DD).\n")
	b.WriteString("# Remove entries the report lists as fixed: the baseline only shrinks.\n")
	b.WriteString("known:\n")
	for _, e := range entries {
		fmt.Fprintf(&b, "  - id: %s\n", yamlString(e.ID))
		if e.Rule != "" {
			fmt.Fprintf(&b, "    rule: %s\n", yamlString(e.Rule))
		}
		fmt.Fprintf(&b, "    reason: %s\n", yamlString(e.Reason))
		if e.Link != "" {
			fmt.Fprintf(&b, "    link: %s\n", yamlString(e.Link))
		}
		if !e.Expires.IsZero() {
			fmt.Fprintf(&b, "    expires: %s\n", e.Expires.Format(time.DateOnly))
		}
	}
	if len(entries) == 0 {
		b.WriteString("  []\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}

// yamlString quotes a scalar as a JSON string, which YAML reads back unchanged.
func yamlString(s string) string { return strconv.Quote(s) }
