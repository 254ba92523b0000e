package traceability

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSentences(t *testing.T) {
	doc := "# Title\n\nPreamble. Not a rule.\n\n## One\n\nLabel line (`spec`)\n" +
		"- First rule. Second rule (a. b) here; third rule.\n  continued (e.g. `x`). Fourth.\n" +
		"- Item with `a. B` code. (An aside.) After.\n\n| table | row. |\n\nA paragraph rule.\nStill it.\n\n## Two\n- Only one.\n"
	got := Sentences(doc)
	want := []Sentence{
		{"One", "First rule."}, {"One", "Second rule (a. b) here;"},
		{"One", "third rule. continued (e.g. `x`)."}, {"One", "Fourth."},
		{"One", "Item with `a. B` code."}, {"One", "(An aside.)"}, {"One", "After."},
		{"One", "A paragraph rule."}, {"One", "Still it."},
		{"Two", "Only one."},
	}
	assert.Equal(t, want, got)
}

func TestCover(t *testing.T) {
	sentences := []Sentence{{"S", "Alpha rule."}, {"S", "Beta rule."}, {"T", "Alpha rule."}}
	for _, tc := range []struct {
		name    string
		anchors []string
		wantErr bool
	}{
		{"each once", []string{"Alpha", "Beta"}, true}, // section T is not in the matrix
		{"ambiguous", []string{"rule"}, true},
		{"missing", []string{"Alpha"}, true},
	} {
		m := &Matrix{Sections: []Section{{ID: "s", Heading: "S", Title: "S"}}}
		for _, a := range tc.anchors {
			m.Sections[0].Rules = append(m.Sections[0].Rules, Rule{ID: "s/" + a, Contract: a, Rule: a})
		}
		assert.Equal(t, tc.wantErr, m.Cover(sentences) != nil, tc.name)
	}
	m := &Matrix{Sections: []Section{
		{ID: "s", Heading: "S", Title: "S", Rules: []Rule{{ID: "s/a", Contract: "Alpha", Rule: "a"}, {ID: "s/b", Contract: "Beta", Rule: "b"}}},
		{ID: "t", Heading: "T", Title: "T", Rules: []Rule{{ID: "t/a", Contract: "Alpha", Rule: "a"}}},
	}}
	assert.NoError(t, m.Cover(sentences))
}

type ids []string

func (s ids) Match(p string) []string {
	for _, id := range s {
		if id == p {
			return []string{id}
		}
	}
	return nil
}

func TestCheck(t *testing.T) {
	known := ids{"a/b/c"}
	for _, tc := range []struct {
		name    string
		rule    Rule
		wantErr bool
	}{
		{"mapped", Rule{ID: "s/x", Contract: "x", Rule: "x", Scenarios: []string{"a/b/c"}}, false},
		{"untestable", Rule{ID: "s/x", Contract: "x", Rule: "x", Untestable: "why"}, false},
		{"hole", Rule{ID: "s/x", Contract: "x", Rule: "x"}, false},
		{"unknown scenario", Rule{ID: "s/x", Contract: "x", Rule: "x", Scenarios: []string{"a/b/zz"}}, true},
		{"both", Rule{ID: "s/x", Contract: "x", Rule: "x", Scenarios: []string{"a/b/c"}, Untestable: "why"}, true},
		{"gap without scenarios", Rule{ID: "s/x", Contract: "x", Rule: "x", Gap: "g"}, true},
		{"wrong section", Rule{ID: "t/x", Contract: "x", Rule: "x"}, true},
		{"no paraphrase", Rule{ID: "s/x", Contract: "x"}, true},
	} {
		m := &Matrix{Sections: []Section{{ID: "s", Heading: "S", Title: "S", Rules: []Rule{tc.rule}}}}
		assert.Equal(t, tc.wantErr, m.Check(known) != nil, tc.name)
	}
}
