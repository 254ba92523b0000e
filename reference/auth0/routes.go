package auth0

import (
	"net/http"
	"strings"
)

// routes wires the documented operations. Each documented path also gets a method-less pattern
// that answers other methods with 405 in the Auth0 error shape (Go's mux would answer in plain
// text), and "/" answers unknown paths with a JSON 404.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	ops := []struct {
		path    string
		methods map[string]http.HandlerFunc
	}{
		{"/clients", map[string]http.HandlerFunc{"GET": s.listClients, "POST": s.createClient}},
		{"/clients/{id}", map[string]http.HandlerFunc{"GET": s.getClient, "PATCH": s.updateClient, "DELETE": s.deleteClient}},
		{"/clients/{id}/rotate-secret", map[string]http.HandlerFunc{"POST": s.rotateSecret}},
		{"/clients/{id}/credentials", map[string]http.HandlerFunc{"GET": s.listCredentials, "POST": s.createCredential}},
		{"/clients/{id}/credentials/{credential_id}", map[string]http.HandlerFunc{
			"GET": s.getCredential, "PATCH": s.updateCredential, "DELETE": s.deleteCredential,
		}},
	}
	for _, op := range ops {
		allowed := make([]string, 0, len(op.methods))
		for _, m := range []string{"GET", "POST", "PATCH", "DELETE"} {
			if h, ok := op.methods[m]; ok {
				mux.HandleFunc(m+" "+op.path, h)
				allowed = append(allowed, m)
			}
		}
		mux.HandleFunc(op.path, s.methodNotAllowed(strings.Join(allowed, ", ")))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, &apiError{Status: http.StatusNotFound, Message: "Not Found"})
	})
	return mux
}

// methodNotAllowed answers an undocumented method on a documented path. Authentication still
// comes first, as for every other request of this surface.
func (s *server) methodNotAllowed(allow string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, ok := s.authenticate(w, r); !ok {
			return
		}
		w.Header().Set("Allow", allow)
		s.writeError(w, &apiError{Status: http.StatusMethodNotAllowed, Message: "Method " + r.Method + " is not allowed on " + r.URL.Path})
	}
}
