package transmit

import (
	"errors"
	"net/http"
	"strings"
)

// The client handlers serve both /v1/clients… (rq.appID is the token's app) and
// /v1/applications/{appId}/clients… (rq.appID is the path's app): the same clients, two views.

// requireApp answers 404 for an app that does not exist (or no longer does).
func (s *server) requireApp(appID string) error {
	if s.apps[appID] == nil {
		return notFound("application")
	}
	return nil
}

func (s *server) createClient(rq *request) error {
	body, err := s.parseObject(rq.body)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.requireApp(rq.appID); err != nil {
		return err
	}
	c, err := s.newClient(rq, body)
	if err != nil {
		return err
	}
	s.replyClient(rq, http.StatusCreated, s.renderClient(c))
	return nil
}

func (s *server) listClients(rq *request) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.requireApp(rq.appID); err != nil {
		if !s.faults.On(fAppsUnknownAppClientsEmpty) {
			return err
		}
		// the bug: a filter on app_id that matches nothing is not an unknown app
	}
	cs := s.clientsOf(rq.appID)
	if n := len(cs); n > 0 && s.faults.On(fClientsListOmitsNewest) {
		cs = cs[:n-1] // the bug: a lagging read replica misses the newest write (cs is oldest first)
	}
	out := make([]any, 0, len(cs))
	for _, c := range cs {
		out = append(out, s.renderClient(c))
	}
	s.replyClient(rq, http.StatusOK, out)
	return nil
}

// deleteClients removes every client of the one app, and never another app's.
func (s *server) deleteClients(rq *request) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.requireApp(rq.appID); err != nil {
		return err
	}
	// An app without clients answers 204 too (the contract allows 204 or 404).
	for _, c := range s.clients {
		if c.appID == rq.appID || s.faults.On(fClientsCollectionDeleteAllApps) {
			s.removeClient(c)
		}
	}
	writeNoContent(rq.w)
	return nil
}

// lookupClient finds the client of the path in the app acted on; the caller holds the lock. An
// unknown app needs no check of its own: deleting an app deletes its clients, so no client
// names a missing app and the answer is 404 either way.
func (s *server) lookupClient(rq *request) (*client, error) {
	return s.clientIn(rq.appID, rq.r.PathValue("clientId"))
}

func (s *server) getClient(rq *request) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, err := s.lookupClient(rq)
	if err != nil {
		if isStatus(err, http.StatusNotFound) && s.faults.On(fClientsGetUnknown400) {
			return badRequest("invalid client id") // the bug: a failed lookup reported as bad input
		}
		return err
	}
	s.replyClient(rq, http.StatusOK, s.renderClient(c))
	return nil
}

func (s *server) putClient(rq *request) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.lookupClient(rq)
	if err != nil {
		tomb := s.deleted[rq.r.PathValue("clientId")]
		if tomb == nil || tomb.appID != rq.appID || !s.faults.On(fClientsPutRevivesDeleted) {
			return err
		}
		c = tomb // the bug: the update query does not filter out soft-deleted rows
	}
	body, err := s.parseObject(rq.body)
	if err != nil {
		return err
	}
	c, err = s.updateClient(rq, c, body)
	if err != nil {
		return err
	}
	s.replyClient(rq, http.StatusOK, s.renderClient(c))
	return nil
}

func (s *server) putClientResources(rq *request) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.lookupClient(rq)
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
	ids, _ := in["resource_ids"].([]any)
	if ids == nil {
		ids = []any{}
	}
	s.replyClient(rq, http.StatusOK, s.renderClient(s.setResources(c, ids)))
	return nil
}

func (s *server) deleteClient(rq *request) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.lookupClient(rq)
	if err != nil {
		if isStatus(err, http.StatusNotFound) && s.faults.On(fClientsDeleteUnknown204) {
			writeNoContent(rq.w) // the bug: "delete where id = ?" affecting no row is success
			return nil
		}
		return err
	}
	s.removeClient(c)
	writeNoContent(rq.w)
	return nil
}

// replyClient writes a client body: bare on both surfaces.
func (s *server) replyClient(rq *request, status int, v any) {
	if s.faults.On(fAppsClientsWrapped) && strings.HasPrefix(rq.r.URL.Path, "/v1/applications/") {
		v = map[string]any{"result": v} // the bug: the app operations' envelope reused
	}
	s.writeJSON(rq.w, status, v)
}

func isStatus(err error, status int) bool {
	var ae *apiError
	return errors.As(err, &ae) && ae.status == status
}
