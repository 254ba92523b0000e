// Package catalogue is the suite's requirements catalogue: every scenario with its requirement,
// basis, category and the spec operations it exercises, rendered as docs/requirements.md.
package catalogue

import (
	"context"
	"regexp"
	"slices"
	"strings"
)

// Surfaces in report order.
var Surfaces = []string{"clients", "applications", "auth0"}

// The spec-derived tables a scenario can come from (Entry.Table); "" is hand-written.
const (
	TableEnums       = "enums"
	TableRequired    = "required"
	TableType        = "type"
	TableDefaults    = "defaults"
	TablePermissions = "permissions"
	TableMissing     = "missing"
)

// Entry is one scenario as the catalogue lists it.
type Entry struct {
	ID, Surface, Category, Basis, Requirement string
	Table                                     string   // the derived table, "" when hand-written
	Ops                                       []string // operationIds exercised against the reference
}

// Derived reports whether the scenario was generated from the spec.
func (e Entry) Derived() bool { return e.Table != "" }

// Operation is one operation of a surface's spec.
type Operation struct{ ID, Method, Path string }

// Catalogue holds every scenario, sorted by ID, and each surface's operations.
type Catalogue struct {
	Entries    []Entry
	Operations map[string][]Operation
}

// Load reads the declarations and runs the suite once against the reference server to learn
// which operations each scenario exercises.
func Load(ctx context.Context) (*Catalogue, error) {
	entries, ops, err := declared(ctx)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(entries, func(a, b Entry) int { return strings.Compare(a.ID, b.ID) })
	return &Catalogue{Entries: entries, Operations: ops}, nil
}

// Match lists the IDs a pattern names: an exact ID, or a pattern where * stands for any run of
// characters (slashes included), e.g. clients/bad-request/required/*.
func (c *Catalogue) Match(pattern string) []string {
	if !strings.Contains(pattern, "*") {
		if _, ok := slices.BinarySearchFunc(c.Entries, pattern, func(e Entry, id string) int { return strings.Compare(e.ID, id) }); ok {
			return []string{pattern}
		}
		return nil
	}
	parts := strings.Split(pattern, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	re := regexp.MustCompile("^" + strings.Join(parts, ".*") + "$")
	var out []string
	for _, e := range c.Entries {
		if re.MatchString(e.ID) {
			out = append(out, e.ID)
		}
	}
	return out
}

// operation finds an operation of a surface by its operationId.
func (c *Catalogue) operation(surface, id string) (Operation, bool) {
	for _, op := range c.Operations[surface] {
		if op.ID == id {
			return op, true
		}
	}
	return Operation{}, false
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }

// IDs lists every scenario ID, sorted.
func (c *Catalogue) IDs() []string {
	out := make([]string, len(c.Entries))
	for i, e := range c.Entries {
		out[i] = e.ID
	}
	return out
}
