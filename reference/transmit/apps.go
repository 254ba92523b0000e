package transmit

import (
	"maps"
	"net/http"
	"sort"
	"time"
)

// defaultClientFields maps the deprecated app fields that configure the default client to the
// client field each one is stored as (api-facts/transmit.md §3.1–3.2).
var defaultClientFields = map[string]string{
	"client_display_name":  "name",
	"client_description":   "description",
	"client_type":          "client_type",
	"redirect_uris":        "redirect_uris",
	"resources":            "resources",
	"device_authorization": "device_authorization",
	"ciba_authorization":   "ciba_authorization",
	"client_auth_method":   "token_endpoint_auth_method",
	"pkce":                 "pkce",
}

// splitAppFields separates an app body into the app's own fields and the deprecated fields that
// configure its default client (renamed to their client names).
func splitAppFields(in map[string]any) (appFields, clientFields map[string]any) {
	appFields, clientFields = map[string]any{}, map[string]any{}
	for k, v := range in {
		switch clientKey, isClient := defaultClientFields[k]; {
		case isClient:
			clientFields[clientKey] = v
		case k == "first_client" || k == "first_client_authentication_protocol":
			// create only; describes the default client, handled by createApp
		default:
			appFields[k] = v
		}
	}
	return appFields, clientFields
}

// insertApp stores a new app and its default client; the caller holds the write lock and has
// validated in. The default client is an OIDC client built from the deprecated fields, unless
// createApp passes a first_client of its own.
func (s *server) insertApp(id, createdBy string, in map[string]any) *app {
	appFields, clientFields := splitAppFields(in)
	return s.insertAppWithClient(id, createdBy, appFields, "oidc", clientFields)
}

func (s *server) insertAppWithClient(id, createdBy string, appFields map[string]any, protocol string, clientFields map[string]any) *app {
	s.applyAppDefaults(appFields)
	now := s.stamp(time.Time{})
	if domain, ok := appFields["custom_domain"].(string); ok {
		appFields["custom_domain"] = customDomain(domain, s.formatTime(now))
	}
	a := &app{id: id, createdBy: createdBy, created: now, updated: now, fields: appFields}
	s.apps[id] = a
	if !s.faults.On(fAppsNoDefaultClient) {
		a.defaultClientID = s.insertClient(id, protocol, clientFields).id
	}
	return a
}

// customDomain is the output object of a custom domain sent as a string; verification of a new
// domain is always pending.
func customDomain(domain, updatedAt string) map[string]any {
	return map[string]any{"domain": domain, "updated_at": updatedAt, "status": "pending"}
}

// applyAppDefaults fills the app defaults the contract asserts, nested ones included.
func (s *server) applyAppDefaults(fields map[string]any) {
	setDefault(fields, "allow_public_signup", s.faults.On(fAppsDefaultPublicSignup))
	setDefault(fields, "invite_member_email_expiration_minutes", pick[any](s.faults.On(fAppsDefaultInviteExpiry), 1440, 2880))
	setDefault(fields, "signing_key_enabled", false)
	ext, _ := fields["external_communication"].(map[string]any)
	ext = maps.Clone(ext)
	if ext == nil {
		ext = map[string]any{}
	}
	setDefault(ext, "language", pick(s.faults.On(fAppsDefaultLanguage), "en-US", "en"))
	fields["external_communication"] = ext
	triggers, _ := fields["refresh_token_invalidation_trigger_configuration"].(map[string]any)
	triggers = maps.Clone(triggers)
	if triggers == nil {
		triggers = map[string]any{}
	}
	for _, k := range []string{"invalidateOnMemberSuspension", "invalidateOnMemberPasswordReset", "invalidateOnMemberRoleUpdate"} {
		setDefault(triggers, k, !s.faults.On(fAppsDefaultRefreshTriggers))
	}
	fields["refresh_token_invalidation_trigger_configuration"] = triggers
}

