// Package contract loads the surface specs and checks every HTTP exchange against them:
// documented status, content type, headers and body schema (formats included).
package contract

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/clientconf/clientconf/specs"
)

// Spec is one surface's loaded, validated OpenAPI document. It is read-only after Load and
// safe for concurrent use.
type Spec struct {
	Surface string
	Doc     *openapi3.T
	router  routers.Router
	ops     map[string]*Op
	order   []string
}

// Op is one operation of a spec, with the extensions the engine reads.
type Op struct {
	ID          string
	Method      string
	Path        string // template relative to the base URL, e.g. /v1/clients/{clientId}
	Operation   *openapi3.Operation
	Permissions []string // x-permissions or x-scopes: any one suffices
	Destructive bool     // x-destructive: deletes what the suite did not create
	Cleanup     *Cleanup // x-cleanup: how to delete what this operation creates
	spec        *Spec
}

// Cleanup says which operation deletes what an operation created, and how to fill its
// parameters from the create exchange (OpenAPI runtime expressions).
type Cleanup struct {
	OperationID string            `json:"operationId"`
	Parameters  map[string]string `json:"parameters"`
}

// Load reads a surface's document from the embedded specs, validates it and prepares routing
// on paths only, so that any base URL (a vendor, a mock, the reference server) can be checked.
func Load(surface string) (*Spec, error) {
	doc, name, err := specs.Load(surface)
	if err != nil {
		return nil, err
	}
	// Route on the path only: the base path is stripped before routing.
	doc.Servers = openapi3.Servers{{URL: "/"}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("router for %s: %w", name, err)
	}
	s := &Spec{Surface: surface, Doc: doc, router: router, ops: map[string]*Op{}}
	for path, item := range doc.Paths.Map() {
		for method, operation := range item.Operations() {
			op, err := newOp(s, method, path, operation)
			if err != nil {
				return nil, fmt.Errorf("%s: %s %s: %w", name, method, path, err)
			}
			s.ops[op.ID] = op
			s.order = append(s.order, op.ID)
		}
	}
	sort.Strings(s.order)
	return s, nil
}

func newOp(s *Spec, method, path string, o *openapi3.Operation) (*Op, error) {
	if o.OperationID == "" {
		return nil, fmt.Errorf("no operationId")
	}
	op := &Op{ID: o.OperationID, Method: method, Path: path, Operation: o, spec: s}
	for _, key := range []string{"x-permissions", "x-scopes"} {
		if v, ok := o.Extensions[key]; ok {
			if err := remarshal(v, &op.Permissions); err != nil {
				return nil, fmt.Errorf("%s: %w", key, err)
			}
		}
	}
	if v, ok := o.Extensions["x-destructive"]; ok {
		if err := remarshal(v, &op.Destructive); err != nil {
			return nil, fmt.Errorf("x-destructive: %w", err)
		}
	}
	if v, ok := o.Extensions["x-cleanup"]; ok {
		op.Cleanup = &Cleanup{}
		if err := remarshal(v, op.Cleanup); err != nil {
			return nil, fmt.Errorf("x-cleanup: %w", err)
		}
	}
	return op, nil
}

// remarshal converts a decoded extension value into a typed one.
func remarshal(v any, out any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, out)
}

// Op returns the operation with the given operationId, or nil.
func (s *Spec) Op(id string) *Op { return s.ops[id] }

// Ops returns every operation, ordered by operationId.
func (s *Spec) Ops() []*Op {
	out := make([]*Op, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, s.ops[id])
	}
	return out
}

// Route finds the operation for a method and a path relative to the base URL, with its path
// parameters. ok is false when the spec has no such path; op is nil with ok true when the path
// exists but the method is not documented.
func (s *Spec) Route(method, relPath string) (op *Op, params map[string]string, ok bool) {
	u := &url.URL{Path: relPath}
	req := &http.Request{Method: method, URL: u, Host: "target", Header: http.Header{}}
	route, params, err := s.router.FindRoute(req)
	if err != nil {
		if err == routers.ErrMethodNotAllowed {
			return nil, nil, true
		}
		return nil, nil, false
	}
	return s.ops[route.Operation.OperationID], params, true
}

// Expand fills a path template's {params}.
func (op *Op) Expand(params map[string]string) string {
	p := op.Path
	for k, v := range params {
		p = strings.ReplaceAll(p, "{"+k+"}", url.PathEscape(v))
	}
	return p
}

// PathParams lists the names of the path template's parameters, in order.
func (op *Op) PathParams() []string {
	var out []string
	rest := op.Path
	for {
		i := strings.Index(rest, "{")
		j := strings.Index(rest, "}")
		if i < 0 || j < i {
			return out
		}
		out = append(out, rest[i+1:j])
		rest = rest[j+1:]
	}
}

// Spec returns the document the operation belongs to.

// ReadOnly reports whether the operation only reads (GET).
func (op *Op) ReadOnly() bool { return op.Method == http.MethodGet }

// Statuses lists the documented status codes of the operation.
func (op *Op) Statuses() []int {
	var out []int
	for code := range op.Operation.Responses.Map() {
		var n int
		if _, err := fmt.Sscanf(code, "%d", &n); err == nil {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}
