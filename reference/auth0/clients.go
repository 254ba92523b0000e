package auth0

import (
	"net/http"
)

// createClient is POST /clients. Order: 401, 403 (operation scope, then field scopes), 400, 403
// (third-party organizations), 409.
func (s *server) createClient(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authenticate(w, r)
	if !ok {
		return
	}
	scopes := []string{scopeCreateClients}
	if s.faults.On(faultReadScopeCanCreate) {
		scopes = append(scopes, scopeReadClients)
	}
	early := s.faults.On(faultValidationBeforeScope)
	if !early && !s.authorize(w, p, scopes...) {
		return
	}
	body, err := decodeObject(r, false)
	if err != nil {
		s.writeError(w, err)
		return
	}
	secret, keepSecret := s.takeCreateSecret(body)
	if early {
		if err := s.validateCreate(body); err != nil {
			s.writeError(w, err)
			return
		}
		if !s.authorize(w, p, scopes...) {
			return
		}
	}
	if !s.authorizeFields(w, p, body, true) {
		return
	}
	if !early {
		if err := s.validateCreate(body); err != nil {
			s.writeError(w, err)
			return
		}
	}
	doc := s.newClientDoc(body)
	if keepSecret {
		doc["client_secret"] = secret
	}
	if err := s.checkClientRules(body, doc); err != nil {
		s.writeError(w, err)
		return
	}
	creds, echoed, echoedJAR := s.credentialsOfCreate(doc)
	created, err := s.store.insert(doc, creds)
	if err != nil {
		s.writeError(w, err)
		return
	}
	if echoed != nil {
		// The create response echoes the new credentials in full once; reads show {id} refs.
		created["client_authentication_methods"] = echoed
	}
	if echoedJAR != nil {
		created["signed_request_object"] = echoedJAR
	}
	status := http.StatusCreated
	if s.faults.On(faultCreateReturns200) {
		status = http.StatusOK
	}
	writeJSON(w, status, s.writeResponse(created))
}

func (s *server) validateCreate(body map[string]any) *apiError {
	if err := s.checkBody("createClient", body); err != nil {
		return err
	}
	return s.checkInlineCredentials(body)
}

// credentialsOfCreate turns the credential definitions of a create body (inside
// client_authentication_methods and signed_request_object) into credentials of the new client.
// doc keeps {id} references, as reads show them; the returned client_authentication_methods
// echoes the full credentials for the create response, as live Auth0 does once; echoedJAR is
// the same for signed_request_object.
func (s *server) credentialsOfCreate(doc map[string]any) (creds []*credential, echoed, echoedJAR map[string]any) {
	define := func(defs []any) (refs, full []any) {
		refs, full = []any{}, []any{}
		for _, d := range defs {
			c := s.newCredential(d.(map[string]any))
			creds = append(creds, c)
			refs = append(refs, map[string]any{"id": c.ID})
			full = append(full, s.credentialView(*c, false))
		}
		return refs, full
	}
	if methods, ok := doc["client_authentication_methods"].(map[string]any); ok {
		echoed = map[string]any{}
		for key, val := range methods {
			defs, _ := val.(map[string]any)["credentials"].([]any)
			refs, full := define(defs)
			methods[key] = map[string]any{"credentials": refs}
			echoed[key] = map[string]any{"credentials": full}
		}
	}
	if jar, ok := doc["signed_request_object"].(map[string]any); ok {
		if defs, ok := jar["credentials"].([]any); ok {
			var full []any
			jar["credentials"], full = define(defs)
			echoedJAR = cloneMap(jar)
			echoedJAR["credentials"] = full
		}
	}
	return creds, echoed, echoedJAR
}

// getClient is GET /clients/{id}.
func (s *server) getClient(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authenticate(w, r)
	if !ok || !s.authorize(w, p, s.readScopes()...) {
		return
	}
	if err := s.checkQuery("getClient", r); err != nil {
		s.writeError(w, err)
		return
	}
	sel, err := parseFields(r.URL.Query())
	if err != nil {
		s.writeError(w, err)
		return
	}
	id := r.PathValue("id")
	doc, found := s.store.get(id)
	if !found && s.faults.On(faultDeletedStillReadable) {
		doc, found = s.store.getDeleted(id)
	}
	if !found {
		s.writeError(w, s.clientNotFound())
		return
	}
	if err := s.secretFieldRefused(sel, p); err != nil {
		s.writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, s.apply(sel, s.visible(doc, p)))
}

