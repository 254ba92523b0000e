package engine

import (
	"flag"
	"regexp"
	"strings"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// runFiltered keeps the scenarios that go test's -run pattern lets run under the test named
// parent, so the progress line counts what actually runs (testing's matcher is not exported:
// this is its rule, one regexp per "/"-separated level, each matched unanchored).
func runFiltered(parent string, scs []scenario.Scenario) []scenario.Scenario {
	f := flag.Lookup("test.run")
	if f == nil {
		return scs
	}
	return filterByRun(f.Value.String(), parent, scs)
}

// filterByRun keeps the scenarios that pattern (a -run value) selects under parent.
func filterByRun(pattern, parent string, scs []scenario.Scenario) []scenario.Scenario {
	if pattern == "" {
		return scs
	}
	var levels []*regexp.Regexp
	for _, p := range splitLevels(pattern) {
		re, err := regexp.Compile(p)
		if err != nil {
			return scs // go test rejects it before any test runs
		}
		levels = append(levels, re)
	}
	out := []scenario.Scenario{}
	for _, sc := range scs {
		if matchLevels(levels, strings.Split(parent+"/"+sc.ID, "/")) {
			out = append(out, sc)
		}
	}
	return out
}

func matchLevels(levels []*regexp.Regexp, elems []string) bool {
	for i, e := range elems {
		if i >= len(levels) {
			break
		}
		if !levels[i].MatchString(e) {
			return false
		}
	}
	return true
}

// splitLevels splits a -run pattern at the slashes outside brackets and parentheses.
func splitLevels(p string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case '[', '(':
			depth++
		case ']', ')':
			depth--
		case '/':
			if depth == 0 {
				out = append(out, p[start:i])
				start = i + 1
			}
		}
	}
	return append(out, p[start:])
}
