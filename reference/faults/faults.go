// Package faults describes the reference server's fault switches: named, deliberate breaks of
// one contract rule each, used to prove that the suite catches them.
package faults

import (
	"fmt"
	"sort"
)

// Info describes one fault switch, or one variant (a conforming alternative on a point the
// contract leaves open: no Category, and Description says the side it takes).
type Info struct {
	Name        string // stable id, e.g. "clients/conflict/duplicate-name-allowed"
	Surface     string // clients, applications or auth0
	Category    string // the scenario category expected to catch it
	Description string // the contract rule it breaks, in one sentence
}

// Set is the set of switched-on faults of one server; the zero value has none on.
type Set struct{ on map[string]bool }

// NewSet checks names against known and returns the set, or an error naming the unknown fault.
func NewSet(known []Info, names ...string) (Set, error) {
	return NewSetOf("fault switch", known, names...)
}

// NewSetOf is NewSet for named switches of another kind (e.g. "variant"), which the error names.
func NewSetOf(kind string, known []Info, names ...string) (Set, error) {
	valid := make(map[string]bool, len(known))
	for _, k := range known {
		valid[k.Name] = true
	}
	s := Set{on: map[string]bool{}}
	for _, n := range names {
		if !valid[n] {
			all := make([]string, 0, len(valid))
			for k := range valid {
				all = append(all, k)
			}
			sort.Strings(all)
			return Set{}, fmt.Errorf("unknown %s %q (known: %v)", kind, n, all)
		}
		s.on[n] = true
	}
	return s, nil
}

// On reports whether the named switch is on.
func (s Set) On(name string) bool { return s.on[name] }
