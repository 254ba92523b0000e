package transmit

import (
	"errors"
	"maps"
	"net/http"
)

// createApp is POST /v1/applications: the app and its default client, named by
// client_display_name, in one step.
func (s *server) createApp(rq *request) error {
	body, err := s.parseObject(rq.body)
	if err != nil {
		return err
	}
	// first_client is checked as the client it makes (its protocol and name come from the
	// app body), before the app body; the app body's schema then sees the completed client.
	protocol, firstFields := "oidc", map[string]any(nil)
	if first, ok := body["first_client"].(map[string]any); ok {
		first = completeFirstClient(body, first)
		if protocol, firstFields, err = s.checkFirstClient(rq, first); err != nil {
			return err
		}
		body["first_client"] = first
	}
	in, err := s.checkBody(rq, "", body)
	if err != nil {
		return err
	}
	appFields, clientFields := splitAppFields(in)
	s.takeExternalCommunication(body, appFields)
	if firstFields != nil {
		clientFields = firstFields
	}
	displayName, _ := in["client_display_name"].(string)
	clientFields["name"] = displayName
	if s.faults.On(fAppsDefaultClientNamedAfter) {
		clientFields["name"] = in["app_name"]
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	name, _ := in["app_name"].(string)
	if s.appNameTaken(name, "") && !s.faults.On(fAppsDuplicateNameAllowed) {
		if s.faults.On(fAppsCreatedDespite409) {
			s.insertAppWithClient(randomID("", 22), creator(rq), appFields, protocol, clientFields)
		}
		return conflict("APP_NAME_ALREADY_EXISTS", "an application named %q already exists in this tenant", name)
	}
	id := randomID("", 22)
	for s.apps[id] != nil {
		id = randomID("", 22)
	}
	a := s.insertAppWithClient(id, creator(rq), appFields, protocol, clientFields)
	s.writeJSON(rq.w, http.StatusCreated, s.result(s.renderApp(a, true)))
	return nil
}

// completeFirstClient is first_client with the protocol that
// first_client_authentication_protocol names (else its own authentication_protocol, else
// oidc), named client_display_name, as the contract says the default client is named.
func completeFirstClient(in, first map[string]any) map[string]any {
	first = maps.Clone(first)
	if p, ok := in["first_client_authentication_protocol"]; ok {
		first["authentication_protocol"] = p
	}
	if _, ok := in["client_display_name"]; ok {
		first["name"] = in["client_display_name"]
	}
	return first
}

// checkFirstClient validates a completed first_client as a client create body.
func (s *server) checkFirstClient(rq *request, first map[string]any) (string, map[string]any, error) {
	protocol, fields, err := s.checkClientCreate(rq, first)
	if err != nil {
		var ae *apiError
		if errors.As(err, &ae) && ae.status == http.StatusBadRequest {
			return "", nil, badRequest("first_client: %s", ae.message)
		}
		return "", nil, err
	}
	return protocol, fields, nil
}

// creator is created_by of an app: who made it, without ever echoing a token.
func creator(rq *request) string {
	if rq.tok.Kind == kindAdmin {
		return "management-application"
	}
	return "application:" + rq.tok.AppID
}

// updateApp is PUT /v1/applications/{appId}: partial at the top level like clients, object
// fields replaced whole; the deprecated default-client fields update the default client.
func (s *server) updateApp(rq *request) error {
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
	if name, ok := in["app_name"].(string); ok && s.appNameTaken(name, a.id) && !s.faults.On(fAppsRenameConflictAllowed) {
		return conflict("APP_NAME_ALREADY_EXISTS", "an application named %q already exists in this tenant", name)
	}
	appPatch, clientPatch := splitAppFields(in)
	next := *a
	next.fields = maps.Clone(a.fields)
	next.updated = s.stamp(a.updated)
	for k, v := range appPatch {
		if k == "custom_domain" {
			v = customDomain(v.(string), s.formatTime(next.updated))
		}
		if s.faults.On(fAppsPutMergesNested) {
			// Merge what was sent, before validation filled in defaults of omitted members.
			raw, _ := s.parseObject(rq.body)
			v = mergeObjects(next.fields[k], raw[k])
		}
		next.fields[k] = v
	}
	if s.faults.On(fAppsPutNotPersisted) {
		s.writeJSON(rq.w, http.StatusOK, s.result(s.renderApp(&next, true)))
		return nil
	}
	if c := s.clients[a.defaultClientID]; c != nil && c.appID == a.id && len(clientPatch) > 0 {
		if _, err := s.patchClient(c, clientPatch); err != nil {
			return err // a rename onto another client's name: 409, and nothing has changed
		}
	}
	s.apps[a.id] = &next
	s.writeJSON(rq.w, http.StatusOK, s.result(s.renderApp(&next, true)))
	return nil
}
