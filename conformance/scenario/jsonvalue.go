package scenario

import (
	"encoding/json"
	"fmt"
	"sort"
)

// describe renders a JSON value for a message.
func DescribeJSON(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return string(data)
}

// normalize round-trips a value through JSON so Go values and decoded bodies compare alike.
func normalize(v any) any {
	data, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if json.Unmarshal(data, &out) != nil {
		return v
	}
	return out
}

// sameJSON compares two JSON values; arrays of scalars compare as sets, because these APIs
// treat them so (response_types, scopes, claims) and order is not part of the contract.
func SameJSON(a, b any) bool { return contained(normalize(a), normalize(b), true) }

// containsJSON reports whether got holds want: every member of a wanted object is present
// and equal (recursively), other values compare as in sameJSON.
func ContainsJSON(got, want any) bool { return contained(normalize(got), normalize(want), false) }

func contained(got, want any, exact bool) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || (exact && len(g) != len(w)) {
			return false
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok || !contained(gv, wv, exact) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		if scalars(w) && scalars(g) {
			return equalSets(g, w)
		}
		for i := range w {
			if !contained(g[i], w[i], exact) {
				return false
			}
		}
		return true
	}
	return got == want
}

func scalars(list []any) bool {
	for _, v := range list {
		switch v.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
}

func equalSets(a, b []any) bool {
	key := func(list []any) []string {
		out := make([]string, len(list))
		for i, v := range list {
			out[i] = DescribeJSON(v)
		}
		sort.Strings(out)
		return out
	}
	ka, kb := key(a), key(b)
	for i := range ka {
		if ka[i] != kb[i] {
			return false
		}
	}
	return true
}
