package auth0

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0TotalsPage is one page of GET /clients?include_totals=true.
type a0TotalsPage struct {
	total   int
	clients []map[string]any
	r       *scenario.Response
}

// a0GetTotals fetches one page with totals and requires the {start, limit, total, clients} shape.
func a0GetTotals(s *scenario.S, page, perPage int, opts ...scenario.Opt) a0TotalsPage {
	s.T.Helper()
	opts = append(opts, scenario.Query("include_totals", "true"), scenario.Query("page", strconv.Itoa(page)), scenario.Query("per_page", strconv.Itoa(perPage)))
	r := s.Do(scenario.Main, http.MethodGet, "/clients", opts...).Expect(http.StatusOK)
	obj, _ := r.JSON().(map[string]any)
	total, okTotal := obj["total"].(float64)
	list, okList := obj["clients"].([]any)
	if !okTotal || !okList {
		s.Fatalf(r, "include_totals shape", "an object {start, limit, total, clients}", "another shape")
	}
	return a0TotalsPage{total: int(total), clients: a0Objects(list), r: r}
}

// a0Walk reads every page with totals at perPage (until a short page) and returns the client ids
// in page order, duplicates kept, with the pages.
func a0Walk(s *scenario.S, perPage int) ([]string, []a0TotalsPage) {
	s.T.Helper()
	var ids []string
	var pages []a0TotalsPage
	for page := range a0MaxPages {
		p := a0GetTotals(s, page, perPage)
		if len(p.clients) > perPage {
			s.Errorf(p.r, "page holds at most per_page clients", "at most "+strconv.Itoa(perPage)+" clients", strconv.Itoa(len(p.clients))+" clients")
		}
		pages = append(pages, p)
		for _, c := range p.clients {
			id, _ := c["client_id"].(string)
			ids = append(ids, id)
		}
		if len(p.clients) < perPage {
			break
		}
	}
	return ids, pages
}

// a0PerPageFor picks a page size that splits the tenant's list into a handful of pages (at least
// two when it holds more than two clients).
func a0PerPageFor(s *scenario.S) int {
	s.T.Helper()
	total := a0GetTotals(s, 0, 1).total
	return min(100, max(2, (total+7)/8))
}

// a0PaginationScenarios: list shapes, paging, totals, field selection and filters.
func a0PaginationScenarios() []scenario.Scenario {
	out := []scenario.Scenario{
		{ID: "auth0/pagination/list-bare-array", Basis: scenario.Spec,
			Requirement: "GET /clients without include_totals (or with false) answers a bare JSON array.",
			Run: func(s *scenario.S) {
				a0NewClient(s)
				for _, opts := range [][]scenario.Opt{nil, {scenario.Query("include_totals", "false")}} {
					r := s.Do(scenario.Main, http.MethodGet, "/clients", opts...).Expect(http.StatusOK)
					if _, ok := r.JSON().([]any); !ok {
						s.Errorf(r, "bare array", "a JSON array of clients", "another JSON value")
					}
				}
			}},
		{ID: "auth0/pagination/include-totals-shape", Basis: scenario.Spec,
			Requirement: "include_totals=true answers {start, limit, total, clients} with total at least the page's length.",
			Run: func(s *scenario.S) {
				a0NewClient(s)
				p := a0GetTotals(s, 0, 5)
				if p.total < len(p.clients) || p.total < 1 {
					s.Errorf(p.r, "total counts the clients", "total ≥ the page length and ≥ 1", "total "+strconv.Itoa(p.total))
				}
			}},
		{ID: "auth0/pagination/per-page-limits-page", Basis: scenario.Spec,
			Requirement: "per_page=2 on a tenant with more clients answers exactly 2 clients.",
			Run: func(s *scenario.S) {
				for range 3 {
					a0NewClient(s)
				}
				items, r := a0Page(s, scenario.Main, 0, 2)
				if len(items) != 2 {
					s.Errorf(r, "per_page honoured", "2 clients", strconv.Itoa(len(items))+" clients")
				}
			}},
		{ID: "auth0/pagination/per-page-100-accepted", Basis: scenario.Spec,
			Requirement: "per_page=100, the largest allowed, is accepted.",
			Run: func(s *scenario.S) {
				items, r := a0Page(s, scenario.Main, 0, 100)
				if len(items) > 100 {
					s.Errorf(r, "per_page honoured", "at most 100 clients", strconv.Itoa(len(items))+" clients")
				}
			}},
		{ID: "auth0/pagination/per-page-out-of-range", Basis: scenario.Spec,
			Requirement: "per_page above 100 or below 0 gives 400 with errorCode invalid_query_string (not clamped).",
			Run: func(s *scenario.S) {
				for _, v := range []string{"101", "1000", "-1"} {
					r := s.Do(scenario.Main, http.MethodGet, "/clients", scenario.Query("per_page", v))
					if r.Check(http.StatusBadRequest) {
						a0ErrorCode(s, r, "invalid_query_string")
					}
				}
			}},
		{ID: "auth0/pagination/pages-partition", Basis: scenario.Spec, Serial: true,
			Requirement: "Consecutive pages share no client and together hold every client, the new ones included.",
			Run: func(s *scenario.S) {
				created := []string{a0NewClient(s), a0NewClient(s), a0NewClient(s)}
				per := a0PerPageFor(s)
				ids, pages := a0Walk(s, per)
				last := pages[len(pages)-1].r
				seen := map[string]int{}
				reported := false
				for i, id := range ids {
					if page, dup := seen[id]; dup && !reported {
						s.Errorf(pages[i/per].r, "pages share no client", "each client on one page only (per_page "+strconv.Itoa(per)+")",
							"client "+id+" on page "+strconv.Itoa(page)+" and page "+strconv.Itoa(i/per))
						reported = true // one example is enough
						continue
					}
					if _, dup := seen[id]; !dup {
						seen[id] = i / per
					}
				}
				for _, id := range created {
					if _, ok := seen[id]; !ok {
						s.Errorf(last, "pages hold every client", "client "+id+" on some page (per_page "+strconv.Itoa(per)+")", "on none")
					}
				}
			}},
		{ID: "auth0/pagination/total-matches-count", Basis: scenario.Spec, Serial: true,
			Requirement: "include_totals reports as total the number of clients the pages hold together.",
			Run: func(s *scenario.S) {
				a0NewClient(s)
				a0NewClient(s)
				per := a0PerPageFor(s)
				ids, pages := a0Walk(s, per)
				unique := map[string]bool{}
				for _, id := range ids {
					unique[id] = true
				}
				for i, p := range pages {
					if p.total != len(unique) {
						s.Errorf(p.r, "total is the number of clients", "total "+strconv.Itoa(len(unique))+" (clients on all pages)",
							"total "+strconv.Itoa(p.total)+" on page "+strconv.Itoa(i))
						return
					}
				}
			}},
	}
	out = append(out, a0FieldsScenarios()...)
	return append(out, a0FilterScenarios()...)
}

