// Package coverage measures what a run exercised of the specs: for every operation, every
// documented status and every enum value (parameters, request body, each response body),
// whether some exchange of the transcript showed it. It is the evidence of what a passing
// run did not prove (reports/coverage.json and a Markdown section of the summary).
package coverage

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// Report is reports/coverage.json.
type Report struct {
	// Measured is false when the run wrote no transcript: then nothing is known to be
	// exercised, and the figures only count what the specs document.
	Measured bool       `json:"measured"`
	Surfaces []*Surface `json:"surfaces"`
	Totals   Totals     `json:"totals"`
	// Exchanges counts transcript entries read; Unmatched those that fit no documented
	// operation (token requests, undocumented paths or methods).
	Exchanges int `json:"exchanges"`
	Unmatched int `json:"unmatched_exchanges"`
	// Never lists, one line each, every documented operation, status and enum value that no
	// exchange showed.
	Never Never `json:"never_exercised"`
}

// Never is what the run did not exercise.
type Never struct {
	Operations []string `json:"operations"`
	Statuses   []string `json:"statuses"`
	EnumValues []string `json:"enum_values"`
}

// Tally is exercised out of documented.
type Tally struct {
	Exercised  int `json:"exercised"`
	Documented int `json:"documented"`
}

func (t *Tally) add(exercised bool) {
	t.Documented++
	if exercised {
		t.Exercised++
	}
}

// Totals are the three coverage figures.
type Totals struct {
	Operations Tally `json:"operations"`
	Statuses   Tally `json:"statuses"`
	EnumValues Tally `json:"enum_values"`
}

// Surface is one spec's coverage.
type Surface struct {
	Surface    string       `json:"surface"`
	Spec       string       `json:"spec"`
	Totals     Totals       `json:"totals"`
	Operations []*Operation `json:"operations"`
}

// Operation is one documented operation.
type Operation struct {
	ID        string    `json:"operation"`
	Method    string    `json:"method"`
	Path      string    `json:"path"`
	Exercised bool      `json:"exercised"`
	Exchanges int       `json:"exchanges"`
	Statuses  []*Status `json:"statuses"`
	// Undocumented are statuses the target answered that the operation does not document.
	Undocumented []int   `json:"undocumented_statuses_seen,omitempty"`
	Enums        []*Enum `json:"enums,omitempty"`
	segments     []string
}

// Status is one documented status of an operation.
type Status struct {
	Status    int  `json:"status"`
	Exercised bool `json:"exercised"`
	Count     int  `json:"count,omitempty"`
}

// Enum is one enum-valued place: a parameter (Field is its name) or a body field (Field is
// a JSON pointer, "*" any array item, "{}" any additional property); Status for responses.
type Enum struct {
	In     string   `json:"in"`
	Status int      `json:"status,omitempty"`
	Field  string   `json:"field"`
	Values []*Value `json:"values"`
}

// Value is one documented enum value.
type Value struct {
	Value     any  `json:"value"`
	Exercised bool `json:"exercised"`
	key       string
}

// Compute measures the coverage of the given surfaces' specs by the transcript. baseURL is
// the target's base URL when known ("" otherwise): it is stripped from each exchange's path
// before matching, falling back to matching the path's end.
func Compute(surfaces []string, transcript []results.Entry, baseURL string) (*Report, error) {
	r := &Report{Measured: true, Exchanges: len(transcript)}
	m := &matcher{baseURL: baseURL, bySurface: map[string]*Surface{}}
	for _, name := range surfaces {
		s, err := documented(name)
		if err != nil {
			return nil, fmt.Errorf("coverage: %w", err)
		}
		r.Surfaces = append(r.Surfaces, s)
		m.bySurface[name] = s
		m.order = append(m.order, s)
	}
	for i := range transcript {
		e := &transcript[i]
		op, params := m.match(e)
		if op == nil {
			r.Unmatched++
			continue
		}
		exercise(op, e, params)
	}
	r.tally()
	return r, nil
}

// tally counts the totals and lists what was never exercised.
func (r *Report) tally() {
	r.Totals = Totals{}
	r.Never = Never{Operations: []string{}, Statuses: []string{}, EnumValues: []string{}}
	for _, s := range r.Surfaces {
		s.Totals = Totals{}
		for _, op := range s.Operations {
			s.Totals.Operations.add(op.Exercised)
			if !op.Exercised {
				r.Never.Operations = append(r.Never.Operations, fmt.Sprintf("%s %s (%s %s)", s.Surface, op.ID, op.Method, op.Path))
			}
			for _, st := range op.Statuses {
				s.Totals.Statuses.add(st.Exercised)
				if !st.Exercised {
					r.Never.Statuses = append(r.Never.Statuses, fmt.Sprintf("%s %s %d", s.Surface, op.ID, st.Status))
				}
			}
			for _, en := range op.Enums {
				for _, v := range en.Values {
					s.Totals.EnumValues.add(v.Exercised)
					if !v.Exercised {
						r.Never.EnumValues = append(r.Never.EnumValues, fmt.Sprintf("%s %s %s %s = %s", s.Surface, op.ID, en.Where(), en.Field, v.key))
					}
				}
			}
		}
		r.Totals.Operations.Exercised += s.Totals.Operations.Exercised
		r.Totals.Operations.Documented += s.Totals.Operations.Documented
		r.Totals.Statuses.Exercised += s.Totals.Statuses.Exercised
		r.Totals.Statuses.Documented += s.Totals.Statuses.Documented
		r.Totals.EnumValues.Exercised += s.Totals.EnumValues.Exercised
		r.Totals.EnumValues.Documented += s.Totals.EnumValues.Documented
	}
}

// Where says where an enum sits, e.g. "request", "response 200", "query".
func (e *Enum) Where() string {
	if e.In == InResponse {
		return fmt.Sprintf("response %d", e.Status)
	}
	return e.In
}

// WriteJSON writes coverage.json.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("encode coverage: %w", err)
	}
	return nil
}
