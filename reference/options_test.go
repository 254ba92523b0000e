package reference_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

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
