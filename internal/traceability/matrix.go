package traceability

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// MatrixFile is the hand-kept matrix, in the docs directory.
const MatrixFile = "traceability.yaml"

// Matrix is docs/traceability.yaml: the contract's rules, per section, in the project's words.
type Matrix struct {
	Sections []Section `yaml:"sections"`
}

// Section groups the rules of one `##` section of the contract.
type Section struct {
	ID      string `yaml:"id"`
	Heading string `yaml:"heading"` // the contract's heading, to find its sentences
	Title   string `yaml:"title"`   // shown in traceability.md
	Rules   []Rule `yaml:"rules"`
}

// Rule is one rule of the contract and the scenarios that exercise it.
type Rule struct {
	ID string `yaml:"id"`
	// Contract is a few words of the contract's sentence that find it (and no other).
	Contract string `yaml:"contract"`
	// Rule says what a conforming server does, in the project's own words.
	Rule string `yaml:"rule"`
	// Scenarios are IDs or patterns (* matches any characters) of the scenarios exercising it.
	Scenarios []string `yaml:"scenarios,omitempty"`
	// Untestable says why no scenario can exercise the rule.
	Untestable string `yaml:"untestable,omitempty"`
	// Gap says what the listed scenarios do not check yet: the rule is only partly exercised.
	Gap string `yaml:"gap,omitempty"`
}

// Hole reports a rule that no scenario exercises and that is not marked untestable.
func (r Rule) Hole() bool { return len(r.Scenarios) == 0 && r.Untestable == "" }

// Load reads a matrix file.
func Load(path string) (*Matrix, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the traceability matrix: %w", err)
	}
	var m Matrix
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true) // a misspelt key would silently drop a mapping
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	return &m, nil
}

// Rules lists every rule, in document order.
func (m *Matrix) Rules() []Rule {
	var out []Rule
	for _, s := range m.Sections {
		out = append(out, s.Rules...)
	}
	return out
}

// Matcher resolves a scenario ID or pattern to the IDs it names.
type Matcher interface {
	Match(pattern string) []string
}

// Check validates the matrix on its own and against the scenarios: unique rule ids under their
// section, a paraphrase and a contract anchor for each, scenarios or an untestable reason but not
// both, a gap only beside scenarios, and every scenario reference naming at least one scenario.
func (m *Matrix) Check(scenarios Matcher) error {
	var errs []error
	seen := map[string]bool{}
	for _, s := range m.Sections {
		if s.ID == "" || s.Heading == "" || s.Title == "" {
			errs = append(errs, fmt.Errorf("section %q: id, heading and title are required", s.ID))
		}
		for _, r := range s.Rules {
			switch {
			case seen[r.ID]:
				errs = append(errs, fmt.Errorf("rule %s: duplicate id", r.ID))
			case !strings.HasPrefix(r.ID, s.ID+"/"):
				errs = append(errs, fmt.Errorf("rule %s: id must start with its section's %q", r.ID, s.ID+"/"))
			case strings.TrimSpace(r.Rule) == "" || strings.TrimSpace(r.Contract) == "":
				errs = append(errs, fmt.Errorf("rule %s: rule and contract are required", r.ID))
			case len(r.Scenarios) > 0 && r.Untestable != "":
				errs = append(errs, fmt.Errorf("rule %s: has scenarios and is marked untestable", r.ID))
			case r.Gap != "" && len(r.Scenarios) == 0:
				errs = append(errs, fmt.Errorf("rule %s: a gap belongs to a rule with scenarios (without any, it is a hole)", r.ID))
			}
			seen[r.ID] = true
			for _, p := range r.Scenarios {
				if len(scenarios.Match(p)) == 0 {
					errs = append(errs, fmt.Errorf("rule %s: no scenario %s", r.ID, p))
				}
			}
		}
	}
	return errors.Join(errs...)
}

// Cover checks the matrix against the contract's sentences: each sentence is found by exactly
// one rule of its section, and each rule's anchor finds exactly one sentence.
func (m *Matrix) Cover(sentences []Sentence) error {
	var errs []error
	found := make([]int, len(sentences))
	for _, s := range m.Sections {
		hit := false
		for _, r := range s.Rules {
			anchor := strings.Join(strings.Fields(r.Contract), " ")
			n := 0
			for i, st := range sentences {
				if st.Section == s.Heading && strings.Contains(st.Text, anchor) {
					found[i]++
					n++
					hit = true
				}
			}
			if n != 1 {
				errs = append(errs, fmt.Errorf("rule %s: contract %q finds %d sentences of section %q, want 1", r.ID, r.Contract, n, s.Heading))
			}
		}
		if !hit {
			errs = append(errs, fmt.Errorf("section %s: CONTRACT.md has no section %q", s.ID, s.Heading))
		}
	}
	for i, st := range sentences {
		if found[i] == 0 {
			errs = append(errs, fmt.Errorf("contract rule not in the matrix [%s]: %s", st.Section, st.Text))
		}
	}
	return errors.Join(errs...)
}