func setDefault(m map[string]any, k string, v any) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// renderApp is the App (withLogo) or AppWithoutLogo body: the app's fields, required ones
// filled, and the settings of its default client under their deprecated names.
func (s *server) renderApp(a *app, withLogo bool) map[string]any {
	out := map[string]any{
		"app_description":           "",
		"logo":                      "",
		"login_preferences":         map[string]any{},
		"service_providers":         []any{},
		"authenticator_preferences": map[string]any{"is_centralized": false, "login_uri": ""},
		"application_type":          "basic",
	}
	for k, v := range a.fields {
		if k != "should_delete_signing_key" { // input only: an instruction, not a setting
			out[k] = deepCopy(v)
		}
	}
	maps.Copy(out, map[string]any{
		"app_id":     a.id,
		"tenant_id":  s.tenantID,
		"created_by": a.createdBy,
		"created_at": s.formatTime(a.created),
		"updated_at": s.formatTime(a.updated),
	})
	if c := s.clients[a.defaultClientID]; c != nil && c.appID == a.id {
		for appKey, clientKey := range defaultClientFields {
			if v, ok := c.fields[clientKey]; ok {
				out[appKey] = deepCopy(v)
			}
		}
		out["client_id"], out["client_secret"] = c.id, c.secret
	}
	if !withLogo || (s.faults.On(fAppsLogoOmitted) && out["logo"] == "") {
		delete(out, "logo")
	}
	return out
}

func renderBasicApp(out map[string]any) map[string]any {
	basic := map[string]any{}
	for _, k := range []string{"app_id", "tenant_id", "app_name", "app_description", "login_uri", "application_type"} {
		if v, ok := out[k]; ok {
			basic[k] = v
		}
	}
	return basic
}

// result wraps an app-operation body in the {"result": …} envelope.
func (s *server) result(v any) any {
	if s.faults.On(fAppsNoResultEnvelope) {
		return v
	}
	return map[string]any{"result": v}
}

// visibleApps: a client token sees its own app, an admin token every app; oldest first.
func (s *server) visibleApps(rq *request) []*app {
	var out []*app
	for _, a := range s.apps {
		if rq.tok.Kind == kindAdmin || a.id == rq.tok.AppID || s.faults.On(fAppsOtherAppsListed) {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].created.Equal(out[j].created) {
			return out[i].created.Before(out[j].created)
		}
		return out[i].id < out[j].id
	})
	return out
}

func (s *server) listApps(rq *request) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []any{}
	for _, a := range s.visibleApps(rq) {
		out = append(out, s.renderApp(a, false))
	}
	s.writeJSON(rq.w, http.StatusOK, s.result(out))
	return nil
}

func (s *server) listAppsBasic(rq *request) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []any{}
	for _, a := range s.visibleApps(rq) {
		out = append(out, renderBasicApp(s.renderApp(a, false)))
	}
	s.writeJSON(rq.w, http.StatusOK, s.result(out))
	return nil
}

func (s *server) getApp(rq *request) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a := s.apps[rq.appID]
	if a == nil {
		return notFound("application")
	}
	s.writeJSON(rq.w, http.StatusOK, s.result(s.renderApp(a, true)))
	return nil
}

// deleteApp deletes the app and cascades: its clients and signing keys go with it, and its
// tokens become unknown (authenticate checks that a token's app exists).
func (s *server) deleteApp(rq *request) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.apps[rq.appID] == nil {
		return notFound("application")
	}
	if s.faults.On(fAppsDeleteKeepsApp) {
		writeNoContent(rq.w)
		return nil
	}
	delete(s.apps, rq.appID)
	for id, c := range s.clients {
		if c.appID == rq.appID && !s.faults.On(fAppsDeleteNoCascade) {
			delete(s.clients, id)
			s.deleted[id] = c
		}
	}
	for id, k := range s.keys {
		if k.appID == rq.appID {
			delete(s.keys, id)
		}
	}
	writeNoContent(rq.w)
	return nil
}

// updateAppResources is the deprecated PUT /v1/applications/{appId}/resources: it sets the
// resources of the default client and answers with the app.
func (s *server) updateAppResources(rq *request) error {
	body, err := s.parseObject(rq.body)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.apps[rq.appID]
	if a == nil {
		return notFound("application")
	}
	in, err := s.checkBody(rq, "", body)
	if err != nil {
		return err
	}
	c := s.clients[a.defaultClientID]
	if c == nil || c.appID != a.id {
		return notFound("default client of the application")
	}
	ids, _ := in["resource_ids"].([]any)
	if ids == nil {
		ids = []any{}
	}
	s.setResources(c, ids)
	s.writeJSON(rq.w, http.StatusOK, s.result(s.renderApp(a, true)))
	return nil
}
