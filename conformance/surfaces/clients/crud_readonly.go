package clients

import (
	"maps"
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// sentValueNotTaken fails for each sent field whose value a response shows: a response-only
// field sent as input must be ignored (CONTRACT: unknown top-level fields are ignored).
func sentValueNotTaken(s *scenario.S, r *scenario.Response, sent map[string]any, when string) {
	s.T.Helper()
	for field, v := range sent {
		if got, ok := r.Field("/" + field); ok && scenario.ShowsSent(got, v) {
			s.Errorf(r, "response-only "+field+" not taken from input", "a "+field+" chosen by the server ("+when+")", "the sent "+scenario.DescribeJSON(v))
		}
	}
}

// clientReadOnlyScenarios: server-generated fields sent in client bodies.
func clientReadOnlyScenarios(a ClientAPI) []scenario.Scenario {
	return []scenario.Scenario{
		{ID: a.id("clients/crud/response-only-fields-ignored"), Basis: scenario.Assumed,
			Requirement: "Fields only responses carry (client_id, client_secret, app_id, tenant_id, created_at, updated_at: every client response property the request schema lacks) " +
				"are ignored when sent in a create or PUT body: 2xx, and neither the answer nor a later GET shows a sent value; PUT keeps the stored ones.",
			Run: func(s *scenario.S) {
				sent := s.ResponseOnlyInputs("OidcClient", []string{"OidcClientCreate"})
				body := MinimalOIDC(s)
				maps.Copy(body, sent)
				created := a.Create(s, scenario.Main, body)
				id := created.String("/client_id")
				if id == "" {
					s.Fatalf(created, "client_id present", "a non-empty client_id in the created client", "none")
				}
				sentValueNotTaken(s, created, sent, "create answer")
				before := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
				sentValueNotTaken(s, before, sent, "GET after create")
				// authentication_protocol on PUT is left open (400 or ignored): not sent.
				sentPut := s.ResponseOnlyInputs("OidcClient", []string{"OidcClientUpdate"}, "authentication_protocol")
				put := map[string]any{"description": "response-only fields sent"}
				maps.Copy(put, sentPut)
				r := s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(put)).Expect(http.StatusOK)
				sentValueNotTaken(s, r, sentPut, "PUT answer")
				after := s.Do(scenario.Main, http.MethodGet, a.item(s, scenario.Main, id)).Expect(http.StatusOK)
				sentValueNotTaken(s, after, sentPut, "GET after PUT")
				for field := range sentPut {
					if field == "updated_at" {
						continue // advances on PUT
					}
					if was, _ := before.Field("/" + field); was != nil {
						if now, _ := after.Field("/" + field); !scenario.SameJSON(now, was) {
							s.Errorf(after, field+" kept by PUT", scenario.DescribeJSON(was), scenario.DescribeJSON(now))
						}
					}
				}
			}},
	}
}