// updateClient is PATCH /clients/{id}: a partial update answering with the full client.
func (s *server) updateClient(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authenticate(w, r)
	if !ok || !s.authorize(w, p, scopesUpdate...) {
		return
	}
	body, err := decodeObject(r, true)
	if err != nil {
		s.writeError(w, err)
		return
	}
	if !s.authorizeFields(w, p, body, false) {
		return
	}
	if err := s.checkBody("updateClient", body); err != nil {
		s.writeError(w, err)
		return
	}
	for k, v := range body {
		if v == nil {
			body[k] = s.nullPatched()
		}
	}
	doc, found, err := s.store.update(r.PathValue("id"), func(doc map[string]any) *apiError {
		applyPatch(doc, body, !s.variants.On(variantNestedPatchReplaces))
		if _, sent := body["client_aliases"]; sent && s.variants.On(variantAliasesPatchConflict) {
			if err := s.store.checkAliases(doc); err != nil {
				return err
			}
		}
		return s.checkClientRules(body, doc)
	})
	switch {
	case !found:
		s.writeError(w, s.clientNotFound())
	case err != nil:
		s.writeError(w, err)
	case s.faults.On(faultPatchPartialBody):
		partial := map[string]any{"client_id": doc["client_id"]}
		for k := range body {
			partial[k] = doc[k]
		}
		writeJSON(w, http.StatusOK, partial)
	default:
		writeJSON(w, http.StatusOK, s.writeResponse(doc))
	}
}

// applyPatch writes body into doc: null clears a field, objects are merged key by key at every
// depth (recorded PATCHes kept the unsent keys of jwt_configuration, refresh_token, mobile,
// native_social_login, session_transfer and signed_request_object; the contract leaves
// merge-or-replace open, and merge false, the variant nested-patch-replaces, replaces them),
// everything else is replaced whole. client_authentication_methods is replaced: it holds one
// method, and switching methods must not keep the old one.
func applyPatch(doc, body map[string]any, merge bool) {
	for k, v := range body {
		old, isObj := doc[k].(map[string]any)
		patch, patchObj := v.(map[string]any)
		switch {
		case v == nil:
			delete(doc, k)
		case merge && isObj && patchObj && k != "client_authentication_methods":
			mergeObject(old, patch)
		default:
			doc[k] = cloneValue(v)
		}
	}
	if _, ok := body["oidc_logout"]; ok {
		mirrorBackchannelLogout(doc)
	}
	if _, ok := body["session_transfer"]; ok {
		sessionTransferDefaults(doc)
	}
}

// mergeObject merges patch into dst (RFC 7396 style: null removes a key).
func mergeObject(dst, patch map[string]any) {
	for k, v := range patch {
		old, isObj := dst[k].(map[string]any)
		sub, subObj := v.(map[string]any)
		switch {
		case v == nil:
			delete(dst, k)
		case isObj && subObj:
			mergeObject(old, sub)
		default:
			dst[k] = cloneValue(v)
		}
	}
}

// deleteClient is DELETE /clients/{id}: 204, also for an id that is already gone (live traffic).
func (s *server) deleteClient(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authenticate(w, r)
	if !ok || !s.authorize(w, p, scopeDeleteClients) {
		return
	}
	id := r.PathValue("id")
	if doc, found := s.store.get(id); found && doc["global"] == true {
		if s.faults.On(faultGlobalDeletable) {
			writeNoContent(w) // claims success, keeps the client
			return
		}
		s.writeError(w, &apiError{Status: http.StatusBadRequest, Message: "Global client cannot be deleted."})
		return
	}
	if existed := s.store.remove(id); !existed && s.faults.On(faultDeleteNotIdempotent) {
		s.writeError(w, s.clientNotFound())
		return
	}
	writeNoContent(w)
}

// rotateSecret is POST /clients/{id}/rotate-secret. The body, if any, is ignored: the node SDK
// sends none, auth0-python sends {"id": …}.
func (s *server) rotateSecret(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authenticate(w, r)
	scopes := []string{scopeUpdateClientKeys}
	if s.faults.On(faultRotateWithUpdateClients) {
		scopes = append(scopes, scopeUpdateClients)
	}
	if !ok || !s.authorize(w, p, scopes...) {
		return
	}
	doc, found, _ := s.store.update(r.PathValue("id"), func(doc map[string]any) *apiError {
		if !s.faults.On(faultRotateSameSecret) {
			doc["client_secret"] = randomString(clientSecretLength)
		}
		return nil
	})
	if !found {
		s.writeError(w, s.clientNotFound())
		return
	}
	writeJSON(w, http.StatusOK, s.writeResponse(doc))
}
