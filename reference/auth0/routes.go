package auth0

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/clientconf/clientconf/reference/specdoc"
)

// router dispatches on the paths of the embedded spec to the handler of each operationId.
// Undocumented methods on a documented path get 405 and unknown paths 404, both in the Auth0
// error shape (Go's mux would answer in plain text).
type router struct {
	s        *server
	handlers map[string]http.HandlerFunc
}

// newRouter joins the documented operations to their handlers; an operation of the spec
// without a handler is an error, so a new path in the spec cannot go unserved.
func (s *server) newRouter() (*router, error) {
	handlers := map[string]http.HandlerFunc{
		"getClients":         s.listClients,
		"createClient":       s.createClient,
		"getClient":          s.getClient,
		"updateClient":       s.updateClient,
		"deleteClient":       s.deleteClient,
		"rotateClientSecret": s.rotateSecret,
		"getCredentials":     s.listCredentials,
		"createCredential":   s.createCredential,
		"getCredential":      s.getCredential,
		"updateCredential":   s.updateCredential,
		"deleteCredential":   s.deleteCredential,
	}
	for path, item := range s.spec.T.Paths.Map() {
		for method, op := range item.Operations() {
			if handlers[op.OperationID] == nil {
				return nil, fmt.Errorf("no handler for %s %s (%s)", method, path, op.OperationID)
			}
		}
	}
	return &router{s: s, handlers: handlers}, nil
}

// routes is the surface's handler.
func (s *server) routes() http.Handler { return s.router }

func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := rt.s
	route, err := specdoc.Router{s.spec}.Find(r)
	var notAllowed *specdoc.MethodNotAllowedError
	switch {
	case errors.As(err, &notAllowed):
		// Authentication still comes first, as for every other request of this surface.
		if _, ok := s.authenticate(w, r); !ok {
			return
		}
		w.Header().Set("Allow", strings.Join(notAllowed.Allow, ", "))
		s.writeError(w, &apiError{Status: http.StatusMethodNotAllowed, Message: "Method " + r.Method + " is not allowed on " + r.URL.Path})
		return
	case err != nil:
		s.writeError(w, &apiError{Status: http.StatusNotFound, Message: "Not Found"})
		return
	}
	for k, v := range route.Params {
		r.SetPathValue(k, v)
	}
	if s.checkBeforeAuth(w, r) || s.writeDespite403(w, r, rt.handlers[route.ID]) {
		return // issue 12 fault switches (faults_issue12.go)
	}
	rt.handlers[route.ID](w, r)
}
