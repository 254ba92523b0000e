package scenario

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Post-conditions of rejected writes. A server that answers 409 or 403 to a write but performs
// it anyway breaks the contract as surely as one that answers 200: after every 4xx answer to a
// POST, PUT, PATCH or DELETE, the context reads the target back once and checks that nothing
// was created, changed or deleted. Only what the scenario can observe is checked, so the read
// costs one request and never guesses:
//   - a rejected create (an operation with x-cleanup) whose body carries a name the run made
//     up: the list at the same path (as Main) holds no more items of that name than the
//     scenario created before;
//   - a rejected write on, or under, a resource the scenario created (and still knows the state
//     of): its owner reads it; after a rejected DELETE it still exists, after any other write
//     the fields the request tried to set, and updated_at, are as they were (every field, for
//     a write to a sub-resource such as rotate-secret);
//   - a rejected DELETE of a collection: every resource the scenario created in it is still
//     listed.

// resource is what a scenario knows of something it created.
type resource struct {
	owner Role
	obj   map[string]any // last state the target showed; nil when unknown (stale)
	gone  bool           // deleted by the scenario
}

// tracker holds the state a scenario's exchanges taught it.
type tracker struct {
	names     map[string]bool           // values s.Name returned
	resources map[string]*resource      // by item path (relative to the base URL)
	created   map[string]map[string]int // list path → "key=value" → creates that succeeded
	creators  map[string]Role           // list path → the role that created there (reads the list)
}

func (s *S) track() *tracker {
	if s.tr == nil {
		s.tr = &tracker{names: map[string]bool{}, resources: map[string]*resource{}, created: map[string]map[string]int{}, creators: map[string]Role{}}
	}
	return s.tr
}

// NoPostCheck sends a write whose rejection the context must not read back after (the
// scenario checks the state itself, or the read would disturb what it checks).
func NoPostCheck() Opt { return func(r *request) { r.noPostCheck = true } }

