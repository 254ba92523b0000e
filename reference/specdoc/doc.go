// Package specdoc serves the embedded OpenAPI documents (specs/) to the reference server: it
// loads a surface's document, optionally patched (the schema-breaking fault switches are patches),
// routes requests on their paths, and validates request bodies and parameters with
// openapi3filter. Failures come back as a *Problem (a field and a reason, never a value), which
// each surface renders as its own error body. The schema is stated once, in the spec.
package specdoc

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/clientconf/clientconf/specs"
)

// Doc is one loaded surface document with its router. Read-only after Load: safe to share.
type Doc struct {
	T     *openapi3.T
	paths []docPath         // most specific first
	ops   map[string]*Route // by operationId
}

// docPath is one path of the document with a router of its own, so that the order of matching
// is ours: kin-openapi orders paths by their number of parameters, which lets
// /v1/applications/{appId}/clients take /v1/applications/signing-keys/clients.
type docPath struct {
	template string
	segs     []string // the template's segments, for a cheap pre-check before the router's regexps
	item     *openapi3.PathItem
	router   routers.Router
}

// mayMatch reports whether a path of these (escaped) segments can match the template: as many
// segments, and the literal ones equal. Only then does the router decide.
func (p docPath) mayMatch(segs []string) bool {
	if len(segs) != len(p.segs) {
		return false
	}
	for i, s := range p.segs {
		if !strings.HasPrefix(s, "{") && s != segs[i] {
			return false
		}
	}
	return true
}

// Patch changes a freshly loaded document before it is routed; it reports an error when the
// part it changes is missing, so a fault switch never silently stops breaking anything.
type Patch func(*openapi3.T) error

// pristine caches the unpatched documents: loading costs milliseconds and servers are made by
// the hundred in tests. Each entry is immutable once loaded.
var pristine = map[string]func() (*Doc, error){}

func init() {
	for _, surface := range specs.Surfaces() {
		pristine[surface] = sync.OnceValues(func() (*Doc, error) { return load(surface, nil) })
	}
}

// Load returns the document of a surface. Without patches it is shared; with patches it is a
// private copy with the patches applied.
func Load(surface string, patches ...Patch) (*Doc, error) {
	if len(patches) == 0 {
		get, ok := pristine[surface]
		if !ok {
			return nil, fmt.Errorf("unknown surface %q", surface)
		}
		return get()
	}
	return load(surface, patches)
}

func load(surface string, patches []Patch) (*Doc, error) {
	t, name, err := specs.Load(surface)
	if err != nil {
		return nil, err
	}
	for _, p := range patches {
		if err := p(t); err != nil {
			return nil, fmt.Errorf("patch spec %s: %w", name, err)
		}
	}
	// Route on the path only: the server's mount point is stripped before routing.
	t.Servers = openapi3.Servers{{URL: "/"}}
	d := &Doc{T: t, ops: map[string]*Route{}}
	for template, item := range t.Paths.Map() {
		for method, op := range item.Operations() {
			route := &routers.Route{Spec: t, Path: template, PathItem: item, Method: method, Operation: op}
			d.ops[op.OperationID] = newRoute(d, route, map[string]string{})
		}
	}
	templates := t.Paths.InMatchingOrder()
	slices.SortStableFunc(templates, literalFirst)
	for _, template := range templates {
		one := *t
		one.Paths = openapi3.NewPaths(openapi3.WithPath(template, t.Paths.Value(template)))
		router, err := gorillamux.NewRouter(&one)
		if err != nil {
			return nil, fmt.Errorf("router for %s %s: %w", name, template, err)
		}
		d.paths = append(d.paths, docPath{
			template: template, segs: strings.Split(template, "/"), item: t.Paths.Value(template), router: router,
		})
	}
	return d, nil
}

// literalFirst orders path templates so that, at the first segment where two differ in kind,
// the literal one comes first: /v1/applications/signing-keys/{id} before
// /v1/applications/{appId}/clients, /v1/applications/list before /v1/applications/{appId}.
func literalFirst(a, b string) int {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	for i := range min(len(as), len(bs)) {
		aParam, bParam := strings.HasPrefix(as[i], "{"), strings.HasPrefix(bs[i], "{")
		if aParam != bParam {
			if aParam {
				return 1
			}
			return -1
		}
	}
	return 0
}

// Operation returns the route of an operationId (no path parameters), or nil: for handlers that
// know their operation and only need its schemas.
func (d *Doc) Operation(id string) *Route { return d.ops[id] }

// Schema returns the component schema of that name, or nil.
func (d *Doc) Schema(name string) *openapi3.Schema { return componentSchema(d.T, name) }

func componentSchema(t *openapi3.T, name string) *openapi3.Schema {
	if t.Components == nil {
		return nil
	}
	if ref := t.Components.Schemas[name]; ref != nil {
		return ref.Value
	}
	return nil
}
