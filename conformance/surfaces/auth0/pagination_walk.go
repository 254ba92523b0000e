package auth0

import (
	"net/http"
	"strconv"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0DefaultPerPage is the page size of GET /clients when per_page is omitted (CONTRACT §auth0,
// the spec's per_page description).
const a0DefaultPerPage = 50

// a0ListPage is one page of GET /clients as a client walking the list sees it.
type a0ListPage struct {
	ids   []string
	limit float64 // -1 without include_totals or without a numeric limit
	r     *scenario.Response
}

// a0WalkPages reads page 0, 1, … until a page shorter than size, the way a client pages:
// perPage 0 omits per_page (the server's default applies, expected size a0DefaultPerPage);
// totals adds include_totals=true and reads the {start, limit, total, clients} shape.
func a0WalkPages(s *scenario.S, perPage int, totals bool) []a0ListPage {
	s.T.Helper()
	size := perPage
	if size == 0 {
		size = a0DefaultPerPage
	}
	var pages []a0ListPage
	for page := range a0MaxPages {
		opts := []scenario.Opt{scenario.Query("page", strconv.Itoa(page))}
		if perPage > 0 {
			opts = append(opts, scenario.Query("per_page", strconv.Itoa(perPage)))
		}
		if totals {
			opts = append(opts, scenario.Query("include_totals", "true"))
		}
		r := s.Do(scenario.Main, http.MethodGet, "/clients", opts...).Expect(http.StatusOK)
		p := a0ListPage{limit: -1, r: r}
		var raw []any
		if totals {
			obj, _ := r.JSON().(map[string]any)
			raw, _ = obj["clients"].([]any)
			if l, ok := obj["limit"].(float64); ok {
				p.limit = l
			}
		} else {
			raw, _ = r.JSON().([]any)
		}
		for _, c := range a0Objects(raw) {
			id, _ := c["client_id"].(string)
			p.ids = append(p.ids, id)
		}
		pages = append(pages, p)
		if len(p.ids) > size {
			s.Errorf(r, "page holds at most the page size", "at most "+strconv.Itoa(size)+" clients on page "+strconv.Itoa(page),
				strconv.Itoa(len(p.ids))+" clients")
		}
		if len(p.ids) < size {
			return pages
		}
	}
	s.SuiteFatalf("more than %d pages of clients: the tenant is too large to walk", a0MaxPages)
	return nil
}

// a0CheckPartition fails unless the pages share no client and hold every id of created; it
// returns the number of distinct clients the pages hold.
func a0CheckPartition(s *scenario.S, pages []a0ListPage, created []string, how string) int {
	s.T.Helper()
	seen := map[string]int{}
	duplicate := false
	for i, p := range pages {
		for _, id := range p.ids {
			if first, dup := seen[id]; dup && !duplicate {
				s.Errorf(p.r, "pages share no client", "each client on one page only ("+how+")",
					"client "+id+" on page "+strconv.Itoa(first)+" and page "+strconv.Itoa(i))
				duplicate = true // one example is enough
			}
			if _, dup := seen[id]; !dup {
				seen[id] = i
			}
		}
	}
	last := pages[len(pages)-1].r
	for _, id := range created {
		if _, ok := seen[id]; !ok {
			s.Errorf(last, "pages hold every client", "client "+id+" on some page ("+how+")", "on none")
		}
	}
	return len(seen)
}

// a0Total reads the number of clients the tenant holds (include_totals, one client per page).
func a0Total(s *scenario.S) int {
	s.T.Helper()
	return a0GetTotals(s, 0, 1).total
}

func a0PagingWalkScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "auth0/pagination/walk-default-page-size", Basis: scenario.Spec, Serial: true,
			Requirement: "Walked without per_page, with and without include_totals, the list comes in pages of 50 (include_totals reports limit 50) that share no client and hold every client this run created.",
			Run: func(s *scenario.S) {
				created := []string{a0NewClient(s), a0NewClient(s)}
				for _, totals := range []bool{false, true} {
					how := "no per_page, include_totals " + strconv.FormatBool(totals)
					pages := a0WalkPages(s, 0, totals)
					for i, p := range pages {
						if totals && p.limit != a0DefaultPerPage {
							s.Errorf(p.r, "default page size 50", "limit 50 on page "+strconv.Itoa(i)+" ("+how+")", "limit "+scenario.DescribeJSON(p.limit))
							break
						}
						if i < len(pages)-1 && len(p.ids) != a0DefaultPerPage {
							s.Errorf(p.r, "default page size 50", "50 clients on page "+strconv.Itoa(i)+" of "+strconv.Itoa(len(pages))+" ("+how+")",
								strconv.Itoa(len(p.ids))+" clients")
						}
					}
					a0CheckPartition(s, pages, created, how)
				}
			}},
		{ID: "auth0/pagination/walk-small-pages-bare", Basis: scenario.Spec, Serial: true,
			Requirement: "Walked in small pages without include_totals, the bare-array pages share no client, hold every client this run created and together as many clients as include_totals counts.",
			Run: func(s *scenario.S) {
				created := []string{a0NewClient(s), a0NewClient(s), a0NewClient(s)}
				total := a0Total(s)
				per := min(100, max(2, (total+7)/8))
				how := "per_page " + strconv.Itoa(per) + ", bare arrays"
				pages := a0WalkPages(s, per, false)
				if n := a0CheckPartition(s, pages, created, how); n != total {
					s.Errorf(pages[len(pages)-1].r, "pages leave no gap", strconv.Itoa(total)+" distinct clients on the pages (the include_totals total, "+how+")",
						strconv.Itoa(n)+" distinct clients")
				}
			}},
	}
}
