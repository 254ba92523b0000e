package auth0

import (
	"net/http"
	"testing"
)

// Probes of the issue 12 fault switches (faults_refusal.go): each returns true when the rule
// is broken.
func init() {
	for name, probe := range map[string]func(t *testing.T, h http.Handler) bool{
		faultCreatedDespite409: func(t *testing.T, h http.Handler) bool {
			createClient(t, h, map[string]any{"client_aliases": []any{"urn:dup"}})
			before := len(do(t, h, "GET", "/clients", tokMain, nil).arr(t))
			do(t, h, "POST", "/clients", tokMain, map[string]any{"name": "b", "client_aliases": []any{"urn:dup"}})
			return len(do(t, h, "GET", "/clients", tokMain, nil).arr(t)) != before
		},
		faultUpdateDespite403: func(t *testing.T, h http.Handler) bool {
			path := "/clients/" + createClient(t, h, map[string]any{})["client_id"].(string)
			do(t, h, "PATCH", path, tokReadonly, map[string]any{"description": "changed"})
			return do(t, h, "GET", path, tokMain, nil).obj(t)["description"] == "changed"
		},
		faultDeleteDespite403: func(t *testing.T, h http.Handler) bool {
			path := "/clients/" + createClient(t, h, map[string]any{})["client_id"].(string)
			do(t, h, "DELETE", path, tokReadonly, nil)
			return do(t, h, "GET", path, tokMain, nil).status == http.StatusNotFound
		},
		faultLookupBefore401: func(t *testing.T, h http.Handler) bool {
			return do(t, h, "PATCH", "/clients/nope", "", map[string]any{"description": "x"}).status == http.StatusNotFound
		},
		faultMalformedBefore401: func(t *testing.T, h http.Handler) bool {
			return do(t, h, "POST", "/clients", "", `{"name":`).status == http.StatusBadRequest
		},
	} {
		faultProbes[name] = probe
	}
}
