package specdoc

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// Route is the documented operation a request was routed to.
type Route struct {
	ID     string // operationId
	Method string
	Path   string            // the template, e.g. /v1/clients/{clientId}
	Params map[string]string // path parameters, unescaped
	Op     *openapi3.Operation
	Doc    *Doc
	route  *routers.Route
}

// ErrNoPath is returned by Find for a path no document has.
var ErrNoPath = errors.New("no such path")

// MethodNotAllowedError is returned by Find for a documented path and an undocumented method.
type MethodNotAllowedError struct {
	Path  string
	Allow []string // the documented methods of the path: GET, POST, PUT, PATCH, DELETE order
}

func (e *MethodNotAllowedError) Error() string { return "method not allowed on " + e.Path }

// Router routes over the documents of the surfaces one handler serves (the Transmit handler
// serves two). Literal paths win over templated ones (kin-openapi registers paths with fewer
// parameters first), so /v1/applications/list is never taken for an app id.
type Router []*Doc

// Find returns the route of r, ErrNoPath, or a *MethodNotAllowedError.
func (rt Router) Find(r *http.Request) (*Route, error) {
	var notAllowed *MethodNotAllowedError
	for _, d := range rt {
		route, err := d.find(r)
		if err == nil {
			return route, nil
		}
		if errors.As(err, &notAllowed) {
			return nil, err
		}
	}
	return nil, ErrNoPath
}

// find routes r on the most specific path of d that matches it.
func (d *Doc) find(r *http.Request) (*Route, error) {
	segs := strings.Split(r.URL.EscapedPath(), "/")
	for _, p := range d.paths {
		if !p.mayMatch(segs) {
			continue
		}
		route, params, err := p.router.FindRoute(r)
		switch {
		case err == nil:
			return newRoute(d, route, params), nil
		case errors.Is(err, routers.ErrMethodNotAllowed):
			e := &MethodNotAllowedError{Path: p.template}
			for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
				if p.item.GetOperation(m) != nil {
					e.Allow = append(e.Allow, m)
				}
			}
			return nil, e
		}
	}
	return nil, ErrNoPath
}

func newRoute(d *Doc, route *routers.Route, params map[string]string) *Route {
	for k, v := range params {
		if u, err := url.PathUnescape(v); err == nil {
			params[k] = u
		}
	}
	return &Route{
		ID: route.Operation.OperationID, Method: route.Method, Path: route.Path,
		Params: params, Op: route.Operation, Doc: d, route: route,
	}
}
