package specdoc

import "github.com/getkin/kin-openapi/openapi3"

// Known returns v with only the members s declares, at every depth where s declares any:
// unknown members are ignored, neither rejected nor stored. Objects whose schema declares no
// property (a JWK, a key set) are kept whole. Properties of composed schemas (allOf, oneOf,
// anyOf) count as declared. v is not changed; maps and slices are copied.
func Known(s *openapi3.Schema, v any) any {
	switch x := v.(type) {
	case map[string]any:
		props := properties(s)
		out := make(map[string]any, len(x))
		for k, e := range x {
			switch sub, declared := props[k]; {
			case props == nil:
				out[k] = Known(nil, e)
			case declared:
				out[k] = Known(sub.Value, e)
			}
		}
		return out
	case []any:
		items := itemSchema(s)
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Known(items, e)
		}
		return out
	}
	return v
}

// Rewrite replaces every value inside v, deepest first, by f(schema of the value, value); the
// schema is nil where s says nothing. It changes v's maps and slices in place and returns the
// new v. The lenient-parsing fault switches are built on it.
func Rewrite(s *openapi3.Schema, v any, f func(*openapi3.Schema, any) any) any {
	switch x := v.(type) {
	case map[string]any:
		props := properties(s)
		for k, e := range x {
			var sub *openapi3.Schema
			if ref := props[k]; ref != nil {
				sub = ref.Value
			}
			x[k] = Rewrite(sub, e, f)
		}
	case []any:
		items := itemSchema(s)
		for i, e := range x {
			x[i] = Rewrite(items, e, f)
		}
	}
	return f(s, v)
}

// properties collects the declared properties of s and of its composed schemas; nil when none
// is declared.
func properties(s *openapi3.Schema) openapi3.Schemas {
	if s == nil {
		return nil
	}
	if len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) == 0 {
		if len(s.Properties) == 0 {
			return nil
		}
		return s.Properties // the common case: nothing to merge
	}
	var out openapi3.Schemas
	var collect func(s *openapi3.Schema)
	collect = func(s *openapi3.Schema) {
		if s == nil {
			return
		}
		for name, ref := range s.Properties {
			if out == nil {
				out = openapi3.Schemas{}
			}
			if _, seen := out[name]; !seen && ref != nil && ref.Value != nil {
				out[name] = ref
			}
		}
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, r := range list {
				if r != nil {
					collect(r.Value)
				}
			}
		}
	}
	collect(s)
	return out
}

// itemSchema is the items schema of an array schema (or of its first composed schema that has
// one), or nil.
func itemSchema(s *openapi3.Schema) *openapi3.Schema {
	if s == nil {
		return nil
	}
	if s.Items != nil {
		return s.Items.Value
	}
	for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, r := range list {
			if r != nil {
				if items := itemSchema(r.Value); items != nil {
					return items
				}
			}
		}
	}
	return nil
}
