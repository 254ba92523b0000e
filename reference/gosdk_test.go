package reference_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference"
)

// TestGoAuth0SDK drives the reference server with the official Auth0 Go SDK, the way a user's
// own code would: every clients operation, with a static token and with client credentials
// fetched from the reference's /oauth/token. Besides the SDK's own (lenient) decoding, every
// answer is decoded again into the SDK's type with unknown keys disallowed, so the reference
// sends nothing the SDK does not model.
func TestGoAuth0SDK(t *testing.T) {
	tenant, err := fixtures.ReferenceTenant()
	require.NoError(t, err)
	main, ok := tenant.TokenFor("main")
	require.True(t, ok)
	pem, err := fixtures.PEM("test-key-1.pub.pem")
	require.NoError(t, err)

	for _, tc := range []struct {
		name string
		auth management.Option
	}{
		{"static-token", management.WithStaticToken(main.Token)},
		{"client-credentials", management.WithClientCredentials(context.Background(), main.ClientID, main.ClientSecret)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, err := reference.New(reference.Options{})
			require.NoError(t, err)
			srv := httptest.NewServer(h)
			t.Cleanup(srv.Close)
			rec := &recorder{next: http.DefaultTransport}
			// WithInsecure first: it switches the URL to http and sets a placeholder token,
			// which the auth option after it replaces.
			api, err := management.New(srv.URL, management.WithInsecure(), tc.auth,
				management.WithClient(&http.Client{Transport: rec}), management.WithNoRetries())
			require.NoError(t, err)
			exerciseClients(t, api, pem)
			rec.checkStrict(t)
		})
	}
}

func exerciseClients(t *testing.T, api *management.Management, pem string) {
	ctx := context.Background()
	c := api.Client

	// Create three clients.
	var ids []string
	for _, name := range []string{"sdk-one", "sdk-two", "sdk-three"} {
		cl := &management.Client{
			Name:        auth0.String(name),
			Description: auth0.String("made by go-auth0"),
			AppType:     auth0.String("non_interactive"),
			GrantTypes:  &[]string{"client_credentials"},
		}
		require.NoError(t, c.Create(ctx, cl), "create %s", name)
		require.NotEmpty(t, cl.GetClientID())
		assert.NotEmpty(t, cl.GetClientSecret())
		assert.True(t, cl.GetIsFirstParty(), "create default is_first_party")
		ids = append(ids, cl.GetClientID())
	}

	// Read.
	got, err := c.Read(ctx, ids[0])
	require.NoError(t, err)
	assert.Equal(t, "sdk-one", got.GetName())
	assert.Equal(t, "non_interactive", got.GetAppType())
	assert.Equal(t, []string{"client_credentials"}, got.GetGrantTypes())

	// List with paging and totals: the three clients and the global one, two per page.
	var listed []string
	for page := 0; ; page++ {
		l, err := c.List(ctx, management.Page(page), management.PerPage(2), management.IncludeTotals(true))
		require.NoError(t, err)
		assert.Equal(t, 4, l.Total)
		assert.LessOrEqual(t, len(l.Clients), 2)
		for _, cl := range l.Clients {
			listed = append(listed, cl.GetClientID())
		}
		if !l.HasNext() {
			break
		}
		require.Less(t, page, 5, "paging does not end")
	}
	assert.Len(t, listed, 4)
	assert.Subset(t, listed, ids)
	firstParty, err := c.List(ctx, management.Parameter("is_global", "false"), management.IncludeFields("client_id", "name"))
	require.NoError(t, err)
	assert.Len(t, firstParty.Clients, 3)

	// Update: a partial change keeps the rest.
	upd := &management.Client{Description: auth0.String("changed")}
	require.NoError(t, c.Update(ctx, ids[0], upd))
	assert.Equal(t, "changed", upd.GetDescription())
	assert.Equal(t, "sdk-one", upd.GetName())

	// Rotate the secret.
	rotated, err := c.RotateSecret(ctx, ids[0])
	require.NoError(t, err)
	assert.NotEmpty(t, rotated.GetClientSecret())
	assert.NotEqual(t, got.GetClientSecret(), rotated.GetClientSecret())

	// Credentials: create, list, get, delete.
	cred := &management.Credential{
		Name:           auth0.String("sdk key"),
		CredentialType: auth0.String("public_key"),
		PEM:            auth0.String(pem),
		Algorithm:      auth0.String("RS256"),
	}
	require.NoError(t, c.CreateCredential(ctx, ids[1], cred))
	require.NotEmpty(t, cred.GetID())
	assert.NotEmpty(t, cred.GetKeyID())
	assert.False(t, cred.GetCreatedAt().IsZero())
	creds, err := c.ListCredentials(ctx, ids[1])
	require.NoError(t, err)
	require.Len(t, creds, 1)
	assert.Equal(t, cred.GetID(), creds[0].GetID())
	one, err := c.GetCredential(ctx, ids[1], cred.GetID())
	require.NoError(t, err)
	assert.Equal(t, cred.GetKeyID(), one.GetKeyID())
	require.NoError(t, c.DeleteCredential(ctx, ids[1], cred.GetID()))
	creds, err = c.ListCredentials(ctx, ids[1])
	require.NoError(t, err)
	assert.Empty(t, creds)

	// Delete: gone afterwards, and the SDK sees the 404 as its own error type.
	require.NoError(t, c.Delete(ctx, ids[2]))
	_, err = c.Read(ctx, ids[2])
	var apiErr management.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.Status())
}

