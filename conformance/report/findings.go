package report

import (
	"sort"
	"strconv"
	"strings"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// Finding is one thing that came back wrong, wherever it was seen: the field (its last named
// segment, so /0/created_at and /result/created_at are one) and what was found there. Root
// causes are per operation; one broken field format shows up under every operation that
// returns it, and a finding names it once.
type Finding struct {
	Field, Saw string
	Scenarios  int // failing scenarios with this finding
	Operations int // operations it was seen on
}

// SharedFindings returns the findings seen on more than one operation, most scenarios first.
func (v *Verdict) SharedFindings() []Finding {
	type key struct{ field, saw string }
	scenarios := map[key]map[string]bool{}
	operations := map[key]map[string]bool{}
	for _, s := range v.Run.Scenarios {
		if s.Outcome != results.Fail {
			continue
		}
		for _, f := range s.Failures {
			field := lastName(f.Field)
			if field == "" || f.Actual == "" {
				continue
			}
			k := key{field, f.Actual}
			if scenarios[k] == nil {
				scenarios[k], operations[k] = map[string]bool{}, map[string]bool{}
			}
			scenarios[k][s.ID] = true
			operations[k][causeOf(f).Operation] = true
		}
	}
	var out []Finding
	for k, ss := range scenarios {
		if n := len(operations[k]); n > 1 {
			out = append(out, Finding{Field: k.field, Saw: k.saw, Scenarios: len(ss), Operations: n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Scenarios != out[j].Scenarios {
			return out[i].Scenarios > out[j].Scenarios
		}
		return out[i].Field+out[i].Saw < out[j].Field+out[j].Saw
	})
	return out
}

// lastName is a JSON pointer's last segment that is not an array index: the field's name.
func lastName(pointer string) string {
	segs := strings.Split(pointer, "/")
	for i := len(segs) - 1; i >= 0; i-- {
		if _, err := strconv.Atoi(segs[i]); segs[i] != "" && err != nil {
			return segs[i]
		}
	}
	return ""
}
