package altserver

import (
	"net/http"
	"sort"
)

// syncComboProblem is the one cross-field rule: userinfo claims of their own beside
// userinfo claims synced from the ID token's. The contract leaves the pair open (201 or 400);
// by default this server refuses it, Options.AllowSyncCombo accepts it.
const syncComboProblem = "default_user_info_claims cannot be set when sync_id_token_claims_to_userinfo is true"

// syncCombo reports whether fields hold the refused pair.
func (s *server) syncCombo(fields map[string]any) bool {
	if s.opts.AllowSyncCombo {
		return false
	}
	sync, _ := fields["sync_id_token_claims_to_userinfo"].(bool)
	_, both := fields["default_user_info_claims"]
	return sync && both
}

// cleanBody validates a body against schema and returns the fields to store: no unknown
// top-level keys, no input-only fields, and no protocol (it is the client's, not a field).
func (s *server) cleanBody(obj map[string]any, schema map[string]field) (map[string]any, []string) {
	errs, clean := s.validate.object("", obj, schema, false)
	if len(errs) > 0 {
		return nil, errs
	}
	if s.syncCombo(clean) {
		return nil, []string{syncComboProblem}
	}
	for k := range s.schemas.inputOnly {
		delete(clean, k)
	}
	delete(clean, "authentication_protocol")
	return clean, nil
}

func (s *server) create(w http.ResponseWriter, r *http.Request, p principal) {
	obj, problems := readObject(r)
	if problems != nil {
		s.badRequest(w, problems)
		return
	}
	// The protocol picks the schema, so it is checked before the rest of the body.
	protocol := "oidc"
	if ap, present := obj["authentication_protocol"]; present {
		str, _ := ap.(string)
		if str != "oidc" && str != "saml" {
			s.badRequest(w, []string{"authentication_protocol must be one of the following values: oidc, saml"})
			return
		}
		protocol = str
	}
	schema := s.schemas.oidcCreate
	if protocol == "saml" {
		schema = s.schemas.samlCreate
	}
	fields, problems := s.cleanBody(obj, schema)
	if problems != nil {
		s.badRequest(w, problems)
		return
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	name := fields["name"].(string) // required by both create schemas
	if s.st.nameTaken(p.appID, name, "") {
		s.conflict(w, name)
		return
	}
	c := s.st.newClient(p.appID, protocol, fields)
	w.Header().Set("Location", basePath+"/v1/clients/"+c.ClientID)
	s.writeJSON(w, http.StatusCreated, s.render(c))
}

// list shows the caller's app's clients, newest first.
func (s *server) list(w http.ResponseWriter, p principal) {
	s.writeJSON(w, http.StatusOK, s.listBody(p.appID))
}

func (s *server) listBody(app string) []any {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	var mine []*client
	for _, c := range s.st.clients {
		if c.AppID == app {
			mine = append(mine, c)
		}
	}
	sort.Slice(mine, func(i, j int) bool { return mine[i].seq > mine[j].seq })
	out := make([]any, 0, len(mine))
	for _, c := range mine {
		out = append(out, s.render(c))
	}
	return out
}

// deleteAll deletes every client of the caller's app; with none to delete it is 404 (or 204
// with Options.Empty204), the contract allowing both.
func (s *server) deleteAll(w http.ResponseWriter, p principal) {
	if s.deleteApp(p.appID) == 0 && !s.opts.Empty204 {
		s.writeError(w, http.StatusNotFound, "The application has no clients to delete")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) deleteApp(app string) int {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	n := 0
	for id, c := range s.st.clients {
		if c.AppID == app {
			delete(s.st.clients, id)
			n++
		}
	}
	return n
}

func (s *server) get(w http.ResponseWriter, p principal, id string) {
	out := s.rendered(p.appID, id)
	if out == nil {
		s.notFound(w, id)
		return
	}
	s.writeJSON(w, http.StatusOK, out)
}

// rendered is the client as shown, or nil when app has no such client.
func (s *server) rendered(app, id string) map[string]any {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	if c := s.st.lookup(app, id); c != nil {
		return s.render(c)
	}
	return nil
}

func (s *server) delete(w http.ResponseWriter, p principal, id string) {
	if !s.deleteOne(p.appID, id) {
		s.notFound(w, id)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) deleteOne(app, id string) bool {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	if s.st.lookup(app, id) == nil {
		return false
	}
	delete(s.st.clients, id)
	return true
}