// unmodelled are keys real Auth0 sends on clients (recorded traffic: list pages are Auth0's own
// bytes) that go-auth0's Client type has no field for.
var unmodelled = []string{"global", "tenant"}

// withoutUnmodelled drops the unmodelled keys from a client, or from each client of a list.
func withoutUnmodelled(body []byte) []byte {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return body
	}
	strip := func(x any) {
		if m, ok := x.(map[string]any); ok {
			for _, k := range unmodelled {
				delete(m, k)
			}
		}
	}
	strip(v)
	if m, ok := v.(map[string]any); ok {
		if list, ok := m["clients"].([]any); ok {
			for _, c := range list {
				strip(c)
			}
		}
	}
	out, err := json.Marshal(v)
	if err != nil {
		return body
	}
	return out
}

// exchange is one recorded answer of the Management API.
type exchange struct {
	method, path string
	status       int
	body         []byte
}

// recorder keeps every /api/v2 answer so the test can decode it strictly afterwards.
type recorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	log  []exchange
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.next.RoundTrip(req)
	if err != nil || !strings.HasPrefix(req.URL.Path, "/api/v2/") {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	r.mu.Lock()
	defer r.mu.Unlock()
	r.log = append(r.log, exchange{req.Method, req.URL.Path, resp.StatusCode, body})
	return resp, nil
}

// checkStrict decodes every successful answer into the SDK type of its operation, rejecting
// keys the type lacks; 204s must be empty.
func (r *recorder) checkStrict(t *testing.T) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	require.NotEmpty(t, r.log)
	for _, ex := range r.log {
		if ex.status >= 300 {
			continue
		}
		if ex.status == http.StatusNoContent {
			assert.Empty(t, ex.body, "%s %s", ex.method, ex.path)
			continue
		}
		var target any
		parts := strings.Split(strings.TrimPrefix(ex.path, "/api/v2/"), "/")
		switch {
		case len(parts) == 1 && ex.method == http.MethodGet:
			target = &management.ClientList{}
		case len(parts) == 3 && parts[2] == "credentials" && ex.method == http.MethodGet:
			target = &[]*management.Credential{}
		case len(parts) >= 3 && parts[2] == "credentials":
			target = &management.Credential{}
		default:
			target = &management.Client{}
		}
		dec := json.NewDecoder(bytes.NewReader(withoutUnmodelled(ex.body)))
		dec.DisallowUnknownFields()
		err := dec.Decode(target)
		var syntax *json.SyntaxError
		assert.False(t, errors.As(err, &syntax), "%s %s: not JSON", ex.method, ex.path)
		assert.NoError(t, err, "%s %s → %d: the SDK's type does not model the answer", ex.method, ex.path, ex.status)
	}
}
