package transmit

import (
	"net/http"
	"sort"
	"time"
)

// Signing keys belong to the token's own app (rq.appID); the router refuses admin tokens.

func (s *server) renderKey(k *signingKey) map[string]any {
	return map[string]any{
		"id":         k.id,
		"app_id":     k.appID,
		"tenant_id":  s.tenantID,
		"kid":        k.kid,
		"name":       k.name,
		"status":     k.status,
		"source":     k.source,
		"created_at": s.formatTime(k.created),
		"updated_at": s.formatTime(k.updated),
		"deleted_at": nil, // required by the schema; a live key has no deletion time
	}
}

func (s *server) listKeys(rq *request) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var ks []*signingKey
	for _, k := range s.keys {
		if k.appID == rq.appID || rq.appID == "" { // "" only under the admin-lists-signing-keys fault
			ks = append(ks, k)
		}
	}
	sort.Slice(ks, func(i, j int) bool {
		if !ks[i].created.Equal(ks[j].created) {
			return ks[i].created.Before(ks[j].created)
		}
		return ks[i].id < ks[j].id
	})
	out := make([]any, 0, len(ks))
	for _, k := range ks {
		out = append(out, s.renderKey(k))
	}
	s.writeJSON(rq.w, http.StatusOK, out)
	return nil
}

// createKey generates a key: POST /v1/applications/signing-keys.
func (s *server) createKey(rq *request) error { return s.addKey(rq, "mosaic") }

// uploadKey registers a caller's JWK: POST /v1/applications/signing-keys/upload.
func (s *server) uploadKey(rq *request) error { return s.addKey(rq, "uploaded") }

func (s *server) addKey(rq *request, source string) error {
	body, err := s.parseObject(rq.body)
	if err != nil {
		return err
	}
	in, err := s.checkBody(rq, "", body)
	if err != nil {
		return err
	}
	name, _ := in["name"].(string)
	jwk, _ := in["jwk"].(map[string]any)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keyNameTaken(rq.appID, name, "") && !s.faults.On(fAppsDuplicateKeyNameAllowed) {
		return conflict("SIGNING_KEY_NAME_ALREADY_EXISTS", "a signing key named %q already exists in this application", name)
	}
	kid, _ := jwk["kid"].(string)
	if kid == "" {
		kid = randomID("", 32)
	}
	id := randomID("", 22)
	for s.keys[id] != nil {
		id = randomID("", 22)
	}
	now := s.stamp(time.Time{})
	k := &signingKey{
		id: id, appID: rq.appID, kid: kid, name: name, status: "validating", source: source,
		created: now, updated: now, jwk: jwk,
	}
	s.keys[id] = k
	status := http.StatusCreated
	if s.faults.On(fAppsKeyCreated200) {
		status = http.StatusOK
	}
	s.writeJSON(rq.w, status, s.renderKey(k))
	return nil
}

// keyIn finds a key of the app; an unknown id, or another app's key, is 404.
func (s *server) keyIn(appID, id string) (*signingKey, error) {
	k := s.keys[id]
	if k == nil || k.appID != appID {
		if s.faults.On(fAppsUnknownKey400) {
			return nil, badRequest("invalid signing key id") // the vendor documents only 400 here
		}
		return nil, notFound("signing key")
	}
	return k, nil
}

// updateKey changes name and/or status: PUT /v1/applications/signing-keys/{id}.
func (s *server) updateKey(rq *request) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, err := s.keyIn(rq.appID, rq.r.PathValue("id"))
	if err != nil {
		return err
	}
	body, err := s.parseObject(rq.body)
	if err != nil {
		return err
	}
	in, err := s.checkBody(rq, "", body)
	if err != nil {
		return err
	}
	next := *k
	if name, ok := in["name"].(string); ok {
		if s.keyNameTaken(k.appID, name, k.id) && !s.faults.On(fAppsDuplicateKeyNameAllowed) {
			return conflict("SIGNING_KEY_NAME_ALREADY_EXISTS", "a signing key named %q already exists in this application", name)
		}
		next.name = name
	}
	if status, ok := in["status"].(string); ok {
		next.status = status
	}
	next.updated = s.stamp(k.updated)
	s.keys[k.id] = &next
	s.writeJSON(rq.w, http.StatusOK, s.renderKey(&next))
	return nil
}

// deleteKey is DELETE /v1/applications/signing-keys/{id}.
func (s *server) deleteKey(rq *request) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, err := s.keyIn(rq.appID, rq.r.PathValue("id"))
	if err != nil {
		return err
	}
	if !s.faults.On(fAppsKeyDeleteKeepsKey) {
		delete(s.keys, k.id)
	}
	writeNoContent(rq.w)
	return nil
}
