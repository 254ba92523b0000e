package transmit

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference/specdoc"
)

// scope says which app an operation acts on and which tokens may call it.
type scope int

const (
	// ownApp: /v1/clients… and signing keys act on the token's own app; admin tokens → 403.
	ownApp scope = iota
	// pathApp: /v1/applications/{appId}/…: an admin token acts on any app, a client token only
	// on its own (another app id, existing or not → 403).
	pathApp
	// tenantWide: create and list apps; any token, "[appId]" matches the token's own app.
	tenantWide
)

// op is the behaviour of one documented operation. Permissions are the vendor's any-of list
// (api-facts §4–5; CONTRACT gives the twin's list where the vendor lists none).
type op struct {
	scope  scope
	perms  []string
	handle func(*request) error

	id, path string // from the spec: operationId and path template
}

// request is what a handler gets once the router has authenticated and authorized it.
type request struct {
	w     http.ResponseWriter
	r     *http.Request
	route *specdoc.Route // the documented operation, for validating the body against its schema
	tok   fixtures.Token
	appID string // the app acted on
	body  []byte
}

// router dispatches on the paths of the embedded specs (specdoc routes them: literal paths win
// over templated ones) to the operations table, by operationId.
type router struct {
	s   *server
	ops map[string]*op
}

// newRouter joins the documented operations to their behaviour; an operation of the specs
// without a handler is an error, so a new path in a spec cannot go unserved.
func newRouter(s *server, ops map[string]*op) (*router, error) {
	for _, d := range s.spec {
		for path, item := range d.T.Paths.Map() {
			for method, operation := range item.Operations() {
				o := ops[operation.OperationID]
				if o == nil {
					return nil, fmt.Errorf("no handler for %s %s (%s)", method, path, operation.OperationID)
				}
				o.id, o.path = operation.OperationID, path
			}
		}
	}
	return &router{s: s, ops: ops}, nil
}

func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := rt.s
	route, err := s.spec.Find(r)
	var notAllowed *specdoc.MethodNotAllowedError
	switch {
	case errors.As(err, &notAllowed):
		if _, err := s.authenticate(r); err != nil {
			s.writeError(w, err)
			return
		}
		allowed := slices.Sorted(slices.Values(notAllowed.Allow))
		s.writeError(w, &apiError{status: http.StatusMethodNotAllowed,
			message: "method " + r.Method + " is not allowed on " + notAllowed.Path, allow: strings.Join(allowed, ", ")})
		return
	case err != nil:
		s.writeError(w, &apiError{status: http.StatusNotFound, message: "no such path: " + r.URL.Path})
		return
	}
	for k, v := range route.Params {
		r.SetPathValue(k, v)
	}
	o := rt.ops[route.ID]
	if o.id == "getClientById" && s.faults.On(fClientsNoTokenGet) && r.Header.Get("Authorization") == "" {
		// The bug: a "public client metadata" shortcut serves client reads without a token.
		s.mu.RLock()
		c := s.clients[r.PathValue("clientId")]
		s.mu.RUnlock()
		if c != nil {
			rt.finish(w, o, &request{w: w, r: r, route: route, appID: c.appID})
			return
		}
	}
	if err := s.checkBeforeAuth(r); err != nil {
		s.writeError(w, err)
		return
	}
	tok, err := s.authenticate(r)
	if err != nil {
		s.writeError(w, err)
		return
	}
	rq := &request{w: w, r: r, route: route, tok: tok}
	if r.Body != nil && (r.Method == http.MethodPost || r.Method == http.MethodPut) {
		rq.body, err = io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		if err != nil {
			s.writeError(w, badRequest("read request body: %v", err))
			return
		}
		if len(rq.body) > maxBody {
			s.writeError(w, badRequest("request body is larger than %d bytes", maxBody))
			return
		}
	}
	if err := rt.authorize(o, rq); err != nil {
		s.writeError(w, err)
		return
	}
	rt.finish(w, o, rq)
}

func (rt *router) finish(w http.ResponseWriter, o *op, rq *request) {
	if err := o.handle(rq); err != nil {
		rt.s.writeError(w, err)
	}
}

// authorize decides the 403s, all before any 400/404: admin tokens where a client token is
// needed, missing permissions, and a client token naming another app.
func (rt *router) authorize(o *op, rq *request) error {
	s, tok := rt.s, rq.tok
	if tok.Kind == kindAdmin && isAppLevel(o) && s.faults.On(fAppsAdminRejected) {
		return forbidden("Forbidden: this operation needs a client access token") // the spec-literal reading
	}
	switch o.scope {
	case ownApp:
		rq.appID = tok.AppID
		if tok.Kind != kindClient {
			switch {
			case o.id == "getClientTokenSigningKeys" && s.faults.On(fAppsAdminListsSigningKeys):
				// the bug: an admin token lists every app's keys (appID stays "")
			case strings.HasPrefix(o.path, "/v1/clients") && s.faults.On(fClientsAdminTokenAccepted):
				rq.appID = s.firstAppID() // the bug: no app in the token falls back to the first app
			default:
				return forbidden("Forbidden: this operation needs a client access token")
			}
		}
	case pathApp:
		rq.appID = rq.r.PathValue("appId")
	case tenantWide:
		rq.appID = tok.AppID
	}
	if s.faults.On(fClientsChecksBeforePermissions) {
		if err := s.preflight(o, rq); err != nil {
			return err
		}
	}
	if err := s.lookupBefore403(rq.r); err != nil {
		return err
	}
	if !s.permitted(tok, o.perms, rq.appID) {
		rt.writeDespite403(o, rq)
		return forbidden("Forbidden: the token lacks the permissions of " + o.id)
	}
	if o.scope == pathApp && tok.Kind != kindAdmin && rq.appID != tok.AppID {
		if s.faults.On(fAppsOtherAppID404) && !s.appExists(rq.appID) {
			return notFound("application") // the bug: existence checked before ownership
		}
		if !s.faults.On(fAppsCrossAppAccess) {
			return forbidden("Forbidden: a client access token acts on its own application only")
		}
	}
	return nil
}

// isAppLevel: the application operations proper (A8–A14), which the vendor's spec lists with
// ClientAccessToken only, although its prose and the contract allow admin tokens.
func isAppLevel(o *op) bool {
	return strings.HasPrefix(o.path, "/v1/applications") &&
		!strings.Contains(o.path, "/clients") && !strings.Contains(o.path, "signing-keys")
}

// preflight is the checks-before-permissions fault: ids and body syntax are checked before the
// permission check, so a caller without permission learns what exists.
func (s *server) preflight(o *op, rq *request) error {
	if id := rq.r.PathValue("clientId"); id != "" {
		s.mu.RLock()
		_, err := s.clientIn(rq.appID, id)
		s.mu.RUnlock()
		if err != nil {
			return err
		}
	}
	if rq.body != nil {
		if _, err := s.parseObject(rq.body); err != nil {
			return err
		}
	}
	return nil
}

// firstAppID is the oldest app of the tenant (ties by id), for the admin-token-accepted fault.
func (s *server) firstAppID() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var first *app
	for _, a := range s.apps {
		if first == nil || a.created.Before(first.created) || (a.created.Equal(first.created) && a.id < first.id) {
			first = a
		}
	}
	if first == nil {
		return ""
	}
	return first.id
}

func (s *server) appExists(id string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.apps[id] != nil
}
