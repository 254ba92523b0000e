package auth0

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

const (
	defaultPerPage = 50
	maxPerPage     = 100
)

// listQuery is the validated query of GET /clients (offset paging; the checkpoint parameters
// from/take/q are not implemented by the reference and are ignored).
type listQuery struct {
	page, perPage int
	includeTotals bool
	isGlobal      *bool
	isFirstParty  *bool
	appTypes      []string
	sel           fieldSelection
}

// listClients is GET /clients: a bare array, or {start, limit, total, clients} with include_totals.
func (s *server) listClients(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authenticate(w, r)
	listScopes := s.readScopes()
	if s.faults.On(faultReadScopeCannotList) {
		listScopes = []string{scopeReadClientKeys}
	}
	if !ok || !s.authorize(w, p, listScopes...) {
		return
	}
	if err := s.checkQuery("getClients", r); err != nil {
		s.writeError(w, err)
		return
	}
	q, err := s.parseListQuery(r.URL.Query())
	if err != nil {
		s.writeError(w, err)
		return
	}
	if err := s.secretFieldRefused(q.sel, p); err != nil {
		s.writeError(w, err)
		return
	}
	var matching []map[string]any
	for _, doc := range s.store.all() {
		if q.matches(doc, s.faults.On(faultAppTypeFilter)) {
			matching = append(matching, doc)
		}
	}
	start := s.pageStart(q)
	page := []map[string]any{}
	if start < len(matching) {
		page = matching[start:min(start+q.perPage, len(matching))]
	}
	for i, doc := range page {
		page[i] = s.apply(q.sel, s.visible(doc, p))
	}
	total := s.reportedTotal(len(matching), len(page))
	switch {
	case q.includeTotals:
		writeJSON(w, http.StatusOK, map[string]any{
			"start": q.page * q.perPage, "limit": q.perPage, "total": total, "clients": page,
		})
	case s.faults.On(faultListWrapped):
		writeJSON(w, http.StatusOK, map[string]any{"clients": page})
	default:
		writeJSON(w, http.StatusOK, page)
	}
}

func (s *server) parseListQuery(v url.Values) (listQuery, *apiError) {
	q := listQuery{perPage: s.pageSize()}
	var err *apiError
	if q.page, err = parseInt(v, "page", 0); err != nil {
		return q, err
	}
	if q.perPage, err = parseInt(v, "per_page", s.pageSize()); err != nil {
		return q, err
	}
	if q.perPage > maxPerPage && s.faults.On(faultPerPageClamped) {
		q.perPage = maxPerPage // the spec's maximum is lifted by the fault's patch
	}
	if raw := v.Get("include_totals"); raw != "" {
		if q.includeTotals, err = parseBool("include_totals", raw); err != nil {
			return q, err
		}
	}
	for name, dst := range map[string]**bool{"is_global": &q.isGlobal, "is_first_party": &q.isFirstParty} {
		if raw := v.Get(name); raw != "" {
			b, err := parseBool(name, raw)
			if err != nil {
				return q, err
			}
			*dst = &b
		}
	}
	if raw := v.Get("app_type"); raw != "" {
		q.appTypes = strings.Split(raw, ",") // each one checked against the spec's pattern
	}
	if q.sel, err = parseFields(v); err != nil {
		return q, err
	}
	return q, nil
}

func (q listQuery) matches(doc map[string]any, ignoreAppType bool) bool {
	if q.isGlobal != nil && (doc["global"] == true) != *q.isGlobal {
		return false
	}
	// A client without is_first_party counts as first party, the create default.
	if q.isFirstParty != nil && (doc["is_first_party"] != false) != *q.isFirstParty {
		return false
	}
	if len(q.appTypes) > 0 && !ignoreAppType {
		t, _ := doc["app_type"].(string)
		return slices.Contains(q.appTypes, t)
	}
	return true
}

func parseInt(v url.Values, name string, def int) (int, *apiError) {
	raw := v.Get(name)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		return 0, badQuery("%s must be an integer", name)
	}
	return n, nil
}

func parseBool(name, raw string) (bool, *apiError) {
	switch raw {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, badQuery("%s must be true or false", name)
}
