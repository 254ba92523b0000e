package auth0

import (
	"net/http"
	"strconv"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// a0InputFor is the value sent for a response-only field: the value the client already shows
// (what a tool that reads and writes back would send), else a value of the field's kind.
func a0InputFor(shown *scenario.Response, field string) any {
	if v, ok := shown.Field("/" + field); ok && v != nil {
		return v
	}
	return "conformance-read-only"
}

// a0OpenOnCreate reports a response-only field whose answer on create the contract leaves open
// (client_secret: 201 or 400).
func a0OpenOnCreate(field string) bool { return field == "client_secret" }

// a0ReadOnlyScenarios: server-generated and read-only fields sent as input. Both Auth0 request
// schemas are additionalProperties false, so each such field is an unknown key → 400.
func a0ReadOnlyScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "auth0/bad-request/response-only-fields-on-create", Basis: scenario.Spec,
			Requirement: "A create that sends a field only responses carry (client_id, tenant, global, signing_keys, … — every Client property the create schema lacks, client_secret aside: left open) gets 400.",
			Run: func(s *scenario.S) {
				_, shown := a0Create(s, a0Minimal(s))
				for _, field := range scenario.ResponseOnlyFields(s.Spec(), "Client", "ClientCreate") {
					if a0OpenOnCreate(field) {
						continue
					}
					r := s.Do(scenario.Main, http.MethodPost, "/clients", scenario.JSON(a0With(s, map[string]any{field: a0InputFor(shown, field)})))
					if !r.Is(http.StatusBadRequest) {
						s.Errorf(r, "response-only field "+field+" rejected on create", "400 (additionalProperties false)", "status "+strconv.Itoa(r.Status))
					}
				}
			}},
		{ID: "auth0/bad-request/response-only-fields-on-patch", Basis: scenario.Spec,
			Requirement: "A PATCH that sends a field only responses carry (every Client property the update schema lacks) gets 400 and leaves the client as it was.",
			Run: func(s *scenario.S) {
				id, _ := a0Create(s, a0Minimal(s))
				before := a0Get(s, scenario.Main, id)
				for _, field := range scenario.ResponseOnlyFields(s.Spec(), "Client", "ClientUpdate") {
					r := s.Do(scenario.Main, http.MethodPatch, a0Client(id), scenario.JSON(map[string]any{field: a0InputFor(before, field)}))
					if !r.Is(http.StatusBadRequest) {
						s.Errorf(r, "response-only field "+field+" rejected on PATCH", "400 (additionalProperties false)", "status "+strconv.Itoa(r.Status))
					}
				}
				after := a0Get(s, scenario.Main, id)
				if !scenario.SameJSON(after.Object(), before.Object()) {
					s.Errorf(after, "rejected PATCHes change nothing", "the client as before the PATCHes", "a changed client")
				}
			}},
	}
}
