package auth0

import (
	"crypto/rand"
	"net/http"
	"slices"
	"sync"

	"github.com/clientconf/clientconf/reference/faults"
)

// clientRecord is one stored client. The client is kept as decoded JSON (map / []any / scalars)
// rather than a struct: Auth0 clients carry dozens of optional, nullable, partly free-form fields
// that must round-trip exactly as sent, and PATCH, field filtering and visibility all work on keys.
type clientRecord struct {
	seq   int64 // creation order, the order of GET /clients
	doc   map[string]any
	creds map[string]*credential
}

// store holds the clients of one server. Every method takes the lock and hands out deep copies,
// so callers never share mutable state with it.
type store struct {
	mu      sync.Mutex
	faults  faults.Set
	seq     int64
	clients map[string]*clientRecord
	// deleted keeps the last state of deleted clients. A conforming server never reads it; it
	// exists so the faults about deleted clients have something to misbehave with.
	deleted map[string]map[string]any
}

func newStore(set faults.Set) *store {
	return &store{faults: set, clients: map[string]*clientRecord{}, deleted: map[string]map[string]any{}}
}

// insert stores doc under a new client_id with its credentials, unless its client_aliases overlap
// another client's (409). The check and the insert happen under one lock, so two concurrent
// creates cannot both take an alias.
func (st *store) insert(doc map[string]any, creds []*credential) (map[string]any, *apiError) {
	return st.insertAs("", doc, creds)
}

// insertAs is insert under a chosen client_id (seed data); an empty id generates one, a taken
// one is a 409.
func (st *store) insertAs(id string, doc map[string]any, creds []*credential) (map[string]any, *apiError) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := st.checkAliases(doc); err != nil {
		st.insertDespiteConflict(doc, creds)
		return nil, err
	}
	if st.clients[id] != nil {
		return nil, &apiError{Status: http.StatusConflict, Message: "A client with the same client_id already exists."}
	}
	for id == "" || st.clients[id] != nil {
		id = randomString(32)
	}
	doc["client_id"] = id
	st.seq++
	rec := &clientRecord{seq: st.seq, doc: cloneMap(doc), creds: map[string]*credential{}}
	for _, c := range creds {
		cc := *c
		rec.creds[c.ID] = &cc
	}
	st.clients[id] = rec
	return cloneMap(doc), nil
}

// checkAliases reports a 409 when doc's client_aliases overlap another client's (doc itself,
// when stored, does not count). The caller holds the lock.
func (st *store) checkAliases(doc map[string]any) *apiError {
	if st.faults.On(faultAliasOverlapAllowed) {
		return nil
	}
	wanted := stringItems(doc["client_aliases"])
	if len(wanted) == 0 {
		return nil
	}
	taken := func(other map[string]any) bool {
		for _, a := range stringItems(other["client_aliases"]) {
			if slices.Contains(wanted, a) {
				return true
			}
		}
		return false
	}
	conflict := &apiError{Status: http.StatusConflict, Message: "Another client exists with the same alias."}
	self, _ := doc["client_id"].(string)
	for id, rec := range st.clients {
		if id != self && taken(rec.doc) {
			return conflict
		}
	}
	if st.faults.On(faultDeletedAliasesTaken) {
		for _, doc := range st.deleted {
			if taken(doc) {
				return conflict
			}
		}
	}
	return nil
}

func (st *store) get(id string) (map[string]any, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec, ok := st.clients[id]
	if !ok {
		return nil, false
	}
	return cloneMap(rec.doc), true
}

// getDeleted returns the last state of a deleted client (used by a fault switch only).
func (st *store) getDeleted(id string) (map[string]any, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	doc, ok := st.deleted[id]
	return cloneMap(doc), ok
}

// all returns every client in creation order.
func (st *store) all() []map[string]any {
	st.mu.Lock()
	defer st.mu.Unlock()
	recs := make([]*clientRecord, 0, len(st.clients))
	for _, rec := range st.clients {
		recs = append(recs, rec)
	}
	slices.SortFunc(recs, func(a, b *clientRecord) int { return int(a.seq - b.seq) })
	out := make([]map[string]any, len(recs))
	for i, rec := range recs {
		out[i] = cloneMap(rec.doc)
	}
	return out
}

// update applies change to a copy of the client and stores the copy only when change succeeds,
// so a rejected PATCH leaves no trace. found is false for an unknown id.
func (st *store) update(id string, change func(doc map[string]any) *apiError) (doc map[string]any, found bool, err *apiError) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec, ok := st.clients[id]
	if !ok {
		return nil, false, nil
	}
	next := cloneMap(rec.doc)
	if err := change(next); err != nil {
		return nil, true, err
	}
	rec.doc = next
	return cloneMap(next), true, nil
}

// remove deletes a client and its credentials; existed is false when there was nothing to delete.
func (st *store) remove(id string) (existed bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec, ok := st.clients[id]
	if !ok {
		return false
	}
	delete(st.clients, id)
	st.deleted[id] = rec.doc
	return true
}

// credentials returns the credentials of a client, oldest first; found is false for an unknown client.
func (st *store) credentials(clientID string) (creds []credential, found bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec, ok := st.clients[clientID]
	if !ok {
		return nil, false
	}
	for _, c := range rec.creds {
		creds = append(creds, *c)
	}
	slices.SortFunc(creds, func(a, b credential) int { return int(a.seq - b.seq) })
	return creds, true
}

// addCredential stores c under a client; false for an unknown client.
func (st *store) addCredential(clientID string, c credential) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec, ok := st.clients[clientID]
	if !ok {
		return false
	}
	rec.creds[c.ID] = &c
	return true
}

// credential looks one credential up; clientFound tells an unknown client from an unknown credential.
func (st *store) credential(clientID, credID string) (c credential, clientFound, credFound bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec, ok := st.clients[clientID]
	if !ok {
		return credential{}, false, false
	}
	cp, ok := rec.creds[credID]
	if !ok {
		return credential{}, true, false
	}
	return *cp, true, true
}

// updateCredential applies change to a stored credential under the lock.
func (st *store) updateCredential(clientID, credID string, change func(c *credential)) (c credential, clientFound, credFound bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec, ok := st.clients[clientID]
	if !ok {
		return credential{}, false, false
	}
	cp, ok := rec.creds[credID]
	if !ok {
		return credential{}, true, false
	}
	change(cp)
	return *cp, true, true
}

// removeCredential deletes a credential; existed is false when there was nothing to delete.
func (st *store) removeCredential(clientID, credID string) (existed bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec, ok := st.clients[clientID]
	if !ok || rec.creds[credID] == nil {
		return false
	}
	delete(rec.creds, credID)
	return true
}

// nextSeq hands out a creation-order number for credentials.
func (st *store) nextSeq() int64 {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.seq++
	return st.seq
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// randomString returns n random alphanumerics, the alphabet of Auth0 client ids and secrets.
func randomString(n int) string {
	buf := make([]byte, n)
	_, _ = rand.Read(buf) // crypto/rand.Read never fails (Go ≥ 1.24)
	for i, b := range buf {
		buf[i] = alnum[int(b)%len(alnum)]
	}
	return string(buf)
}

// cloneMap deep-copies a decoded JSON object.
func cloneMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = cloneValue(v)
	}
	return out
}

func cloneValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		return cloneMap(t)
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = cloneValue(x)
		}
		return out
	default:
		return v // strings, bools, json.Number, nil: immutable
	}
}

// stringItems returns the string items of a decoded JSON array (nil for anything else).
func stringItems(v any) []string {
	arr, _ := v.([]any)
	out := make([]string, 0, len(arr))
	for _, x := range arr {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
