package auth0

import (
	"net/http"
	"strconv"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0NullableScenarios: null in a PATCH clears a field the update schema lets be null.
func a0NullableScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "auth0/crud/patch-null-clears", Basis: scenario.Spec,
			Requirement: "PATCH with null for a scalar field the update schema marks nullable answers 200 and clears it: read back, the field is absent, null, " +
				"or back to what a new client shows (unset).",
			Run: func(s *scenario.S) {
				// No client_credentials grant, so that token_endpoint_auth_method none is not
				// one of the cross-field cases the contract leaves open.
				id, fresh := a0Create(s, a0With(s, map[string]any{"grant_types": []any{"authorization_code", "refresh_token"}}))
				set := map[string]any{}
				for _, f := range scenario.NullableFields(s.Spec(), "ClientUpdate") {
					v, ok := scenario.ScalarSample(f.Schema)
					if !ok {
						continue // objects and arrays: PATCH merge-or-replace is left open
					}
					if was, _ := fresh.Field("/" + f.Name); scenario.SameJSON(was, v) {
						continue // a new client shows this value already: clearing it proves nothing
					}
					// Setting a value may need a tenant feature (PAR, compliance levels): a field
					// the tenant will not set cannot be cleared either.
					if r := s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{f.Name: v})); !r.Is(http.StatusOK) {
						s.Observe("not-settable", "%s = %s answered %d: not checked on this tenant", f.Name, scenario.DescribeJSON(v), r.Status)
						continue
					}
					set[f.Name] = v
				}
				if len(set) == 0 {
					s.Skip(scenario.NotApplicable, "no nullable scalar field could be set on this tenant")
				}
				nulls := map[string]any{}
				for k := range set {
					nulls[k] = nil
				}
				s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(nulls)).Check(http.StatusOK)
				r := a0Get(s, scenario.Main, id)
				for k := range set {
					was, _ := fresh.Field("/" + k)
					if v, present := r.Field("/" + k); present && v != nil && !scenario.SameJSON(v, was) {
						s.Errorf(r, "null clears "+k, k+" absent, null or as on a new client after PATCH {"+strconv.Quote(k)+": null}", scenario.DescribeJSON(v))
					}
				}
			}},
	}
}
