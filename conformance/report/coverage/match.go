package coverage

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// matcher finds the documented operation of a transcript entry.
type matcher struct {
	baseURL   string
	bySurface map[string]*Surface
	order     []*Surface
}

// match returns the entry's operation and its path parameters, or nil. The entry's own
// operation (when the engine wrote it) wins; otherwise its method and path are matched
// against the templates of its scenario's surface (every surface outside a scenario).
func (m *matcher) match(e *results.Entry) (*Operation, map[string]string) {
	candidates := m.order
	if surface, _, _ := strings.Cut(e.Scenario, "/"); m.bySurface[surface] != nil {
		candidates = []*Surface{m.bySurface[surface]}
	}
	u, err := url.Parse(e.URL)
	if err != nil {
		return nil, nil
	}
	segs := splitPath(u.EscapedPath())
	if e.Operation != "" {
		for _, s := range candidates {
			for _, op := range s.Operations {
				if op.ID == e.Operation {
					return op, bindSuffix(op.segments, segs)
				}
			}
		}
	}
	if op, params := m.byPath(candidates, e.Method, segs); op != nil || len(candidates) == len(m.order) {
		return op, params
	}
	if op, _ := m.byPath(candidates, "", segs); op != nil {
		return nil, nil // a path of the scenario's surface with an undocumented method
	}
	// A scenario may call another surface's API (an applications scenario reading /v1/clients).
	return m.byPath(m.order, e.Method, segs)
}

// byPath matches the path without the base URL's path, else by its end.
func (m *matcher) byPath(candidates []*Surface, method string, segs []string) (*Operation, map[string]string) {
	if base, err := url.Parse(m.baseURL); err == nil && m.baseURL != "" {
		if rest, ok := cutSegments(segs, splitPath(base.EscapedPath())); ok {
			if op, params := best(candidates, method, rest, true); op != nil {
				return op, params
			}
		}
	}
	return best(candidates, method, segs, false)
}

// best picks the template that matches (exactly, or as the path's end): the longest, then
// the one with more literal segments, so /v1/clients/{id} beats /clients/{id}. An empty
// method matches any.
func best(candidates []*Surface, method string, segs []string, exact bool) (*Operation, map[string]string) {
	var found *Operation
	var params map[string]string
	score := -1
	for _, s := range candidates {
		for _, op := range s.Operations {
			if method != "" && !strings.EqualFold(op.Method, method) || len(op.segments) > len(segs) || exact && len(op.segments) != len(segs) {
				continue
			}
			p := bindSuffix(op.segments, segs)
			if p == nil {
				continue
			}
			sc := 100*len(op.segments) + len(op.segments) - len(p)
			if sc > score {
				found, params, score = op, p, sc
			}
		}
	}
	return found, params
}

// bindSuffix matches a template against the end of a path; nil when it does not match.
func bindSuffix(tmpl, segs []string) map[string]string {
	if len(tmpl) > len(segs) {
		return nil
	}
	tail := segs[len(segs)-len(tmpl):]
	params := map[string]string{}
	for i, t := range tmpl {
		v, err := url.PathUnescape(tail[i])
		if err != nil {
			v = tail[i]
		}
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
			if v == "" {
				return nil
			}
			params[t[1:len(t)-1]] = v
			continue
		}
		if t != v {
			return nil
		}
	}
	return params
}

func cutSegments(segs, prefix []string) ([]string, bool) {
	if len(prefix) > len(segs) || !slices.Equal(segs[:len(prefix)], prefix) {
		return nil, false
	}
	return segs[len(prefix):], true
}

func splitPath(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// exercise marks what one exchange showed of its operation.
func exercise(op *Operation, e *results.Entry, params map[string]string) {
	if e.Status > 0 {
		op.Exercised = true
		op.Exchanges++
		documented := false
		for _, st := range op.Statuses {
			if st.Status == e.Status {
				st.Exercised, documented = true, true
				st.Count++
			}
		}
		if !documented && !slices.Contains(op.Undocumented, e.Status) {
			op.Undocumented = append(op.Undocumented, e.Status)
			slices.Sort(op.Undocumented)
		}
	}
	if len(op.Enums) == 0 {
		return
	}
	req, resp := decode(e.RequestBody), decode(e.ResponseBody)
	var query url.Values
	if u, err := url.Parse(e.URL); err == nil {
		query = u.Query()
	}
	for _, en := range op.Enums {
		var seen []any
		switch en.In {
		case InRequest:
			seen = lookup(req, splitPointer(en.Field))
		case InResponse:
			if en.Status == e.Status {
				seen = lookup(resp, splitPointer(en.Field))
			}
		case InPath:
			if v, ok := params[en.Field]; ok {
				seen = append(seen, v)
			}
		case InQuery:
			name, array := strings.CutSuffix(en.Field, "/*")
			for _, v := range query[name] {
				seen = append(seen, v)
				if array {
					for _, part := range strings.Split(v, ",") { // form-style arrays
						seen = append(seen, part)
					}
				}
			}
		case InHeader:
			for _, v := range http.Header(e.RequestHeaders).Values(en.Field) {
				seen = append(seen, v)
			}
		}
		for _, s := range seen {
			k := valueKey(s)
			raw, isString := s.(string)
			for _, v := range en.Values {
				// A parameter is text: "2" in a query shows the numeric value 2.
				if k == v.key || isString && en.In != InRequest && en.In != InResponse && raw == v.key {
					v.Exercised = true
				}
			}
		}
	}
}

// decode parses a JSON body; a body that is not JSON (cut off, HTML) gives nil.
func decode(body string) any {
	if body == "" {
		return nil
	}
	var v any
	if json.Unmarshal([]byte(body), &v) != nil {
		return nil
	}
	return v
}

func splitPointer(field string) []string {
	if field == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(field, "/"), "/")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
	}
	return parts
}

// lookup returns the values at a field pointer of the walk's notation: "*" is every array
// item, "{}" every object value.
func lookup(v any, path []string) []any {
	if v == nil {
		return nil
	}
	if len(path) == 0 {
		return []any{v}
	}
	var out []any
	switch x := v.(type) {
	case map[string]any:
		if path[0] == "{}" {
			for _, child := range x {
				out = append(out, lookup(child, path[1:])...)
			}
		} else if child, ok := x[path[0]]; ok {
			out = lookup(child, path[1:])
		}
	case []any:
		if path[0] == "*" {
			for _, child := range x {
				out = append(out, lookup(child, path[1:])...)
			}
		}
	}
	return out
}