func a0FieldsScenarios() []scenario.Scenario {
	fieldsBody := func(s *scenario.S) map[string]any {
		return a0With(s, map[string]any{"description": "fields", "callbacks": []any{"https://conformance.example.com/callback"}})
	}
	return []scenario.Scenario{
		{ID: "auth0/pagination/fields-include", Basis: scenario.Spec,
			Requirement: "GET with fields=client_id,name and include_fields=true returns those fields and not the others.",
			Run: func(s *scenario.S) {
				id, created := a0Create(s, fieldsBody(s))
				r := a0Get(s, scenario.Main, id, scenario.Query("fields", "client_id,name"), scenario.Query("include_fields", "true"))
				scenario.RequireField(s, r, "/client_id", id)
				scenario.RequireField(s, r, "/name", created.String("/name"))
				obj, _ := r.Object().(map[string]any)
				a0Absent(s, r, obj, "fields not asked for are left out", "description", "callbacks", "grant_types", "jwt_configuration")
			}},
		{ID: "auth0/pagination/fields-exclude", Basis: scenario.Spec,
			Requirement: "GET with fields=description,callbacks and include_fields=false returns every field but those.",
			Run: func(s *scenario.S) {
				id, created := a0Create(s, fieldsBody(s))
				r := a0Get(s, scenario.Main, id, scenario.Query("fields", "description,callbacks"), scenario.Query("include_fields", "false"))
				obj, _ := r.Object().(map[string]any)
				a0Absent(s, r, obj, "excluded fields are left out", "description", "callbacks")
				scenario.RequireField(s, r, "/client_id", id)
				scenario.RequireField(s, r, "/name", created.String("/name"))
			}},
		{ID: "auth0/pagination/fields-on-list", Basis: scenario.Spec,
			Requirement: "GET /clients with fields=client_id,name and include_fields=true returns those fields of every client and not the others.",
			Run: func(s *scenario.S) {
				id, created := a0Create(s, fieldsBody(s))
				c, list := a0Find(s, scenario.Main, id, scenario.Query("fields", "client_id,name"), scenario.Query("include_fields", "true"))
				if c == nil {
					s.Fatalf(list, "list contains the new client", "client_id "+id+" in the list", "not listed")
				}
				if c["name"] != created.String("/name") {
					s.Errorf(list, "selected field listed", "name of "+id, scenario.DescribeField(c["name"], c["name"] != nil))
				}
				a0Absent(s, list, c, "fields not asked for are left out of the list", "description", "callbacks", "grant_types")
			}},
	}
}

