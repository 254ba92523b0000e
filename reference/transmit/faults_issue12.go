package transmit

import (
	"maps"
	"strings"
	"time"

	"github.com/clientconf/clientconf/reference/faults"
)

// Fault switches of issue 12: response-only fields sent as input are taken instead of ignored.
// The client one lives in the client code both Transmit surfaces share, so it breaks both.
const (
	fClientsCreatedAtFromInput         = "clients/crud/created-at-taken-from-input"
	fAppsExternalCommunicationFromBody = "applications/crud/external-communication-taken-from-input"
	fClientsAppScopedAnyApp            = "clients/permissions/app-scoped-permission-any-app"
)

func issue12Faults() []faults.Info {
	return []faults.Info{
		info(fClientsCreatedAtFromInput, "A client create takes created_at from the body (a response-only field) instead of ignoring it."),
		info(fClientsAppScopedAnyApp, "A permission <appId>:<action> counts for every app, not only the app it names."),
		info(fAppsExternalCommunicationFromBody, "An app create takes external_communication (output only) from the body instead of ignoring it."),
	}
}

// takeCreatedAt is the created_at fault: the sent RFC 3339 created_at becomes the client's.
func (s *server) takeCreatedAt(c *client, body map[string]any) {
	if !s.faults.On(fClientsCreatedAtFromInput) {
		return
	}
	if v, ok := body["created_at"].(string); ok {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			c.created = t
		}
	}
}

// takeExternalCommunication is the external_communication fault: the sent object is stored.
func (s *server) takeExternalCommunication(body, appFields map[string]any) {
	if ext, ok := body["external_communication"].(map[string]any); ok && s.faults.On(fAppsExternalCommunicationFromBody) {
		appFields["external_communication"] = maps.Clone(ext)
	}
}

// widenAppScoped is the app-scoped fault: a held "<anyApp>:x" counts as "<appID>:x", as if
// the app id in a permission were not compared.
func (s *server) widenAppScoped(held map[string]bool, appID string) {
	if !s.faults.On(fClientsAppScopedAnyApp) {
		return
	}
	for p := range held {
		if app, action, ok := strings.Cut(p, ":"); ok && app != "apps" {
			held[appID+":"+action] = true
		}
	}
}
