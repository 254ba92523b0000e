package envvar

import (
	"fmt"
	"slices"
	"strings"
)

// Known lists every CONFORMANCE_* variable the suite or its tools read, sorted. A new
// variable is declared in envvar.go and listed here (TestKnownHasEveryDeclaredName).
func Known() []string {
	out := []string{BaseURL, TokenURL, Audience, AppID, OtherAppID, Surfaces, AllowDestructive, SkipBasis,
		Timeout, Deadline, Concurrency, RPS, Transcript, Progress, ProgressFile, Baseline, BaselineStrict, SharedDir}
	for _, rv := range Roles() {
		out = append(out, rv.Token, rv.ClientID, rv.ClientSecret)
	}
	slices.Sort(out)
	return out
}

// Unknown returns one warning per CONFORMANCE_* variable in environ ("NAME=value" entries, as
// os.Environ gives them) that the suite does not read, naming the closest known one: a typo
// must not silently fall back to a default. Values are never part of a warning.
func Unknown(environ []string) []string {
	known := Known()
	var out []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, Prefix) || slices.Contains(known, name) {
			continue
		}
		out = append(out, fmt.Sprintf("warning: %s is not a variable of the suite and is ignored; did you mean %s?", name, Closest(name)))
	}
	slices.Sort(out)
	return out
}

// Closest returns the known variable nearest to name: among those holding every word of name
// (OTHER_TOKEN → OTHER_APP_TOKEN) when there are some, by edit distance (ties: sorted order).
func Closest(name string) string {
	words := strings.Split(strings.TrimPrefix(name, Prefix), "_")
	var holding []string
	for _, k := range Known() {
		kw := strings.Split(strings.TrimPrefix(k, Prefix), "_")
		if !slices.ContainsFunc(words, func(w string) bool { return !slices.Contains(kw, w) }) {
			holding = append(holding, k)
		}
	}
	if len(holding) == 0 {
		holding = Known()
	}
	best, bestD := "", -1
	for _, k := range holding {
		if d := distance(name, k); bestD < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b (ASCII names).
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
