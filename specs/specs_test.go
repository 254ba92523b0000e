package specs_test

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clientconf/clientconf/specs"
)

// loadSurface loads and validates (examples included) the document of one surface. A surface
// whose document has not been written yet is skipped, not failed: the specs are written one
// surface at a time.
func loadSurface(t *testing.T, surface string) *openapi3.T {
	t.Helper()
	name, ok := specs.File(surface)
	if !ok {
		t.Fatalf("specs.File(%q): unknown surface", surface)
	}
	data, err := fs.ReadFile(specs.FS, name)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("surface %s: %s does not exist yet", surface, name)
	}
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("validate %s: %v", name, err)
	}
	return doc
}

// operation is one method of one path, with the parameters it inherits from its path item.
type operation struct {
	path, method string
	item         *openapi3.PathItem
	op           *openapi3.Operation
}

func (o operation) String() string { return o.method + " " + o.path }

// pathParams names the path parameters of the operation, path-item level ones included.
func (o operation) pathParams() []string {
	var names []string
	for _, ps := range []openapi3.Parameters{o.item.Parameters, o.op.Parameters} {
		for _, p := range ps {
			if p.Value != nil && p.Value.In == openapi3.ParameterInPath {
				names = append(names, p.Value.Name)
			}
		}
	}
	return names
}

// operations lists every operation of doc in a stable order.
func operations(doc *openapi3.T) []operation {
	var ops []operation
	paths := doc.Paths.Keys()
	slices.Sort(paths)
	for _, path := range paths {
		item := doc.Paths.Value(path)
		methods := item.Operations()
		keys := make([]string, 0, len(methods))
		for m := range methods {
			keys = append(keys, m)
		}
		slices.Sort(keys)
		for _, m := range keys {
			ops = append(ops, operation{path: path, method: m, item: item, op: methods[m]})
		}
	}
	return ops
}

// stringList reports whether an extension value is a non-empty list of non-empty strings.
func stringList(v any) bool {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return false
	}
	for _, e := range list {
		if s, ok := e.(string); !ok || s == "" {
			return false
		}
	}
	return true
}

// TestSpecs checks every surface's document against kin-openapi's validator and the
// conventions of README.md that the engine relies on.
func TestSpecs(t *testing.T) {
	for _, surface := range specs.Surfaces() {
		t.Run(surface, func(t *testing.T) {
			t.Parallel()
			doc := loadSurface(t, surface)
			if doc.OpenAPI != "3.0.3" {
				t.Errorf("openapi: got %q, want 3.0.3", doc.OpenAPI)
			}
			if len(doc.Servers) == 0 {
				t.Error("no servers")
			}

			ops := operations(doc)
			if len(ops) == 0 {
				t.Fatal("no operations")
			}
			byID := map[string]operation{}
			for _, o := range ops {
				id := o.op.OperationID
				if id == "" {
					t.Errorf("%s: no operationId", o)
					continue
				}
				if prev, dup := byID[id]; dup {
					t.Errorf("%s: operationId %q already used by %s", o, id, prev)
				}
				byID[id] = o
			}
			for _, o := range ops {
				checkOperation(t, o, byID)
			}
		})
	}
}

// checkOperation checks the conventions one operation must follow.
func checkOperation(t *testing.T, o operation, byID map[string]operation) {
	t.Helper()
	ext := o.op.Extensions
	perms, hasPerms := ext["x-permissions"]
	scopes, hasScopes := ext["x-scopes"]
	switch {
	case hasPerms && !stringList(perms):
		t.Errorf("%s: x-permissions must be a non-empty list of strings, got %v", o, perms)
	case hasScopes && !stringList(scopes):
		t.Errorf("%s: x-scopes must be a non-empty list of strings, got %v", o, scopes)
	case !hasPerms && !hasScopes:
		t.Errorf("%s: neither x-permissions nor x-scopes", o)
	}

	if o.op.Responses == nil {
		t.Errorf("%s: no responses", o)
		return
	}
	if o.op.Responses.Default() != nil {
		t.Errorf("%s: has a default response, which hides undocumented statuses", o)
	}
	for _, status := range []string{"401", "403"} {
		if o.op.Responses.Value(status) == nil {
			t.Errorf("%s: no %s response (the contract assigns it to every operation)", o, status)
		}
	}
	if r := o.op.Responses.Value("401"); hasPerms && r != nil && r.Value != nil {
		// Transmit: a 401 carries a Bearer challenge.
		h := r.Value.Headers["WWW-Authenticate"]
		if h == nil || h.Value == nil || !h.Value.Required {
			t.Errorf("%s: 401 must document a required WWW-Authenticate header", o)
		}
	}

	if d, ok := ext["x-destructive"]; ok {
		if _, isBool := d.(bool); !isBool {
			t.Errorf("%s: x-destructive must be a boolean, got %T", o, d)
		}
	}

	cleanup, hasCleanup := ext["x-cleanup"]
	if o.op.Responses.Value("201") != nil && !hasCleanup {
		t.Errorf("%s: creates something (201) but has no x-cleanup", o)
	}
	if hasCleanup {
		checkCleanup(t, o, cleanup, byID)
	}
}

// checkCleanup checks that an x-cleanup names an existing operation and fills exactly its path
// parameters with runtime expressions.
func checkCleanup(t *testing.T, o operation, cleanup any, byID map[string]operation) {
	t.Helper()
	c, ok := cleanup.(map[string]any)
	if !ok {
		t.Errorf("%s: x-cleanup must be an object, got %T", o, cleanup)
		return
	}
	id, _ := c["operationId"].(string)
	target, ok := byID[id]
	if !ok {
		t.Errorf("%s: x-cleanup.operationId %q names no operation", o, id)
		return
	}
	params, _ := c["parameters"].(map[string]any)
	got := make([]string, 0, len(params))
	for name, expr := range params {
		got = append(got, name)
		s, _ := expr.(string)
		if !strings.HasPrefix(s, "$response.") && !strings.HasPrefix(s, "$request.") {
			t.Errorf("%s: x-cleanup parameter %s = %v is not a runtime expression", o, name, expr)
		}
	}
	want := target.pathParams()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: x-cleanup fills parameters %v, but %s (%s) has path parameters %v", o, got, id, target, want)
	}
}
