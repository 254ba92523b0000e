package scenario

import (
	"sort"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// site is a place in a request schema that a derived table exercises.
type site struct {
	Pointer string             // JSON pointer in the request body, e.g. /device_authorization/enabled
	Schema  *openapi3.Schema   // the schema at Pointer
	Parents []*openapi3.Schema // the object schemas from the root down to the one holding Pointer
	InArray bool               // the site is the item schema of an array at Pointer
}

// field is the dotted form of a pointer, for scenario IDs.
func (st site) field() string {
	return strings.ReplaceAll(strings.TrimPrefix(st.Pointer, "/"), "/", ".")
}

// walkObject visits every property of an object schema, depth first through nested objects
// and into array items (one level), in name order so tables are stable.
func walkObject(root *openapi3.Schema, visit func(site)) {
	var rec func(obj *openapi3.Schema, prefix string, parents []*openapi3.Schema)
	rec = func(obj *openapi3.Schema, prefix string, parents []*openapi3.Schema) {
		parents = append(parents[:len(parents):len(parents)], obj)
		for _, name := range sortedKeys(obj.Properties) {
			ref := obj.Properties[name]
			if ref == nil || ref.Value == nil {
				continue
			}
			p := ref.Value
			ptr := prefix + "/" + name
			visit(site{Pointer: ptr, Schema: p, Parents: parents})
			switch {
			case p.Type.Is("object") && len(p.Properties) > 0:
				rec(p, ptr, parents)
			case p.Type.Is("array") && p.Items != nil && p.Items.Value != nil:
				visit(site{Pointer: ptr, Schema: p.Items.Value, Parents: parents, InArray: true})
			}
		}
	}
	rec(root, "", nil)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// synth makes a minimal valid value for a schema: required members only, enum or example
// values where the spec gives them. Names get the run prefix so they are unique and sweepable.
func synth(s *S, sch *openapi3.Schema, name string) any {
	switch {
	case len(sch.OneOf) > 0:
		return synth(s, sch.OneOf[0].Value, name)
	case len(sch.AnyOf) > 0:
		return synth(s, sch.AnyOf[0].Value, name)
	case len(sch.Enum) > 0:
		return sch.Enum[0]
	case sch.Default != nil:
		return sch.Default
	}
	switch {
	case sch.Type.Is("object"):
		obj := map[string]any{}
		for _, req := range sch.Required {
			if p := sch.Properties[req]; p != nil && p.Value != nil {
				obj[req] = synth(s, p.Value, req)
			}
		}
		return obj
	case sch.Type.Is("array"):
		if sch.MinItems == 0 || sch.Items == nil || sch.Items.Value == nil {
			return []any{}
		}
		return []any{synth(s, sch.Items.Value, name)}
	case sch.Type.Is("string"):
		return synthString(s, sch, name)
	case sch.Type.Is("integer"), sch.Type.Is("number"):
		if sch.Min != nil && *sch.Min > 1 {
			return *sch.Min
		}
		return 1
	case sch.Type.Is("boolean"):
		return false
	}
	return nil
}

func synthString(s *S, sch *openapi3.Schema, name string) any {
	switch sch.Format {
	case "uri":
		return "https://conformance.example.com/" + strings.ReplaceAll(name, "_", "-")
	case "date-time":
		return time.Now().UTC().Add(24 * time.Hour).Format(time.RFC3339)
	}
	if isNameField(name) {
		return s.Name(strings.ReplaceAll(name, "_", "-"))
	}
	if sch.Example != nil {
		if ex, ok := sch.Example.(string); ok {
			return ex
		}
	}
	return "conformance-" + strings.ReplaceAll(name, "_", "-")
}

// isNameField marks fields that must be unique per app or tenant (a duplicate gives 409).
func isNameField(name string) bool {
	return name == "name" || strings.HasSuffix(name, "_name") || name == "sp_entity_id"
}

// wrongType returns a JSON value of another type than the schema's, or nil when the schema
// has no single type to contradict.
func wrongType(sch *openapi3.Schema) any {
	switch {
	case sch.Type.Is("string"):
		return 12345
	case sch.Type.Is("integer"), sch.Type.Is("number"):
		return "not-a-number"
	case sch.Type.Is("boolean"):
		return "not-a-boolean"
	case sch.Type.Is("array"):
		return "not-an-array"
	case sch.Type.Is("object"):
		return []any{"not-an-object"}
	}
	return nil
}

// setPointer writes v at pointer in obj, synthesizing missing parent objects from parents
// (required members included, so the body stays valid apart from what the table changes).
func setPointer(s *S, obj map[string]any, pointer string, parents []*openapi3.Schema, v any) {
	toks := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	cur := obj
	for i, tok := range toks[:len(toks)-1] {
		next, ok := cur[tok].(map[string]any)
		if !ok {
			next, _ = synth(s, parents[i+1], tok).(map[string]any)
			if next == nil {
				next = map[string]any{}
			}
			cur[tok] = next
		}
		cur = next
	}
	cur[toks[len(toks)-1]] = v
}

// deletePointer removes pointer from obj.
func deletePointer(obj map[string]any, pointer string) {
	toks := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	cur := obj
	for _, tok := range toks[:len(toks)-1] {
		next, ok := cur[tok].(map[string]any)
		if !ok {
			return
		}
		cur = next
	}
	delete(cur, toks[len(toks)-1])
}

// schemaAt resolves pointer in a response schema, following oneOf/anyOf branches that have
// it; nil when no branch documents it.
func schemaAt(sch *openapi3.Schema, pointer string) *openapi3.Schema {
	if pointer == "" {
		return sch
	}
	for _, branches := range [][]*openapi3.SchemaRef{sch.OneOf, sch.AnyOf, sch.AllOf} {
		for _, b := range branches {
			if b.Value != nil {
				if found := schemaAt(b.Value, pointer); found != nil {
					return found
				}
			}
		}
	}
	toks := strings.SplitN(strings.TrimPrefix(pointer, "/"), "/", 2)
	p := sch.Properties[toks[0]]
	if p == nil || p.Value == nil {
		return nil
	}
	if len(toks) == 1 {
		return p.Value
	}
	return schemaAt(p.Value, "/"+toks[1])
}

// requiredAt reports whether every step of pointer is required in the response schema
// (in the branch that has it), i.e. a conforming response must contain it.
func requiredAt(sch *openapi3.Schema, pointer string) bool {
	if pointer == "" {
		return true
	}
	for _, branches := range [][]*openapi3.SchemaRef{sch.OneOf, sch.AnyOf} {
		for _, b := range branches {
			if b.Value != nil && schemaAt(b.Value, pointer) != nil {
				return requiredAt(b.Value, pointer)
			}
		}
	}
	toks := strings.SplitN(strings.TrimPrefix(pointer, "/"), "/", 2)
	p := sch.Properties[toks[0]]
	if p == nil || p.Value == nil || !contains(sch.Required, toks[0]) {
		return false
	}
	if len(toks) == 1 {
		return true
	}
	return requiredAt(p.Value, "/"+toks[1])
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
