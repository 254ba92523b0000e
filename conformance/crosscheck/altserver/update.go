package altserver

import (
	"maps"
	"net/http"
)

// update is PUT /v1/clients/{id}: a partial update in which every field sent replaces the
// stored one whole (objects too). By default the id is looked up before the body is read
// (404 before 400); Options.ValidateFirst takes the other order, which the contract allows.
func (s *server) update(w http.ResponseWriter, r *http.Request, p principal, id string) {
	var obj map[string]any
	if s.opts.ValidateFirst {
		var problems []string
		if obj, problems = s.precheckUpdate(r); problems != nil {
			s.badRequest(w, problems)
			return
		}
	}
	if !s.st.exists(p.appID, id) {
		s.notFound(w, id)
		return
	}
	if obj == nil {
		var problems []string
		if obj, problems = readObject(r); problems != nil {
			s.badRequest(w, problems)
			return
		}
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	c := s.st.lookup(p.appID, id)
	if c == nil { // deleted since the check above
		s.notFound(w, id)
		return
	}
	// The protocol cannot change: by default the same value is tolerated (and ignored) and
	// another one refused; the options ignore or refuse it always.
	if ap, present := obj["authentication_protocol"]; present {
		switch str, _ := ap.(string); {
		case s.opts.ProtocolIgnore:
		case s.opts.ProtocolStrict || str != c.Protocol:
			s.badRequest(w, []string{"authentication_protocol cannot be changed"})
			return
		}
	}
	schema := s.schemas.oidcUpdate
	if c.Protocol == "saml" {
		schema = s.schemas.samlUpdate
	}
	fields, problems := s.cleanBody(obj, schema)
	if problems != nil {
		s.badRequest(w, problems)
		return
	}
	if n, ok := fields["name"].(string); ok && s.st.nameTaken(c.AppID, n, c.ClientID) {
		s.conflict(w, n)
		return
	}
	merged := maps.Clone(c.Fields)
	if merged == nil {
		merged = map[string]any{}
	}
	if s.opts.PutResetDefaults {
		for _, k := range resettable(c.Protocol) {
			delete(merged, k) // render then shows the default again
		}
	}
	maps.Copy(merged, fields) // top-level replace; objects replaced whole
	// The cross-field rule holds for the result, not only for the body: a body may set one
	// half while the stored client has the other.
	if s.syncCombo(merged) {
		s.badRequest(w, []string{syncComboProblem})
		return
	}
	c.Fields = merged
	c.Updated = s.st.now()
	s.writeJSON(w, http.StatusOK, s.render(c))
}

// precheckUpdate reads and validates a PUT body before the id is known (ValidateFirst). Not
// knowing the client's protocol, it accepts a body valid as either protocol's update
// (the spec's anyOf), reporting the OIDC problems when it is neither.
func (s *server) precheckUpdate(r *http.Request) (map[string]any, []string) {
	obj, problems := readObject(r)
	if problems != nil {
		return nil, problems
	}
	rest := withoutProtocol(obj)
	_, pOidc := s.cleanBody(rest, s.schemas.oidcUpdate)
	_, pSaml := s.cleanBody(rest, s.schemas.samlUpdate)
	if pOidc != nil && pSaml != nil {
		problems = pOidc
	}
	if s.opts.ProtocolStrict && obj["authentication_protocol"] != nil {
		problems = append(problems, "authentication_protocol cannot be changed")
	}
	if problems != nil {
		return nil, problems
	}
	return obj, nil
}

// resettable lists the fields whose update-schema default a PUT that omits them restores
// (Options.PutResetDefaults).
func resettable(protocol string) []string {
	out := []string{"short_cookies_samesite_type", "sync_id_token_claims_to_userinfo"}
	if protocol == "oidc" {
		out = append(out, "client_type", "response_types", "token_endpoint_auth_method")
	}
	return out
}

func withoutProtocol(obj map[string]any) map[string]any {
	m := maps.Clone(obj)
	delete(m, "authentication_protocol")
	return m
}

// setResources is PUT /v1/clients/{id}/resources: it replaces the client's resources. The
// id and the body are checked in the same order as update's.
func (s *server) setResources(w http.ResponseWriter, r *http.Request, p principal, id string) {
	var ids any
	if s.opts.ValidateFirst {
		var problems []string
		if ids, problems = s.resourceIDs(r); problems != nil {
			s.badRequest(w, problems)
			return
		}
	}
	if !s.st.exists(p.appID, id) {
		s.notFound(w, id)
		return
	}
	if ids == nil {
		var problems []string
		if ids, problems = s.resourceIDs(r); problems != nil {
			s.badRequest(w, problems)
			return
		}
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	c := s.st.lookup(p.appID, id)
	if c == nil { // deleted since the check above
		s.notFound(w, id)
		return
	}
	c.Fields["resources"] = ids
	c.Updated = s.st.now()
	s.writeJSON(w, http.StatusOK, s.render(c))
}

// resourceIDs reads and validates a resources body and returns its resource_ids.
func (s *server) resourceIDs(r *http.Request) (any, []string) {
	obj, problems := readObject(r)
	if problems != nil {
		return nil, problems
	}
	errs, clean := s.validate.object("", obj, s.schemas.resources, false)
	if len(errs) > 0 {
		return nil, errs
	}
	return clean["resource_ids"], nil
}
