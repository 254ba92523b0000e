package conformance

import (
	"net/http"
	"net/url"

	"github.com/clientconf/clientconf/fixtures"
)

// clientAPI is where a surface manages OAuth clients: /v1/clients (clients surface) or
// /v1/applications/{appId}/clients (applications surface). The client scenarios are written
// once against it and serve both surfaces.
type clientAPI struct {
	surface string
	// collection is the clients collection of the app a role acts on.
	collection func(s *S, role Role) string
	// otherAppStatus is what Main gets for another app's client: 404 through /v1/clients
	// (it does not exist for the caller), 403 through another app's path.
	otherAppStatus int
	// scratchApps: destructive client scenarios run in an app the suite creates with the
	// admin token (applications surface) instead of the token's own app.
	scratchApps bool
}

func (a clientAPI) id(name string) string { return a.surface + "/" + name }

func (a clientAPI) item(s *S, role Role, clientID string) string {
	return a.collection(s, role) + "/" + url.PathEscape(clientID)
}

// minimalOIDC is the smallest valid OIDC create body.
func minimalOIDC(s *S) map[string]any {
	return map[string]any{
		"name":          s.Name("client"),
		"redirect_uris": []any{"https://conformance.example.com/callback"},
	}
}

// fixtureBody loads a request-body fixture and gives it a fresh run-prefixed name.
func fixtureBody(s *S, file string) map[string]any {
	body, err := fixtures.Body(file)
	if err != nil {
		s.SuiteFatalf("%v", err)
	}
	body["name"] = s.Name("client")
	return body
}

// create posts body as role and requires 201; cleanup is registered by the exchange layer.
func (a clientAPI) create(s *S, role Role, body map[string]any) *Response {
	s.T.Helper()
	return s.Do(role, http.MethodPost, a.collection(s, role), JSON(body)).Expect(http.StatusCreated)
}

// createMinimal creates a minimal OIDC client as Main and returns its id and the response.
func (a clientAPI) createMinimal(s *S) (string, *Response) {
	s.T.Helper()
	r := a.create(s, Main, minimalOIDC(s))
	id := r.String("/client_id")
	if id == "" {
		s.Fatalf(r, "client_id present", "a non-empty client_id in the created client", "none")
	}
	return id, r
}

// requireField fails unless the response's field holds want: equal values, arrays of scalars
// as sets, objects with at least the wanted members (a server may add members it fills in).
func requireField(s *S, r *Response, pointer string, want any) {
	s.T.Helper()
	got, ok := r.Field(pointer)
	if !ok || !containsJSON(got, want) {
		s.Errorf(r, "field "+pointer, pointer+" = "+describe(want), describeField(got, ok))
	}
}

// listIDs returns the client ids in a list response.
func listIDs(r *Response) map[string]bool {
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

// requireEcho is requireField for a value the scenario sent: a field the response schema does
// not require may be left out of the response (Transmit documents some fields only on input
// in some versions), but when it is there it must hold what was sent.
func requireEcho(s *S, r *Response, pointer string, want any) {
	s.T.Helper()
	if _, ok := r.Field(pointer); !ok && !r.documentedAsRequired(pointer) {
		s.Observe("optional-field-absent", "%s not in the response (allowed: the response schema does not require it)", pointer)
		return
	}
	requireField(s, r, pointer, want)
}
