package scenario

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clientconf/clientconf/conformance/contract"
)

// specProperties are the top-level properties of a component schema, its oneOf/anyOf/allOf
// branches included (a field of any branch counts).
func specProperties(sp *contract.Spec, component string) map[string]*openapi3.Schema {
	out := map[string]*openapi3.Schema{}
	ref := sp.Doc.Components.Schemas[component]
	if ref == nil || ref.Value == nil {
		return out
	}
	var collect func(s *openapi3.Schema)
	collect = func(s *openapi3.Schema) {
		for k, p := range s.Properties {
			if p != nil && p.Value != nil {
				out[k] = p.Value
			}
		}
		for _, list := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf, s.AllOf} {
			for _, b := range list {
				if b != nil && b.Value != nil {
					collect(b.Value)
				}
			}
		}
	}
	collect(ref.Value)
	return out
}

// ResponseOnlyFields lists, sorted, the top-level fields of the response component that no
// request component lists: server-generated and read-only fields, derived from the spec (the
// specs mark none readOnly; a field a request schema lacks is never an input).
func ResponseOnlyFields(sp *contract.Spec, response string, requests ...string) []string {
	inputs := map[string]bool{}
	for _, req := range requests {
		for k := range specProperties(sp, req) {
			inputs[k] = true
		}
	}
	var out []string
	for k := range specProperties(sp, response) {
		if !inputs[k] {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// NullableField is a top-level field of a request component that the spec lets be null.
type NullableField struct {
	Name   string
	Schema *openapi3.Schema
}

// NullableFields lists, sorted by name, the nullable top-level fields of a request component.
func NullableFields(sp *contract.Spec, component string) []NullableField {
	var out []NullableField
	for k, sch := range specProperties(sp, component) {
		if sch.Nullable {
			out = append(out, NullableField{Name: k, Schema: sch})
		}
	}
	slices.SortFunc(out, func(a, b NullableField) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	return out
}

// ScalarSample is a valid non-null value of a scalar field (string, integer, number, boolean),
// from its enum (through allOf) or its type and bounds; ok is false for objects and arrays.
func ScalarSample(sch *openapi3.Schema) (v any, ok bool) {
	for _, b := range sch.AllOf {
		if b != nil && b.Value != nil && len(b.Value.Enum) > 0 {
			return b.Value.Enum[0], true
		}
	}
	switch {
	case len(sch.Enum) > 0:
		return sch.Enum[0], true
	case sch.Type.Is("string") && sch.Format == "uri", sch.Type.Is("string") && sch.Format == "url":
		return "https://conformance.example.com/sample", true
	case sch.Type.Is("string"):
		return "https://conformance.example.com/sample", true // a URL fits free strings and URL-like ones
	case sch.Type.Is("integer"), sch.Type.Is("number"):
		if sch.Min != nil {
			return *sch.Min, true
		}
		return 1, true
	case sch.Type.Is("boolean"):
		return true, true
	}
	return nil, false
}

// ConspicuousValue is a valid value for a field that a server could not produce by itself, so
// that finding it in a response proves the sent value was taken: a date-time long past, a
// run-named string, an enum value other than the default, an object of such values. ok is
// false when the schema allows no such value (booleans, free objects).
func (s *S) ConspicuousValue(field string, sch *openapi3.Schema) (v any, ok bool) {
	switch {
	case sch.Type.Is("string") && len(sch.Enum) > 0:
		for _, e := range sch.Enum {
			if e != sch.Default {
				return e, true
			}
		}
		return nil, false
	case sch.Type.Is("string") && sch.Format == "date-time":
		return "2001-02-03T04:05:06Z", true
	case sch.Type.Is("string") && sch.Format == "":
		return s.Name("sent-" + field), true
	case sch.Type.Is("object"):
		obj := map[string]any{}
		for k, p := range sch.Properties {
			if p == nil || p.Value == nil {
				continue
			}
			if pv, ok := s.ConspicuousValue(k, p.Value); ok {
				obj[k] = pv
			}
		}
		return obj, len(obj) > 0
	}
	return nil, false
}

// ResponseOnlyInputs is a body part that sends every response-only field of the response
// component (against the request components) that can carry a conspicuous value, minus skip.
func (s *S) ResponseOnlyInputs(response string, requests []string, skip ...string) map[string]any {
	props := specProperties(s.spec, response)
	out := map[string]any{}
	for _, field := range ResponseOnlyFields(s.spec, response, requests...) {
		if slices.Contains(skip, field) {
			continue
		}
		if v, ok := s.ConspicuousValue(field, props[field]); ok {
			out[field] = v
		}
	}
	return out
}

// ShowsSent reports whether a shown value is the sent one: the same JSON, or the same instant
// when both are RFC 3339 timestamps (a server may render fractions or offsets its own way).
func ShowsSent(shown, sent any) bool {
	if SameJSON(shown, sent) {
		return true
	}
	a, okA := shown.(string)
	b, okB := sent.(string)
	if !okA || !okB {
		return false
	}
	ta, tb := ParseTime(a), ParseTime(b)
	return !ta.IsZero() && ta.Equal(tb)
}
