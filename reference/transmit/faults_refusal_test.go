package transmit

// Probes of the issue 12 fault switches (faults_refusal.go): each returns what a conforming
// server does.
func init() {
	for name, probe := range map[string]func(s *ts) bool{
		fClientsCreatedDespite409: func(s *ts) bool {
			before := len(s.do("main", "GET", "/v1/clients", nil).list())
			s.do("main", "POST", "/v1/clients", oidcBody("dup"))
			s.do("main", "POST", "/v1/clients", oidcBody("dup"))
			return len(s.do("main", "GET", "/v1/clients", nil).list()) == before+1
		},
		fClientsUpdateDespite403: func(s *ts) bool {
			id := s.newClientID("main", base)
			s.do("readonly", "PUT", "/v1/clients/"+id, map[string]any{"description": "changed"})
			return s.do("main", "GET", "/v1/clients/"+id, nil).obj()["description"] != "changed"
		},
		fClientsDeleteDespite403: func(s *ts) bool {
			id := s.newClientID("main", base)
			s.do("readonly", "DELETE", "/v1/clients/"+id, nil)
			return s.status("main", "GET", "/v1/clients/"+id, nil) == 200
		},
		fClientsLookupBefore401:    func(s *ts) bool { return s.status("", "DELETE", "/v1/clients/nope", nil) == 401 },
		fClientsMalformedBefore401: func(s *ts) bool { return s.status("", "POST", "/v1/clients", `{"name":`) == 401 },
		fAppsCreatedDespite409: func(s *ts) bool {
			before := len(s.do("admin", "GET", "/v1/applications", nil).result().([]any))
			s.do("admin", "POST", "/v1/applications", appBody("dup app"))
			s.do("admin", "POST", "/v1/applications", appBody("dup app"))
			return len(s.do("admin", "GET", "/v1/applications", nil).result().([]any)) == before+1
		},
		fAppsLookupBefore403: func(s *ts) bool {
			return s.status("noperm", "DELETE", "/v1/applications/signing-keys/nope", nil) == 403
		},
	} {
		probes[name] = probe
	}
}
