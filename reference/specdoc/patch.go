package specdoc

import (
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// Component patches one component schema.
func Component(name string, change func(*openapi3.Schema)) Patch {
	return func(t *openapi3.T) error {
		s := componentSchema(t, name)
		if s == nil {
			return fmt.Errorf("no component schema %s", name)
		}
		change(s)
		return nil
	}
}

// Property patches the schema of one property of a component (a shared $ref target is changed
// for every use, in this document only).
func Property(component, property string, change func(*openapi3.Schema)) Patch {
	return func(t *openapi3.T) error {
		s := componentSchema(t, component)
		if s == nil || s.Properties[property] == nil || s.Properties[property].Value == nil {
			return fmt.Errorf("no property %s in component schema %s", property, component)
		}
		change(s.Properties[property].Value)
		return nil
	}
}

// EveryProperty patches every property of that name, at any depth of any component schema.
func EveryProperty(property string, change func(*openapi3.Schema)) Patch {
	return func(t *openapi3.T) error {
		seen := map[*openapi3.Schema]bool{}
		changed := map[*openapi3.Schema]bool{}
		var walk func(s *openapi3.Schema)
		walk = func(s *openapi3.Schema) {
			if s == nil || seen[s] {
				return
			}
			seen[s] = true
			for name, p := range s.Properties {
				if p == nil || p.Value == nil {
					continue
				}
				if name == property && !changed[p.Value] {
					changed[p.Value] = true
					change(p.Value)
				}
				walk(p.Value)
			}
			forEachSub(s, walk)
		}
		if t.Components != nil {
			for _, ref := range t.Components.Schemas {
				walk(ref.Value)
			}
		}
		if len(changed) == 0 {
			return fmt.Errorf("no property %s in any component schema", property)
		}
		return nil
	}
}

// Optional drops fields from the required list of a component schema.
func Optional(component string, fields ...string) Patch {
	return func(t *openapi3.T) error {
		s := componentSchema(t, component)
		if s == nil {
			return fmt.Errorf("no component schema %s", component)
		}
		for _, f := range fields {
			i := slices.Index(s.Required, f)
			if i < 0 {
				return fmt.Errorf("%s is not required in %s", f, component)
			}
			s.Required = slices.Delete(slices.Clone(s.Required), i, i+1)
		}
		return nil
	}
}

// RemovePath drops a path from the document, so its requests route to what else matches.
func RemovePath(path string) Patch {
	return func(t *openapi3.T) error {
		if t.Paths.Value(path) == nil {
			return fmt.Errorf("no path %s", path)
		}
		t.Paths.Delete(path)
		return nil
	}
}

// forEachSub calls f on the item and composed schemas of s (not its properties).
func forEachSub(s *openapi3.Schema, f func(*openapi3.Schema)) {
	if s.Items != nil {
		f(s.Items.Value)
	}
	if s.AdditionalProperties.Schema != nil {
		f(s.AdditionalProperties.Schema.Value)
	}
	for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, r := range list {
			if r != nil {
				f(r.Value)
			}
		}
	}
}

// QueryParameter patches the schema of a query parameter of an operation.
func QueryParameter(operationID, name string, change func(*openapi3.Schema)) Patch {
	return func(t *openapi3.T) error {
		for _, item := range t.Paths.Map() {
			for _, op := range item.Operations() {
				if op.OperationID != operationID {
					continue
				}
				for _, ref := range op.Parameters {
					if p := ref.Value; p != nil && p.In == openapi3.ParameterInQuery && p.Name == name && p.Schema != nil {
						change(p.Schema.Value)
						return nil
					}
				}
			}
		}
		return fmt.Errorf("no query parameter %s in operation %s", name, operationID)
	}
}