func isWrite(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// afterExchange updates what the scenario knows from a success, and checks the
// post-condition of a rejected write.
func (s *S) afterExchange(r *Response, itemPath string, postCheck bool) {
	s.T.Helper()
	tr := s.track()
	switch {
	case r.Status/100 == 2:
		s.learn(tr, r, itemPath)
	case r.Status/100 == 4 && isWrite(r.Method) && postCheck:
		s.checkRejected(tr, r)
	}
}

// learn records the state a successful exchange shows.
func (s *S) learn(tr *tracker, r *Response, itemPath string) {
	if itemPath != "" { // a create: the new resource, and its names for the list check
		owner := r.Role
		if s.rt.Minted(owner) {
			owner = Main
		}
		obj, _ := r.Object().(map[string]any)
		tr.resources[itemPath] = &resource{owner: owner, obj: obj}
		tr.creators[r.Path] = owner
		for _, kv := range s.nameKeys(r.ReqBody) {
			if tr.created[r.Path] == nil {
				tr.created[r.Path] = map[string]int{}
			}
			tr.created[r.Path][kv]++
		}
		return
	}
	for path, res := range tr.resources {
		switch {
		case r.Method == http.MethodDelete && (path == r.Path || strings.HasPrefix(path, r.Path+"/")):
			res.gone = true // the resource, or a collection or parent holding it (cascades)
		case path == r.Path && (r.Method == http.MethodGet || r.Method == http.MethodPut || r.Method == http.MethodPatch):
			if obj, ok := r.Object().(map[string]any); ok {
				res.obj = obj
			}
		case isWrite(r.Method) && strings.HasPrefix(r.Path, path+"/"):
			res.obj = nil // changed through a sub-resource (rotate, resources): state unknown
		}
	}
}

// nameKeys are the top-level "key=value" pairs of a request body whose value is a name this
// run made up: what identifies the resource in a list.
func (s *S) nameKeys(body []byte) []string {
	obj, ok := decodeObject(body)
	if !ok {
		return nil
	}
	var out []string
	for k, v := range obj {
		if str, ok := v.(string); ok && s.track().names[str] {
			out = append(out, k+"="+str)
		}
	}
	return out
}

// checkRejected reads back after a rejected write, once, where the scenario can observe it.
func (s *S) checkRejected(tr *tracker, r *Response) {
	s.T.Helper()
	if r.Method == http.MethodPost && r.Op != nil && r.Op.Cleanup != nil {
		s.checkNotCreated(tr, r)
		return
	}
	if path, res := tr.owning(r.Path); res != nil {
		s.checkUnchanged(res, path, r)
		return
	}
	if r.Method == http.MethodDelete {
		s.checkCollectionKept(tr, r)
	}
}

// owning is the live resource r's path names or lies under, with a known state.
func (tr *tracker) owning(p string) (string, *resource) {
	best := ""
	for path, res := range tr.resources {
		if res.gone || (path != p && !strings.HasPrefix(p, path+"/")) {
			continue
		}
		if len(path) > len(best) {
			best = path
		}
	}
	if best == "" {
		return "", nil
	}
	return best, tr.resources[best]
}

// listRead reads the list at path as role, with the largest page the spec allows.
func (s *S) listRead(path string, role Role) *Response {
	s.T.Helper()
	op, _, _ := s.spec.Route(http.MethodGet, path)
	if op == nil {
		return nil
	}
	var opts []Opt
	for _, p := range op.Operation.Parameters {
		if p.Value != nil && p.Value.In == "query" && p.Value.Name == "per_page" &&
			p.Value.Schema != nil && p.Value.Schema.Value != nil && p.Value.Schema.Value.Max != nil {
			opts = append(opts, Query("per_page", strconv.Itoa(int(*p.Value.Schema.Value.Max))))
		}
	}
	return s.Do(role, http.MethodGet, path, opts...)
}

func listItems(r *Response) []map[string]any {
	list, _ := r.Object().([]any)
	var out []map[string]any
	for _, item := range list {
		if m, ok := item.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func (s *S) checkNotCreated(tr *tracker, r *Response) {
	s.T.Helper()
	keys := s.nameKeys(r.ReqBody)
	if len(keys) == 0 {
		return // nothing identifies what might have been created
	}
	reader, ok := tr.creators[r.Path]
	if !ok {
		reader = Main
	}
	list := s.listRead(r.Path, reader)
	if list == nil || list.Status != http.StatusOK {
		return
	}
	for _, kv := range keys {
		k, v, _ := strings.Cut(kv, "=")
		n := 0
		for _, item := range listItems(list) {
			if item[k] == v {
				n++
			}
		}
		if want := tr.created[r.Path][kv]; n > want {
			s.Errorf(list, "rejected-write/not-created",
				fmt.Sprintf("after %s %s answered %d, %d item(s) with %s = %q listed", r.Method, r.Path, r.Status, want, k, v),
				fmt.Sprintf("%d listed: the rejected create was performed", n))
		}
	}
}

func (s *S) checkUnchanged(res *resource, path string, r *Response) {
	s.T.Helper()
	deleting := r.Method == http.MethodDelete && path == r.Path
	if !deleting && res.obj == nil {
		return // state unknown: nothing to compare with
	}
	known := res.obj // the read below updates res.obj: compare with the state before it
	got, now, found := s.readBack(res, path)
	if got == nil {
		return // the spec offers no way to read it back
	}
	if deleting {
		if !found {
			s.Errorf(got, "rejected-write/not-deleted",
				fmt.Sprintf("after DELETE %s answered %d, the resource still there", r.Path, r.Status),
				fmt.Sprintf("gone (status %d): the rejected delete was performed", got.Status))
		}
		return
	}
	if !found {
		s.Errorf(got, "rejected-write/unchanged",
			fmt.Sprintf("after %s %s answered %d, the resource still there", r.Method, r.Path, r.Status),
			fmt.Sprintf("gone (status %d)", got.Status))
		return
	}
	sent, _ := decodeObject(r.ReqBody)
	keys := []string{"updated_at"}
	if path == r.Path {
		for k := range sent {
			keys = append(keys, k)
		}
	} else {
		// A write to a sub-resource (rotate-secret, …/resources) names no field of the
		// resource: every field both reads show must be as it was.
		for k := range known {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		before, had := known[k]
		after, has := now[k]
		switch {
		case had && has && !SameJSON(before, after):
			s.Errorf(got, "rejected-write/unchanged",
				fmt.Sprintf("after %s %s answered %d, %s still %s", r.Method, r.Path, r.Status, k, DescribeJSON(before)),
				DescribeJSON(after))
		case !had && has && s.track().names[fmt.Sprint(sent[k])] && SameJSON(after, sent[k]):
			// Only a run-made name can tell: any other value might be a default the create
			// response left out.
			s.Errorf(got, "rejected-write/unchanged",
				fmt.Sprintf("after %s %s answered %d, %s not set", r.Method, r.Path, r.Status, k),
				"set to the rejected value "+DescribeJSON(after))
		}
	}
	if now != nil {
		res.obj = now
	}
}

// readBack reads a resource as its owner: GET of its path, or, where the spec has none (signing
// keys), the list it belongs to, found there by its id. got is nil when neither exists.
func (s *S) readBack(res *resource, path string) (got *Response, obj map[string]any, found bool) {
	s.T.Helper()
	if op, _, _ := s.spec.Route(http.MethodGet, path); op != nil {
		got = s.Do(res.owner, http.MethodGet, path)
		obj, _ = got.Object().(map[string]any)
		return got, obj, got.Is(http.StatusOK)
	}
	parent, id := path[:strings.LastIndex(path, "/")], unescape(path[strings.LastIndex(path, "/")+1:])
	if op, _, _ := s.spec.Route(http.MethodGet, parent); op == nil {
		return nil, nil, false
	}
	got = s.listRead(parent, res.owner)
	for _, item := range listItems(got) {
		for _, v := range item {
			if v == id {
				return got, item, true
			}
		}
	}
	return got, nil, false
}

// checkCollectionKept: after a rejected collection DELETE, the scenario's resources in it are
// still listed (each identified by its last path segment, its id).
func (s *S) checkCollectionKept(tr *tracker, r *Response) {
	s.T.Helper()
	var inside []string
	for path, res := range tr.resources {
		if !res.gone && strings.HasPrefix(path, r.Path+"/") && !strings.Contains(strings.TrimPrefix(path, r.Path+"/"), "/") {
			inside = append(inside, path)
		}
	}
	if len(inside) == 0 {
		return
	}
	list := s.listRead(r.Path, Main)
	if list == nil || list.Status != http.StatusOK {
		return
	}
	ids := map[string]bool{}
	for _, item := range listItems(list) {
		for _, v := range item {
			if str, ok := v.(string); ok {
				ids[str] = true
			}
		}
	}
	for _, path := range inside {
		id := path[strings.LastIndex(path, "/")+1:]
		if !ids[id] && !ids[unescape(id)] {
			s.Errorf(list, "rejected-write/not-deleted",
				fmt.Sprintf("after DELETE %s answered %d, %s still listed", r.Path, r.Status, id),
				"not listed: the rejected delete was performed")
		}
	}
}

func decodeObject(body []byte) (map[string]any, bool) {
	var obj map[string]any
	if len(body) == 0 || json.Unmarshal(body, &obj) != nil {
		return nil, false
	}
	return obj, obj != nil
}

func unescape(segment string) string {
	if v, err := url.PathUnescape(segment); err == nil {
		return v
	}
	return segment
}
