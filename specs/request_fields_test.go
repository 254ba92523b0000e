package specs_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/clientconf/clientconf/specs"
)

// fieldList is one documented list of request-fields.yaml: the fields and where they are documented.
type fieldList struct {
	Source string   `yaml:"source"`
	Fields []string `yaml:"fields"`
}

// specFields is the entry of one spec file in request-fields.yaml.
type specFields struct {
	Source     string               `yaml:"source"`
	OutputOnly fieldList            `yaml:"output_only"`
	Schemas    map[string]fieldList `yaml:"schemas"`
}

func loadRequestFields(t *testing.T) map[string]specFields {
	t.Helper()
	data, err := os.ReadFile("request-fields.yaml")
	if err != nil {
		t.Fatalf("reading request-fields.yaml: %v", err)
	}
	var out map[string]specFields
	if err := yaml.Unmarshal(data, &out); err != nil {
		t.Fatalf("parsing request-fields.yaml: %v", err)
	}
	return out
}

// TestRequestFieldsDocumented keeps every request schema of every spec equal to its documented
// input fields (request-fields.yaml, each list with its source): a field the vendor documents
// only in responses, such as external_communication on apps, cannot slip into a request schema
// and turn into derived scenarios that fail a conforming server; nor can a documented input
// go missing.
func TestRequestFieldsDocumented(t *testing.T) {
	listed := loadRequestFields(t)
	for _, surface := range specs.Surfaces() {
		name, _ := specs.File(surface)
		t.Run(surface, func(t *testing.T) {
			t.Parallel()
			doc := loadSurface(t, surface)
			entry, ok := listed[name]
			if !ok {
				t.Fatalf("request-fields.yaml has no entry for %s", name)
			}
			if entry.Source == "" {
				t.Errorf("%s: no source", name)
			}
			reached, bodies := requestSchemas(doc)
			for _, key := range sortedKeys(reached) {
				want, ok := entry.Schemas[key]
				if !ok {
					t.Errorf("request schema %s is not listed in request-fields.yaml (add its documented input fields and their source)", key)
					continue
				}
				if want.Source == "" {
					t.Errorf("%s: no source for its field list", key)
				}
				got := sortedKeys(reached[key].Properties)
				if extra := minus(got, want.Fields); len(extra) > 0 {
					t.Errorf("%s has properties that are not documented inputs: %v", key, extra)
				}
				if missing := minus(want.Fields, got); len(missing) > 0 {
					t.Errorf("%s lacks documented inputs: %v", key, missing)
				}
			}
			for key := range entry.Schemas {
				if reached[key] == nil {
					t.Errorf("request-fields.yaml lists %s, but no request body of %s reaches it", key, name)
				}
			}

			outputs := responseFieldNames(doc)
			for _, f := range entry.OutputOnly.Fields {
				if !outputs[f] {
					t.Errorf("output_only %s is in no response schema of %s", f, name)
				}
				for _, key := range sortedKeys(bodies) {
					if bodies[key].Properties[f] != nil {
						t.Errorf("%s takes %s, which the facts document as output only", key, f)
					}
				}
			}
		})
	}
}

// requestSchemas finds every object schema with properties that a request body reaches (see
// request-fields.yaml for the naming), and separately the body schemas themselves (each
// oneOf/anyOf branch of a body).
func requestSchemas(doc *openapi3.T) (reached, bodies map[string]*openapi3.Schema) {
	reached, bodies = map[string]*openapi3.Schema{}, map[string]*openapi3.Schema{}
	seen := map[string]bool{}
	var walk func(ref *openapi3.SchemaRef, key string)
	inner := func(s *openapi3.Schema, key string) {
		for _, branches := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
			for _, b := range branches {
				walk(b, key)
			}
		}
		for _, p := range sortedKeys(s.Properties) {
			walk(s.Properties[p], key+"."+p)
		}
		if s.Items != nil {
			walk(s.Items, key+"[]")
		}
		if ap := s.AdditionalProperties.Schema; ap != nil {
			walk(ap, key+".*")
		}
	}
	walk = func(ref *openapi3.SchemaRef, key string) {
		if ref == nil || ref.Value == nil {
			return
		}
		if ref.Ref != "" {
			key = strings.TrimPrefix(ref.Ref, "#/components/schemas/")
		}
		if seen[key] {
			return
		}
		seen[key] = true
		if len(ref.Value.Properties) > 0 {
			reached[key] = ref.Value
		}
		inner(ref.Value, key)
	}
	for _, o := range operations(doc) {
		if o.op.RequestBody == nil || o.op.RequestBody.Value == nil {
			continue
		}
		for _, mt := range o.op.RequestBody.Value.Content {
			if mt.Schema == nil || mt.Schema.Value == nil {
				continue
			}
			for key, s := range bodyBranches(mt.Schema, o.op.OperationID) {
				bodies[key] = s
			}
			walk(mt.Schema, o.op.OperationID)
		}
	}
	return reached, bodies
}

// bodyBranches is a body schema, or each branch of a body that is a oneOf/anyOf union, by name.
func bodyBranches(ref *openapi3.SchemaRef, opID string) map[string]*openapi3.Schema {
	name := func(r *openapi3.SchemaRef) string {
		if r.Ref != "" {
			return strings.TrimPrefix(r.Ref, "#/components/schemas/")
		}
		return opID
	}
	out := map[string]*openapi3.Schema{}
	for _, branches := range [][]*openapi3.SchemaRef{ref.Value.OneOf, ref.Value.AnyOf} {
		for _, b := range branches {
			if b.Value != nil {
				out[name(b)] = b.Value
			}
		}
	}
	if len(out) == 0 {
		out[name(ref)] = ref.Value
	}
	return out
}

// responseFieldNames collects every property name in the response schemas of doc, at any depth.
func responseFieldNames(doc *openapi3.T) map[string]bool {
	names := map[string]bool{}
	seen := map[*openapi3.Schema]bool{}
	var walk func(ref *openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		for _, branches := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
			for _, b := range branches {
				walk(b)
			}
		}
		for p, ps := range s.Properties {
			names[p] = true
			walk(ps)
		}
		walk(s.Items)
	}
	for _, o := range operations(doc) {
		for _, r := range o.op.Responses.Map() {
			if r.Value == nil {
				continue
			}
			for _, mt := range r.Value.Content {
				walk(mt.Schema)
			}
		}
	}
	return names
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// minus is a without the elements of b.
func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
