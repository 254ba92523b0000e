package sweep_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/pipeline"
	"github.com/clientconf/clientconf/conformance/sweep"
	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference"
)

func TestSweepDeletesOnlyPrefixed(t *testing.T) {
	t.Parallel()
	h, err := reference.New(reference.Options{})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	tenant, err := fixtures.ReferenceTenant()
	require.NoError(t, err)
	mainTok, _ := tenant.TokenFor("main")
	adminTok, _ := tenant.TokenFor("admin")

	post := func(path, tok string, body any) {
		data, _ := json.Marshal(body)
		req, _ := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewReader(data))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusCreated, resp.StatusCode, path)
	}
	cb := []string{"https://x.example.com/cb"}
	post("/cis/v1/clients", mainTok.Token, map[string]any{"name": "ccs-run1-client", "redirect_uris": cb})
	post("/cis/v1/clients", mainTok.Token, map[string]any{"name": "keep-me", "redirect_uris": cb})
	post("/cis/v1/applications", adminTok.Token, map[string]any{"app_name": "ccs-run1-app", "client_display_name": "x"})
	post("/cis/v1/applications/signing-keys", mainTok.Token, map[string]any{"name": "ccs-run1-key"})
	post("/api/v2/clients", mainTok.Token, map[string]any{"name": "ccs-run1-a0"})

	var transcript bytes.Buffer
	p, err := pipeline.New(pipeline.Config{Base: srv.URL, Transcript: &transcript, TranscriptBody: true, Roles: pipeline.RoleMap{
		sweep.RoleMain: {Token: mainTok.Token}, sweep.RoleAdmin: {Token: adminTok.Token},
	}})
	require.NoError(t, err)
	target := sweep.Target{
		BaseURLs: map[string]string{"clients": srv.URL + "/cis", "applications": srv.URL + "/cis", "auth0": srv.URL + "/api/v2"},
		Client:   p.Client(),
	}
	ctx := context.Background()
	dry, err := sweep.Run(ctx, target, "ccs-run1-", true)
	require.NoError(t, err)
	assert.Len(t, dry, 4, "client, app, key and auth0 client found: %+v", dry)
	for _, it := range dry {
		assert.False(t, it.Deleted, "a dry run deletes nothing")
	}
	done, err := sweep.Run(ctx, target, "ccs-run1-", false)
	require.NoError(t, err)
	require.Len(t, done, 4)
	for _, it := range done {
		assert.True(t, it.Deleted, "%+v", it)
	}
	again, err := sweep.Run(ctx, target, sweep.DefaultPrefix, true)
	require.NoError(t, err)
	assert.Empty(t, again, "nothing prefixed is left")

	_, err = sweep.Run(ctx, target, "keep", false)
	assert.Error(t, err, "a prefix outside ccs- is refused")

	// Every request went through the pipeline: one transcript line each, purpose sweep, no token.
	text := transcript.String()
	assert.NotContains(t, text, mainTok.Token)
	assert.NotContains(t, text, adminTok.Token)
	lines := strings.Split(strings.TrimSpace(text), "\n")
	assert.EqualValues(t, p.Stats().Exchanges, len(lines))
	deletes := 0
	for _, l := range lines {
		assert.Contains(t, l, `"purpose":"sweep"`)
		if strings.Contains(l, `"method":"DELETE"`) {
			deletes++
			assert.Contains(t, l, `"authorization_sent":true`)
		}
	}
	assert.Equal(t, 4, deletes)

	// Without the admin role, applications are not listed.
	target.HasRole = func(role string) bool { return role == sweep.RoleMain }
	post("/cis/v1/applications", adminTok.Token, map[string]any{"app_name": "ccs-run2-app", "client_display_name": "x"})
	left, err := sweep.Run(ctx, target, "ccs-run2-", true)
	require.NoError(t, err)
	assert.Empty(t, left)
}
