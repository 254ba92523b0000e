package conformance

import (
	"github.com/clientconf/clientconf/conformance/envvar"
	"net/http"
	"sync"
)

// appIDs remembers the app each client-token role acts on: configured
// (CONFORMANCE_APP_ID, CONFORMANCE_OTHER_APP_ID) or found once per run.
type appIDs struct {
	mu   sync.Mutex
	byRo map[Role]string
}

// appID returns the app the role's client token belongs to. When not configured, it asks
// GET /v1/applications, which shows a client token only its own app.
func (s *S) appID(role Role) string {
	s.T.Helper()
	switch {
	case role == Main && s.env.target.AppID != "":
		return s.env.target.AppID
	case role == Other && s.env.target.OtherAppID != "":
		return s.env.target.OtherAppID
	}
	ids := &s.env.apps
	ids.mu.Lock()
	id, ok := ids.byRo[role]
	ids.mu.Unlock()
	if ok {
		return id
	}
	r := s.Do(role, http.MethodGet, "/v1/applications").Expect(http.StatusOK)
	list, _ := r.Object().([]any)
	if len(list) != 1 {
		s.SuiteFatalf("cannot tell the %s token's app: GET /v1/applications listed %d apps; set %s", role, len(list), appVariable(role))
	}
	id, _ = list[0].(map[string]any)["app_id"].(string)
	ids.mu.Lock()
	if ids.byRo == nil {
		ids.byRo = map[Role]string{}
	}
	ids.byRo[role] = id
	ids.mu.Unlock()
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
func (s *S) scratchApp() (appID string, created *Response) {
	s.T.Helper()
	body := map[string]any{"app_name": s.Name("app"), "client_display_name": s.Name("default-client")}
	r := s.Do(Admin, http.MethodPost, "/v1/applications", JSON(body)).Expect(http.StatusCreated)
	id := r.String("/app_id")
	if id == "" {
		s.Fatalf(r, "app_id present", "a non-empty app_id in the created app", "none")
	}
	return id, r
}
