package specs_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/clientconf/clientconf/specs"
)

// defaultList is one list of create-defaults.yaml: dotted body paths → values, and the source.
type defaultList struct {
	Source string         `yaml:"source"`
	Values map[string]any `yaml:"values"`
}

type createDefaults struct {
	Asserted   defaultList `yaml:"asserted"`
	Documented defaultList `yaml:"documented"`
}

// TestCreateDefaults keeps the defaults of every create request schema equal to
// create-defaults.yaml: `default` (from which the suite derives a scenario) only where CONTRACT
// asserts it, `x-default` for what the vendor documents and CONTRACT does not assert.
func TestCreateDefaults(t *testing.T) {
	data, err := os.ReadFile("create-defaults.yaml")
	if err != nil {
		t.Fatalf("reading create-defaults.yaml: %v", err)
	}
	var listed map[string]map[string]createDefaults
	if err := yaml.Unmarshal(data, &listed); err != nil {
		t.Fatalf("parsing create-defaults.yaml: %v", err)
	}
	for _, surface := range specs.Surfaces() {
		name, _ := specs.File(surface)
		t.Run(surface, func(t *testing.T) {
			t.Parallel()
			doc := loadSurface(t, surface)
			want := listed[name]
			creates := createBodies(doc)
			for _, key := range sortedKeys(creates) {
				w, ok := want[key]
				if !ok {
					t.Errorf("create body %s is not listed in create-defaults.yaml", key)
					continue
				}
				asserted, documented := schemaDefaults(creates[key])
				compareDefaults(t, key+" default", asserted, w.Asserted)
				compareDefaults(t, key+" x-default", documented, w.Documented)
			}
			for key := range want {
				if creates[key] == nil {
					t.Errorf("create-defaults.yaml lists %s, which is no create body of %s", key, name)
				}
			}
		})
	}
}

func compareDefaults(t *testing.T, what string, got map[string]any, want defaultList) {
	t.Helper()
	if len(want.Values) > 0 && want.Source == "" {
		t.Errorf("%s: the list has no source", what)
	}
	for _, path := range sortedKeys(got) {
		w, ok := want.Values[path]
		switch {
		case !ok:
			t.Errorf("%s %s = %s is not in create-defaults.yaml", what, path, jsonText(got[path]))
		case jsonText(w) != jsonText(got[path]):
			t.Errorf("%s %s: spec %s, create-defaults.yaml %s", what, path, jsonText(got[path]), jsonText(w))
		}
	}
	for path := range want.Values {
		if _, ok := got[path]; !ok {
			t.Errorf("%s %s is listed but not in the spec", what, path)
		}
	}
}

// createBodies are the body schemas (each union branch) of the operations that create
// something (a 201 answer).
func createBodies(doc *openapi3.T) map[string]*openapi3.Schema {
	out := map[string]*openapi3.Schema{}
	for _, o := range operations(doc) {
		if o.op.Responses.Value("201") == nil || o.op.RequestBody == nil || o.op.RequestBody.Value == nil {
			continue
		}
		for _, mt := range o.op.RequestBody.Value.Content {
			if mt.Schema != nil && mt.Schema.Value != nil {
				for key, s := range bodyBranches(mt.Schema, o.op.OperationID) {
					out[key] = s
				}
			}
		}
	}
	return out
}

// schemaDefaults collects `default` and `x-default` by dotted path, visiting the body the way
// the suite's derived tables do: properties, and nested objects that declare properties.
func schemaDefaults(root *openapi3.Schema) (asserted, documented map[string]any) {
	asserted, documented = map[string]any{}, map[string]any{}
	var walk func(s *openapi3.Schema, prefix string)
	walk = func(s *openapi3.Schema, prefix string) {
		for _, name := range sortedKeys(s.Properties) {
			ref := s.Properties[name]
			if ref == nil || ref.Value == nil {
				continue
			}
			p, path := ref.Value, prefix+name
			if p.Default != nil {
				asserted[path] = p.Default
			}
			if v, ok := p.Extensions["x-default"]; ok {
				documented[path] = v
			}
			if p.Type.Is("object") && len(p.Properties) > 0 {
				walk(p, path+".")
			}
		}
	}
	walk(root, "")
	return asserted, documented
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return strings.TrimSpace(string(b))
}
