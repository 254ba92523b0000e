package applications

import (
	"maps"
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// appReadOnlyScenarios: output-only app fields sent in a create.
func appReadOnlyScenarios() []scenario.Scenario {
	admin := []scenario.Role{scenario.Admin}
	return []scenario.Scenario{
		{ID: "applications/crud/app-response-only-fields-ignored", Basis: scenario.Spec, Roles: admin,
			Requirement: "Fields only app responses carry (external_communication, app_id, created_at, … every app response property the create schema lacks) " +
				"are ignored when sent in a create: 201, neither the answer nor a later GET shows a sent value, and external_communication.language, when shown, is the default en.",
			Run: func(s *scenario.S) {
				sent := s.ResponseOnlyInputs("App", []string{"AppCreate"})
				body := map[string]any{"app_name": s.Name("app"), "client_display_name": s.Name("default-client")}
				maps.Copy(body, sent)
				created := s.Do(scenario.Admin, http.MethodPost, "/v1/applications", scenario.JSON(body)).Expect(http.StatusCreated)
				appID := created.String("/app_id") // inside the spec's {"result": …} envelope
				if appID == "" {
					s.Fatalf(created, "app_id present", "a non-empty app_id in the created app", "none")
				}
				got := s.Do(scenario.Admin, http.MethodGet, appPath(appID)).Expect(http.StatusOK)
				for _, r := range []*scenario.Response{created, got} {
					for field, v := range sent {
						if shown, ok := r.Field("/" + field); ok && scenario.ShowsSent(shown, v) {
							s.Errorf(r, "output-only "+field+" not taken from input", "a "+field+" chosen by the server", "the sent "+scenario.DescribeJSON(v))
						}
					}
					if lang, ok := r.Field("/external_communication/language"); ok && lang != "en" {
						s.Errorf(r, "external_communication.language default", `"en" (the create does not set it)`, scenario.DescribeJSON(lang))
					}
				}
			}},
	}
}
