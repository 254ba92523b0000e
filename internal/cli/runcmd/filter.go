package runcmd

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/clientconf/clientconf/conformance"
)

// compileFilter turns a `go test -run`-style pattern below TestConformance (RUN=… of `make
// conformance`) into a scenario filter: the pattern's slash-separated parts are unanchored
// regular expressions, each matched against the ID segment at its position. Empty: every
// scenario (nil).
func compileFilter(pattern string) (func(conformance.Scenario) bool, error) {
	if pattern == "" {
		return nil, nil
	}
	var parts []*regexp.Regexp
	for _, p := range strings.Split(pattern, "/") {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("-run %q: %w", pattern, err)
		}
		parts = append(parts, re)
	}
	return func(sc conformance.Scenario) bool {
		segs := strings.SplitN(sc.ID, "/", 3)
		if len(parts) > len(segs) {
			return false
		}
		for i, re := range parts {
			if !re.MatchString(segs[i]) {
				return false
			}
		}
		return true
	}, nil
}
