package coverage

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clientconf/clientconf/specs"
)

// maxDepth bounds the schema walk: recursive schemas (a client holding clients) stop there.
const maxDepth = 12

// Where an enum sits in an exchange.
const (
	InRequest  = "request"  // request body
	InResponse = "response" // response body of one documented status
	InQuery    = "query"
	InPath     = "path"
	InHeader   = "header"
)

// documented loads a surface's spec with kin-openapi and lists everything it documents:
// operations, their numeric statuses, and every enum value of parameters, request body and
// each response body. Nothing is exercised yet.
func documented(surface string) (*Surface, error) {
	doc, name, err := specs.Load(surface)
	if err != nil {
		return nil, err
	}
	s := &Surface{Surface: surface, Spec: name}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			s.Operations = append(s.Operations, operation(method, path, item, op))
		}
	}
	sort.Slice(s.Operations, func(i, j int) bool { return s.Operations[i].ID < s.Operations[j].ID })
	return s, nil
}

func operation(method, path string, item *openapi3.PathItem, op *openapi3.Operation) *Operation {
	o := &Operation{ID: op.OperationID, Method: method, Path: path, segments: splitPath(path)}
	if o.ID == "" {
		o.ID = method + " " + path
	}
	enums := &enumSet{}
	for _, params := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, p := range params {
			if p.Value == nil || p.Value.Schema == nil {
				continue
			}
			walkSchema(p.Value.Schema, "", 0, nil, func(field string, values []any) {
				enums.add(p.Value.In, 0, p.Value.Name+field, values)
			})
		}
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		if schema := jsonSchema(op.RequestBody.Value.Content); schema != nil {
			walkSchema(schema, "", 0, nil, func(field string, values []any) { enums.add(InRequest, 0, field, values) })
		}
	}
	if op.Responses != nil {
		for code, resp := range op.Responses.Map() {
			status, err := strconv.Atoi(code)
			if err != nil || len(code) != 3 { // "default", "4XX": no single status to exercise
				continue
			}
			o.Statuses = append(o.Statuses, &Status{Status: status})
			if resp.Value == nil {
				continue
			}
			if schema := jsonSchema(resp.Value.Content); schema != nil {
				walkSchema(schema, "", 0, nil, func(field string, values []any) { enums.add(InResponse, status, field, values) })
			}
		}
	}
	sort.Slice(o.Statuses, func(i, j int) bool { return o.Statuses[i].Status < o.Statuses[j].Status })
	o.Enums = enums.sorted()
	return o
}

// jsonSchema picks the schema of the JSON media type of a content map.
func jsonSchema(content openapi3.Content) *openapi3.SchemaRef {
	for mt, m := range content {
		if strings.Contains(mt, "json") && m.Schema != nil {
			return m.Schema
		}
	}
	return nil
}

// walkSchema calls visit for every enum in the schema, with its field as a JSON pointer in
// which "*" stands for any array item and "{}" for any additional property. Composition
// (allOf, oneOf, anyOf) describes the same location; stack stops recursion.
func walkSchema(ref *openapi3.SchemaRef, field string, depth int, stack []*openapi3.Schema, visit func(string, []any)) {
	if ref == nil || ref.Value == nil || depth > maxDepth {
		return
	}
	s := ref.Value
	for _, seen := range stack {
		if seen == s {
			return
		}
	}
	stack = append(stack, s)
	if len(s.Enum) > 0 {
		visit(field, s.Enum)
	}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, sub := range group {
			walkSchema(sub, field, depth+1, stack, visit)
		}
	}
	for name, prop := range s.Properties {
		walkSchema(prop, field+"/"+escapePointer(name), depth+1, stack, visit)
	}
	walkSchema(s.Items, field+"/*", depth+1, stack, visit)
	walkSchema(s.AdditionalProperties.Schema, field+"/{}", depth+1, stack, visit)
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// enumSet merges enums found at the same place through several schemas (allOf branches).
type enumSet struct {
	byKey map[string]*Enum
}

func (e *enumSet) add(in string, status int, field string, values []any) {
	if e.byKey == nil {
		e.byKey = map[string]*Enum{}
	}
	key := fmt.Sprintf("%s|%d|%s", in, status, field)
	en := e.byKey[key]
	if en == nil {
		en = &Enum{In: in, Status: status, Field: field}
		e.byKey[key] = en
	}
	for _, v := range values {
		k := valueKey(v)
		dup := false
		for _, have := range en.Values {
			dup = dup || have.key == k
		}
		if !dup {
			en.Values = append(en.Values, &Value{Value: v, key: k})
		}
	}
}

func (e *enumSet) sorted() []*Enum {
	out := make([]*Enum, 0, len(e.byKey))
	for _, en := range e.byKey {
		out = append(out, en)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.In != b.In {
			return inOrder(a.In) < inOrder(b.In)
		}
		if a.Status != b.Status {
			return a.Status < b.Status
		}
		return a.Field < b.Field
	})
	return out
}

func inOrder(in string) int {
	return strings.Index("path query header request response", in)
}

// valueKey is a value's canonical JSON, so 1 (YAML int) and 1.0 (JSON float) compare equal.
func valueKey(v any) string {
	switch n := v.(type) {
	case int:
		v = float64(n)
	case int64:
		v = float64(n)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
