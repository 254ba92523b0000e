package reference_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference"
)

func TestOptionsRejected(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		opts reference.Options
		want string
	}{
		{"unknown fault", reference.Options{Faults: []string{"no-such-fault"}}, "no-such-fault"},
		{"unknown variant", reference.Options{Variants: []string{"no-such-variant"}}, `unknown variant "no-such-variant"`},
		{"seed without name", reference.Options{Auth0Clients: []map[string]any{{"app_type": "spa"}}}, "seed client 0"},
		{"seed with unknown key", reference.Options{Auth0Clients: []map[string]any{{"name": "a", "colour": "red"}}}, "colour"},
		{"seed ids clash", reference.Options{Auth0Clients: []map[string]any{{"name": "a", "client_id": "x"}, {"name": "b", "client_id": "x"}}}, "seed client 1"},
		{"empty tenant", reference.Options{Tenant: &fixtures.Tenant{}}, "tenant"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := reference.New(tc.opts)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestOptionsTenant: a tenant of the caller's own replaces the reference tenant's tokens.
func TestOptionsTenant(t *testing.T) {
	t.Parallel()
	tenant := fixtures.Tenant{TenantID: "tnt-mine", Tokens: []fixtures.Token{
		{Role: "main", Token: "my-own-token", Kind: "client", AppID: "app-mine", Permissions: []string{"apps:read"}},
	}, Apps: []fixtures.App{{AppID: "app-mine", AppName: "Mine", ClientDisplayName: "Mine default"}}}
	h, err := reference.New(reference.Options{Tenant: &tenant})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	status := func(token string) int {
		req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/v2/clients", nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		return resp.StatusCode
	}
	assert.Equal(t, http.StatusOK, status("my-own-token"))
	ref, err := fixtures.ReferenceTenant()
	require.NoError(t, err)
	main, _ := ref.TokenFor("main")
	assert.Equal(t, http.StatusUnauthorized, status(main.Token))
}

// TestOptionsClock: Now stamps the Transmit timestamps too.
func TestOptionsClock(t *testing.T) {
	t.Parallel()
	at := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	h, err := reference.New(reference.Options{Now: func() time.Time { return at }})
	require.NoError(t, err)
	tenant, err := fixtures.ReferenceTenant()
	require.NoError(t, err)
	main, _ := tenant.TokenFor("main")
	body := strings.NewReader(`{"name":"clocked","redirect_uris":["https://a.example/cb"]}`)
	req := httptest.NewRequest(http.MethodPost, "/cis/v1/clients", body)
	req.Header.Set("Authorization", "Bearer "+main.Token)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var created map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &created))
	if inner, ok := created["result"].(map[string]any); ok { // the body may be wrapped
		created = inner
	}
	assert.Equal(t, "2030-05-06T07:08:09.000Z", created["created_at"])
}
