package scenario

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/envvar"
)

// appID returns the app the role's client token belongs to. When not configured, it asks
// GET /v1/applications, which shows a client token only its own app.
func (s *S) AppID(role Role) string {
	s.T.Helper()
	facts := s.rt.Facts()
	switch {
	case role == Main && facts.AppID != "":
		return facts.AppID
	case role == Other && facts.OtherAppID != "":
		return facts.OtherAppID
	}
	if id, ok := s.rt.CachedAppID(role); ok {
		return id
	}
	r := s.Do(role, http.MethodGet, "/v1/applications").Expect(http.StatusOK)
	list, _ := r.Object().([]any)
	if len(list) != 1 {
		s.SuiteFatalf("cannot tell the %s token's app: GET /v1/applications listed %d apps; set %s", role, len(list), appVariable(role))
	}
	id, _ := list[0].(map[string]any)["app_id"].(string)
	s.rt.CacheAppID(role, id)
	return id
}

func appVariable(r Role) string {
	if r == Other {
		return envvar.OtherAppID
	}
	return envvar.AppID
}

// scratchApp creates an application with the admin token, for scenarios that delete an app
// or all of an app's clients: they never touch an app the suite did not create. It is deleted
// after the scenario (x-cleanup of createApp).
func (s *S) ScratchApp() (AppID string, created *Response) {
	s.T.Helper()
	body := map[string]any{"app_name": s.Name("app"), "client_display_name": s.Name("default-client")}
	r := s.Do(Admin, http.MethodPost, "/v1/applications", JSON(body)).Expect(http.StatusCreated)
	id := r.String("/app_id")
	if id == "" {
		s.Fatalf(r, "app_id present", "a non-empty app_id in the created app", "none")
	}
	return id, r
}
