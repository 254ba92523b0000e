package clients

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/clientconf/clientconf/conformance/scenario"
	"github.com/clientconf/clientconf/fixtures"
)

// unknownClientID is an id no server has issued.
const unknownClientID = "ccs-no-such-client-0000"

// ClientAPI is where a surface manages OAuth clients: /v1/clients (clients surface) or
// /v1/applications/{appId}/clients (applications surface). The client scenarios are written
// once against it and serve both surfaces.
type ClientAPI struct {
	Surface string
	// collection is the clients collection of the app a role acts on.
	Collection func(s *scenario.S, role scenario.Role) string
	// otherAppStatus is what Main gets for another app's client: 404 through /v1/clients
	// (it does not exist for the caller), 403 through another app's path.
	OtherAppStatus int
	// scratchApps: destructive client scenarios run in an app the suite creates with the
	// admin token (applications surface) instead of the token's own app.
	ScratchApps bool
}

// id is a scenario ID written as the clients surface's (a literal "clients/…", so grep finds
// the declaration), for the surface a serves: the applications surface runs the same
// declaration as "applications/…".
func (a ClientAPI) id(id string) string { return a.Surface + strings.TrimPrefix(id, "clients") }

func (a ClientAPI) item(s *scenario.S, role scenario.Role, clientID string) string {
	return a.Collection(s, role) + "/" + url.PathEscape(clientID)
}

// MinimalOIDC is the smallest valid OIDC create body.
func MinimalOIDC(s *scenario.S) map[string]any {
	return map[string]any{
		"name":          s.Name("client"),
		"redirect_uris": []any{"https://conformance.example.com/callback"},
	}
}

// fixtureBody loads a request-body fixture and gives it a fresh run-prefixed name.
func fixtureBody(s *scenario.S, file string) map[string]any {
	body, err := fixtures.Body(file)
	if err != nil {
		s.SuiteFatalf("%v", err)
	}
	body["name"] = s.Name("client")
	return body
}

// Create posts body as role and requires 201; cleanup is registered by the exchange layer.
func (a ClientAPI) Create(s *scenario.S, role scenario.Role, body map[string]any) *scenario.Response {
	s.T.Helper()
	return s.Do(role, http.MethodPost, a.Collection(s, role), scenario.JSON(body)).Expect(http.StatusCreated)
}

// CreateMinimal creates a minimal OIDC client as Main and returns its id and the response.
func (a ClientAPI) CreateMinimal(s *scenario.S) (string, *scenario.Response) {
	s.T.Helper()
	r := a.Create(s, scenario.Main, MinimalOIDC(s))
	id := r.String("/client_id")
	if id == "" {
		s.Fatalf(r, "client_id present", "a non-empty client_id in the created client", "none")
	}
	return id, r
}

// ListIDs returns the client ids in a list response.
func ListIDs(r *scenario.Response) map[string]bool {
	ids := map[string]bool{}
	list, _ := r.Object().([]any)
	for _, item := range list {
		if m, ok := item.(map[string]any); ok {
			if id, ok := m["client_id"].(string); ok {
				ids[id] = true
			}
		}
	}
	return ids
}
