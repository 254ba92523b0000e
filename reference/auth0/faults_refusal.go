package auth0

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"

	"github.com/clientconf/clientconf/reference/faults"
)

// Fault switches of issue 12: writes performed although the answer refuses them, and the order
// of 401, 403 and 400/404 broken.
const (
	faultCreatedDespite409  = "auth0/conflict/created-despite-409"
	faultUpdateDespite403   = "auth0/permissions/update-despite-403"
	faultDeleteDespite403   = "auth0/permissions/delete-despite-403"
	faultLookupBefore401    = "auth0/permissions/404-before-401"
	faultMalformedBefore401 = "auth0/permissions/400-before-401"
)

var refusalFaults = []faults.Info{
	info(faultCreatedDespite409, "conflict", "POST /clients with overlapping client_aliases answers 409 but stores the client anyway."),
	info(faultUpdateDespite403, "permissions", "A PATCH refused for a missing scope answers 403 but applies the change."),
	info(faultDeleteDespite403, "permissions", "A DELETE refused for a missing scope answers 403 but deletes."),
	info(faultLookupBefore401, "permissions", "Client and credential ids are looked up before the token: an unknown id gives 404 even without a valid token."),
	info(faultMalformedBefore401, "permissions", "A malformed JSON body gives 400 before the token is checked, even without a valid token."),
}

// insertDespiteConflict is the created-despite-409 fault: the client is stored under a new id
// although its aliases overlap. The caller holds the lock.
func (st *store) insertDespiteConflict(doc map[string]any, creds []*credential) {
	if !st.faults.On(faultCreatedDespite409) {
		return
	}
	id := randomString(32)
	for st.clients[id] != nil {
		id = randomString(32)
	}
	d := cloneMap(doc)
	d["client_id"] = id
	st.seq++
	rec := &clientRecord{seq: st.seq, doc: d, creds: map[string]*credential{}}
	for _, c := range creds {
		cc := *c
		rec.creds[c.ID] = &cc
	}
	st.clients[id] = rec
}

// checkBeforeAuth is the 404-before-401 and 400-before-401 faults. It reports whether it
// answered; it restores the body it reads.
func (s *server) checkBeforeAuth(w http.ResponseWriter, r *http.Request) bool {
	if s.faults.On(faultLookupBefore401) {
		clientID := r.PathValue("id")
		if clientID == "" {
			clientID = r.PathValue("client_id")
		}
		if clientID != "" {
			_, clientFound, credFound := s.store.credential(clientID, r.PathValue("credential_id"))
			if _, ok := s.store.get(clientID); !ok || !clientFound || (r.PathValue("credential_id") != "" && !credFound) {
				s.writeError(w, s.clientNotFound())
				return true
			}
		}
	}
	if s.faults.On(faultMalformedBefore401) && r.Body != nil && (r.Method == http.MethodPost || r.Method == http.MethodPatch) {
		data, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		r.Body = io.NopCloser(bytes.NewReader(data))
		if len(bytes.TrimSpace(data)) > 0 && !json.Valid(data) {
			s.writeError(w, &apiError{Status: http.StatusBadRequest, Message: "Invalid request payload JSON format", Code: codeInvalidBody})
			return true
		}
	}
	return false
}

// recorder keeps a handler's answer so it can be sent after the write the fault performs.
type recorder struct {
	h      http.Header
	status int
	body   bytes.Buffer
}

func (rc *recorder) Header() http.Header         { return rc.h }
func (rc *recorder) Write(p []byte) (int, error) { return rc.body.Write(p) }
func (rc *recorder) WriteHeader(status int)      { rc.status = status }

// writeDespite403 is the update/delete-despite-403 faults: when the handler refuses a PATCH or
// DELETE with 403, it runs again with every scope and its answer is dropped; the 403 is sent.
// It reports whether it answered.
func (s *server) writeDespite403(w http.ResponseWriter, r *http.Request, handle http.HandlerFunc) bool {
	if !(r.Method == http.MethodPatch && s.faults.On(faultUpdateDespite403)) &&
		!(r.Method == http.MethodDelete && s.faults.On(faultDeleteDespite403)) {
		return false
	}
	var data []byte
	if r.Body != nil {
		data, _ = io.ReadAll(io.LimitReader(r.Body, 1<<20))
	}
	rc := &recorder{h: w.Header(), status: http.StatusOK}
	handle(rc, withBody(r, data))
	if rc.status == http.StatusForbidden {
		full := withBody(r, data)
		full.Header.Set("Authorization", "Bearer "+s.widestToken())
		handle(&recorder{h: http.Header{}}, full)
	}
	w.WriteHeader(rc.status)
	_, _ = w.Write(rc.body.Bytes())
	return true
}

func withBody(r *http.Request, data []byte) *http.Request {
	c := r.Clone(r.Context())
	c.Body = io.NopCloser(bytes.NewReader(data))
	return c
}

// widestToken is the configured token with the most scopes.
func (s *server) widestToken() string {
	best, n := "", -1
	for tok, scopes := range s.tokens {
		if len(scopes) > n || (len(scopes) == n && tok < best) {
			best, n = tok, len(scopes)
		}
	}
	return best
}
