// Package altserver is an independent, in-memory implementation of the Transmit app-scoped
// Clients API (/v1/clients…, served under /cis), written from the contract alone, without
// reading the repository's reference server, and sharing no code with it.
//
// It exists as a second opinion: the conformance suite must pass against it as it does
// against the reference, so a scenario that fails here checks something the contract does not
// ask for. Where the contract leaves a point open, Options switch the server to the other
// allowed side; one option (LenientNested) breaks the contract on purpose, to show that a
// cross-check against this server can fail at all.
//
// Only the standard library is used, so the server cannot pick up the suite's assumptions
// through a shared dependency.
package altserver

import (
	"fmt"
	"log"
	"net/http"
	"strings"
	"time"
)

// basePath is where the API is served, like the vendor's https://…/cis.
const basePath = "/cis"

// Operations, as routed by ServeHTTP.
const (
	opCreate    = "create"
	opList      = "list"
	opDeleteAll = "deleteAll"
	opGet       = "get"
	opUpdate    = "update"
	opDelete    = "delete"
	opResources = "resources"
)

// server is one independent instance: its own store, tokens and options. Nothing is shared
// between servers, so parallel tests cannot see each other's clients.
type server struct {
	opts       Options
	tokens     map[string]principal // bearer token → who it is
	schemas    schemas
	validate   validator
	st         *store
	offsetZone *time.Location // for Options.Offset
	log        *log.Logger
}

// New returns the Clients API as a handler serving under /cis, with two apps (AppID and
// OtherAppID) that each hold their default client, and the fixed tokens of this package.
// Options that exclude each other (see Options.Validate) are a programming error: New panics.
func New(opts Options) http.Handler {
	if err := opts.Validate(); err != nil {
		panic(fmt.Sprintf("altserver.New: %v", err))
	}
	precision := time.Millisecond
	switch {
	case opts.Seconds:
		precision = time.Second
	case opts.Nanos:
		precision = time.Nanosecond
	}
	return &server{
		opts:       opts,
		tokens:     newTokens(),
		schemas:    newSchemas(),
		validate:   validator{keepNestedUnknown: !opts.DropNestedUnknown, fillNested: opts.LenientNested},
		st:         newStore(precision),
		offsetZone: time.FixedZone("IST", 5*3600+1800),
		log:        log.Default(),
	}
}

// route maps a path under /cis and a method to an operation. ok is false for an unknown
// path; op is "" for a known path whose methods do not include method (allow lists them).
func route(method, path string) (op, clientID string, allow []string, ok bool) {
	rest, found := strings.CutPrefix(path, basePath+"/")
	if !found {
		return "", "", nil, false
	}
	segs := strings.Split(rest, "/")
	if len(segs) < 2 || segs[0] != "v1" || segs[1] != "clients" {
		return "", "", nil, false
	}
	switch {
	case len(segs) == 2:
		allow = []string{http.MethodPost, http.MethodGet, http.MethodDelete}
		op = map[string]string{http.MethodPost: opCreate, http.MethodGet: opList, http.MethodDelete: opDeleteAll}[method]
	case len(segs) == 3 && segs[2] != "":
		allow = []string{http.MethodGet, http.MethodPut, http.MethodDelete}
		op = map[string]string{http.MethodGet: opGet, http.MethodPut: opUpdate, http.MethodDelete: opDelete}[method]
		clientID = segs[2]
	case len(segs) == 4 && segs[2] != "" && segs[3] == "resources":
		allow = []string{http.MethodPut}
		if method == http.MethodPut {
			op = opResources
		}
		clientID = segs[2]
	default:
		return "", "", nil, false
	}
	return op, clientID, allow, true
}

// ServeHTTP decides in the contract's order: route (404), method (405), token (401), token
// kind and permissions (403), and only then ids and bodies (404, 400, 409).
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		// A panic is a bug of this server; a 500 keeps it visible to the suite as a failed
		// scenario instead of a dropped connection, which the suite reads as a dead target.
		if rec := recover(); rec != nil {
			s.log.Printf("altserver: panic serving %s %s: %v", r.Method, r.URL.Path, rec)
			s.writeError(w, http.StatusInternalServerError, "internal error")
		}
	}()
	op, clientID, allow, ok := route(r.Method, r.URL.EscapedPath())
	if !ok {
		s.writeError(w, http.StatusNotFound, "No route for "+r.URL.Path)
		return
	}
	if s.opts.AuthBefore405 {
		if _, ok := s.authenticate(r); !ok {
			s.unauthorized(w, r)
			return
		}
	}
	// Routing comes first: an undocumented method is 405 whatever the token.
	if op == "" {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("Method %s is not allowed on this resource", r.Method))
		return
	}
	p, ok := s.authenticate(r)
	if !ok {
		s.unauthorized(w, r)
		return
	}
	if p.admin || p.appID == "" {
		s.writeError(w, http.StatusForbidden, "The clients API needs a client access token; management tokens are not accepted")
		return
	}
	if need := requiredPermissions(op); !allowed(p, need) {
		s.writeError(w, http.StatusForbidden, "Insufficient permissions: one of "+strings.Join(need, ", ")+" is required")
		return
	}
	switch op {
	case opCreate:
		s.create(w, r, p)
	case opList:
		s.list(w, p)
	case opDeleteAll:
		s.deleteAll(w, p)
	case opGet:
		s.get(w, p, clientID)
	case opUpdate:
		s.update(w, r, p, clientID)
	case opDelete:
		s.delete(w, p, clientID)
	case opResources:
		s.setResources(w, r, p, clientID)
	}
}
