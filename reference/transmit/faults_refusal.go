package transmit

import (
	"bytes"
	"io"
	"net/http"

	"github.com/clientconf/clientconf/reference/faults"
)

// Fault switches of issue 12: writes performed although the answer refuses them, and the order
// of 401, 403 and 400/404 broken. Rules shared by both Transmit surfaces break on both.
const (
	fClientsCreatedDespite409  = "clients/conflict/created-despite-409"
	fClientsUpdateDespite403   = "clients/permissions/update-despite-403"
	fClientsDeleteDespite403   = "clients/permissions/delete-despite-403"
	fClientsLookupBefore401    = "clients/permissions/404-before-401"
	fClientsMalformedBefore401 = "clients/permissions/400-before-401"
	fAppsCreatedDespite409     = "applications/conflict/app-created-despite-409"
	fAppsLookupBefore403       = "applications/permissions/404-before-403"
)

var refusalFaults = []faults.Info{
	info(fClientsCreatedDespite409, "A create of a duplicate client name answers 409 but stores the client anyway."),
	info(fClientsUpdateDespite403, "A PUT refused for missing permissions answers 403 but applies the update."),
	info(fClientsDeleteDespite403, "A DELETE refused for missing permissions answers 403 but deletes."),
	info(fClientsLookupBefore401, "Ids in the path are looked up before authentication: an unknown id gives 404 even without a valid token."),
	info(fClientsMalformedBefore401, "A malformed JSON body gives 400 before authentication, even without a valid token."),
	info(fAppsCreatedDespite409, "A create of a duplicate app_name answers 409 but stores the app anyway."),
	info(fAppsLookupBefore403, "Application and signing key ids are looked up before permissions: an unknown id gives 404 instead of 403."),
}

// discard is a ResponseWriter that drops what a handler writes: a refused write performed anyway.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header {
	if d.h == nil {
		d.h = http.Header{}
	}
	return d.h
}
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

// writeDespite403 is the update/delete-despite-403 faults: the refused operation runs anyway.
func (rt *router) writeDespite403(o *op, rq *request) {
	m := rq.r.Method
	if (m == http.MethodPut && rt.s.faults.On(fClientsUpdateDespite403)) ||
		(m == http.MethodDelete && rt.s.faults.On(fClientsDeleteDespite403)) {
		shadow := *rq
		shadow.w = &discard{}
		if shadow.appID == "" {
			shadow.appID = rq.tok.AppID
		}
		_ = o.handle(&shadow)
	}
}

// checkBeforeAuth is the 404-before-401 and 400-before-401 faults: the request is checked for
// unknown ids and malformed JSON before its token is looked at. It restores the body it reads.
func (s *server) checkBeforeAuth(r *http.Request) error {
	if s.faults.On(fClientsLookupBefore401) {
		s.mu.RLock()
		missing := s.unknownPathID(r)
		s.mu.RUnlock()
		if missing != "" {
			return notFound(missing)
		}
	}
	if s.faults.On(fClientsMalformedBefore401) && r.Body != nil && (r.Method == http.MethodPost || r.Method == http.MethodPut) {
		data, _ := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		r.Body = io.NopCloser(bytes.NewReader(data))
		if len(data) > 0 {
			if _, err := s.parseObject(data); err != nil {
				return err
			}
		}
	}
	return nil
}

// unknownPathID names the kind of the first path id the tenant does not have ("" when all
// exist). The caller holds the lock.
func (s *server) unknownPathID(r *http.Request) string {
	if id := r.PathValue("appId"); id != "" && s.apps[id] == nil {
		return "application"
	}
	if id := r.PathValue("clientId"); id != "" && s.clients[id] == nil {
		return "client"
	}
	if id := r.PathValue("id"); id != "" && s.keys[id] == nil {
		return "signing key"
	}
	return ""
}

// lookupBefore403 is the applications 404-before-403 fault: app and key ids first.
func (s *server) lookupBefore403(r *http.Request) error {
	if !s.faults.On(fAppsLookupBefore403) {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if id := r.PathValue("appId"); id != "" && s.apps[id] == nil {
		return notFound("application")
	}
	if id := r.PathValue("id"); id != "" && s.keys[id] == nil {
		return notFound("signing key")
	}
	return nil
}
