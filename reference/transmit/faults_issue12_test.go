package transmit

import "maps"

// issue12Probes are the probes of the issue-12 fault switches (see probes): true on a
// conforming server.
func issue12Probes() map[string]func(s *ts) bool {
	return map[string]func(s *ts) bool{
		fClientsCreatedAtFromInput: func(s *ts) bool {
			body := maps.Clone(oidcBody("created-at probe"))
			body["created_at"] = "2001-02-03T04:05:06Z"
			got, _ := s.createdField(body, "created_at").(string)
			return got != "" && got[:4] != "2001"
		},
		fClientsAppScopedAnyApp: func(s *ts) bool {
			id := s.newClientID("main", oidcBody("app-scoped probe"))
			return s.status("appscoped", "PUT", "/v1/clients/"+id, map[string]any{"description": "x"}) == 403
		},
		fAppsExternalCommunicationFromBody: func(s *ts) bool {
			body := appBody("external communication probe")
			body["external_communication"] = map[string]any{"language": "es"}
			ext, _ := s.appField(body, "external_communication").(map[string]any)
			return ext == nil || ext["language"] != "es"
		},
	}
}
