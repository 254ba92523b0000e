package transmit

import (
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/clientconf/clientconf/fixtures"
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

// op is one documented operation. Permissions are the vendor's any-of list (api-facts §4–5;
// CONTRACT gives the twin's list where the vendor lists none).
type op struct {
	id     string // the spec's operationId
	method string
	path   string
	scope  scope
	perms  []string
	handle func(*request) error
}

// request is what a handler gets once the router has authenticated and authorized it.
type request struct {
	w     http.ResponseWriter
	r     *http.Request
	tok   fixtures.Token
	appID string // the app acted on
	body  []byte
}

// pattern is one documented path with the operations of each method.
type pattern struct {
	path    string
	segs    []string
	methods map[string]*op
}

// router dispatches on documented paths. It is hand-written rather than http.ServeMux because
// "/v1/applications/signing-keys/{id}" and "/v1/applications/{appId}/clients" overlap without
// either being more specific, which ServeMux refuses; here a literal segment always beats a
// parameter, position by position from the left.
type router struct {
	s        *server
	patterns []*pattern
}

func newRouter(s *server, ops []*op) *router {
	rt := &router{s: s}
	byPath := map[string]*pattern{}
	for _, o := range ops {
		p := byPath[o.path]
		if p == nil {
			p = &pattern{path: o.path, segs: strings.Split(strings.Trim(o.path, "/"), "/"), methods: map[string]*op{}}
			byPath[o.path] = p
			rt.patterns = append(rt.patterns, p)
		}
		p.methods[o.method] = o
	}
	return rt
}

// match returns the most specific pattern for the (escaped) path and its parameter values, or
// nil. Segments are split before unescaping, so an id may contain an encoded "/".
func (rt *router) match(escaped string) (*pattern, map[string]string) {
	segs := strings.Split(strings.Trim(escaped, "/"), "/")
	for i, seg := range segs {
		if u, err := url.PathUnescape(seg); err == nil {
			segs[i] = u
		}
	}
	var best *pattern
	var bestParams map[string]string
	for _, p := range rt.patterns {
		params, ok := p.bind(segs)
		if !ok {
			continue
		}
		if best == nil || p.moreSpecific(best) {
			best, bestParams = p, params
		}
	}
	if best != nil && best.path == "/v1/applications/list" && rt.s.faults.On(fAppsListRouteShadowed) {
		// The bug: routes registered in the order {appId} first, so "list" is taken for an app id.
		for _, p := range rt.patterns {
			if p.path == "/v1/applications/{appId}" {
				return p, map[string]string{"appId": "list"}
			}
		}
	}
	return best, bestParams
}

func (p *pattern) bind(segs []string) (map[string]string, bool) {
	if len(segs) != len(p.segs) {
		return nil, false
	}
	params := map[string]string{}
	for i, ps := range p.segs {
		if name, ok := strings.CutPrefix(ps, "{"); ok {
			if segs[i] == "" {
				return nil, false
			}
			params[strings.TrimSuffix(name, "}")] = segs[i]
		} else if ps != segs[i] {
			return nil, false
		}
	}
	return params, true
}

// moreSpecific: at the first position where the two differ in kind, the literal wins.
func (p *pattern) moreSpecific(q *pattern) bool {
	for i := range p.segs {
		pl, ql := !strings.HasPrefix(p.segs[i], "{"), !strings.HasPrefix(q.segs[i], "{")
		if pl != ql {
			return pl
		}
	}
	return false
}

func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := rt.s
	p, params := rt.match(r.URL.EscapedPath())
	if p == nil {
		s.writeError(w, &apiError{status: http.StatusNotFound, message: "no such path: " + r.URL.Path})
		return
	}
	for k, v := range params {
		r.SetPathValue(k, v)
	}
	o := p.methods[r.Method]
	if o != nil && o.id == "getClientById" && s.faults.On(fClientsNoTokenGet) && r.Header.Get("Authorization") == "" {
		// The bug: a "public client metadata" shortcut serves client reads without a token.
		s.mu.RLock()
		c := s.clients[r.PathValue("clientId")]
		s.mu.RUnlock()
		if c != nil {
			rt.finish(w, o, &request{w: w, r: r, appID: c.appID})
			return
		}
	}
	tok, err := s.authenticate(r)
	if err != nil {
		s.writeError(w, err)
		return
	}
	if o == nil {
		allowed := make([]string, 0, len(p.methods))
		for m := range p.methods {
			allowed = append(allowed, m)
		}
		slices.Sort(allowed)
		s.writeError(w, &apiError{status: http.StatusMethodNotAllowed,
			message: "method " + r.Method + " is not allowed on " + p.path, allow: strings.Join(allowed, ", ")})
		return
	}
	rq := &request{w: w, r: r, tok: tok}
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
	if !s.permitted(tok, o.perms, rq.appID) {
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
