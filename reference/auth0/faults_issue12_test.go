package auth0

import (
	"net/http"
	"testing"
)

// issue12Probes are the probes of the issue-12 fault switches (see faultProbes).
func issue12Probes() map[string]func(t *testing.T, h http.Handler) bool {
	return map[string]func(t *testing.T, h http.Handler) bool{
		faultDefaultPerPage20: func(t *testing.T, h http.Handler) bool {
			return do(t, h, "GET", "/clients?include_totals=true", tokMain, nil).obj(t)["limit"] != 50.0
		},
		faultBarePagesSkipOne: func(t *testing.T, h http.Handler) bool {
			createClient(t, h, map[string]any{})
			createClient(t, h, map[string]any{})
			p1 := do(t, h, "GET", "/clients?page=1&per_page=1", tokMain, nil).arr(t)
			p2 := do(t, h, "GET", "/clients?page=1&per_page=1&include_totals=true", tokMain, nil).obj(t)["clients"]
			return len(p1) != 1 || p1[0].(map[string]any)["client_id"] != p2.([]any)[0].(map[string]any)["client_id"]
		},
		faultTotalOneMore: func(t *testing.T, h http.Handler) bool {
			createClient(t, h, map[string]any{})
			return do(t, h, "GET", "/clients?include_totals=true", tokMain, nil).obj(t)["total"] != 2.0
		},
		faultTenantFromInput: createAccepted(map[string]any{"tenant": "another-tenant"}),
		faultNullStoredAsString: func(t *testing.T, h http.Handler) bool {
			c := createClient(t, h, map[string]any{"cross_origin_loc": "https://example.com/loc"})
			path := "/clients/" + c["client_id"].(string)
			do(t, h, "PATCH", path, tokMain, map[string]any{"cross_origin_loc": nil})
			return do(t, h, "GET", path, tokMain, nil).obj(t)["cross_origin_loc"] != nil
		},
		faultCredentialsScopeNoKeys: func(t *testing.T, h http.Handler) bool {
			path := "/clients/" + createClient(t, h, map[string]any{})["client_id"].(string)
			return do(t, h, "GET", path, tokCredRead, nil).obj(t)["client_secret"] == nil
		},
	}
}