// a0Filtered walks the list with a filter and returns it by client id.
func a0Filtered(s *scenario.S, opts ...scenario.Opt) (map[string]map[string]any, *scenario.Response) {
	s.T.Helper()
	all, r := a0ListAll(s, scenario.Main, opts...)
	byID := map[string]map[string]any{}
	for _, c := range all {
		if id, ok := c["client_id"].(string); ok {
			byID[id] = c
		}
	}
	return byID, r
}

func a0FilterScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "auth0/pagination/filter-is-first-party", Basis: scenario.Spec,
			Requirement: "is_first_party=true lists first-party clients only and is_first_party=false third-party ones only.",
			Run: func(s *scenario.S) {
				first := a0NewClient(s)
				third, _ := a0Create(s, a0With(s, map[string]any{"is_first_party": false}))
				for _, want := range []bool{true, false} {
					in, out := first, third
					if !want {
						in, out = third, first
					}
					byID, r := a0Filtered(s, scenario.Query("is_first_party", strconv.FormatBool(want)))
					if byID[in] == nil {
						s.Errorf(r, "filter keeps matching clients", in+" listed with is_first_party="+strconv.FormatBool(want), "not listed")
					}
					if byID[out] != nil {
						s.Errorf(r, "filter drops other clients", "no "+out+" with is_first_party="+strconv.FormatBool(want), "listed")
					}
					for id, c := range byID {
						if v, ok := c["is_first_party"].(bool); ok && v != want {
							s.Errorf(r, "every listed client matches", "is_first_party "+strconv.FormatBool(want)+" on "+id, scenario.DescribeJSON(v))
							break
						}
					}
				}
			}},
		{ID: "auth0/pagination/filter-is-global", Basis: scenario.Documented,
			Requirement: "is_global=true lists exactly one client, the tenant's global one; is_global=false lists the others.",
			Run: func(s *scenario.S) {
				mine := a0NewClient(s)
				globals, r := a0Filtered(s, scenario.Query("is_global", "true"))
				if len(globals) != 1 {
					s.Errorf(r, "one global client", "exactly one client listed with is_global=true", strconv.Itoa(len(globals))+" clients")
				}
				for id, c := range globals {
					if c["global"] != true {
						s.Errorf(r, "listed client is global", "global true on "+id, scenario.DescribeField(c["global"], c["global"] != nil))
					}
				}
				others, r := a0Filtered(s, scenario.Query("is_global", "false"))
				if others[mine] == nil {
					s.Errorf(r, "non-global clients listed with is_global=false", mine+" listed", "not listed")
				}
				for id, c := range others {
					if c["global"] == true || globals[id] != nil {
						s.Errorf(r, "global client not listed with is_global=false", "no global client", id+" listed")
					}
				}
			}},
		{ID: "auth0/pagination/filter-app-type", Basis: scenario.Spec,
			Requirement: "app_type=spa lists spa clients only; app_type=native,spa lists clients of both types only.",
			Run: func(s *scenario.S) {
				spa, _ := a0Create(s, a0With(s, map[string]any{"app_type": "spa"}))
				native, _ := a0Create(s, a0With(s, map[string]any{"app_type": "native"}))
				byID, r := a0Filtered(s, scenario.Query("app_type", "spa"))
				if byID[spa] == nil {
					s.Errorf(r, "filter keeps matching clients", spa+" listed with app_type=spa", "not listed")
				}
				if byID[native] != nil {
					s.Errorf(r, "filter drops other clients", "no native client "+native+" with app_type=spa", "listed")
				}
				a0AllOfType(s, r, byID, "spa")
				byID, r = a0Filtered(s, scenario.Query("app_type", "native,spa"))
				if byID[spa] == nil || byID[native] == nil {
					s.Errorf(r, "comma list keeps both types", spa+" and "+native+" listed with app_type=native,spa", "one missing")
				}
				a0AllOfType(s, r, byID, "native", "spa")
			}},
	}
}

func a0AllOfType(s *scenario.S, r *scenario.Response, byID map[string]map[string]any, types ...string) {
	s.T.Helper()
	for id, c := range byID {
		t, _ := c["app_type"].(string)
		if !slices.Contains(types, t) {
			s.Errorf(r, "every listed client has a listed app_type", "app_type in "+scenario.DescribeJSON(types)+" for "+id, scenario.DescribeField(c["app_type"], c["app_type"] != nil))
			return
		}
	}
}
