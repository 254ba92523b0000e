package tokens

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/clientconf/clientconf/conformance/pipeline"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestThroughThePipeline: with the pipeline's client, a token request is written to the
// transcript as purpose "token" under the scenario and role that needed it, retried after a
// 429, and neither the client secret nor the token shows in the transcript.
func TestThroughThePipeline(t *testing.T) {
	ts := newTokenServer(t)
	ts.answer = func(w http.ResponseWriter, n int64) {
		if n == 1 {
			w.Header().Set("Retry-After", "0")
			writeJSON(w, http.StatusTooManyRequests, map[string]any{"error": "too_many_requests"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"access_token": "tok-fetched-" + itoa(n), "token_type": "Bearer", "expires_in": 3600})
	}
	var buf bytes.Buffer
	p, err := pipeline.New(pipeline.Config{Base: ts.URL, Transcript: &buf, TranscriptBody: true,
		Roles: pipeline.RoleMap{"main": {Token: "a-fixed-token-for-main"}}})
	require.NoError(t, err)
	for _, style := range []Style{Form, JSON} {
		ts.calls.Store(0)
		src := &ClientCredentials{TokenURL: ts.URL + "/oauth/token", ClientID: testID, ClientSecret: testSecret, Style: style, HTTPClient: p.Client()}
		ctx := pipeline.WithExchange(context.Background(), pipeline.Exchange{Purpose: pipeline.PurposeScenario, Scenario: "auth0/x/y", Role: "main"})
		tok, err := src.Token(ctx)
		require.NoError(t, err)
		assert.Equal(t, "tok-fetched-2", tok)
		ts.mu.Lock()
		assert.Empty(t, ts.last.Header.Get("Authorization"), "the role's token is not sent to the token endpoint")
		ts.mu.Unlock()
	}
	text := buf.String()
	assert.NotContains(t, text, testSecret)
	assert.NotContains(t, text, "tok-fetched")
	assert.Contains(t, text, `"purpose":"token"`)
	assert.Contains(t, text, `"scenario":"auth0/x/y"`)
	assert.Contains(t, text, `"path_template":"/oauth/token"`)
	assert.Contains(t, text, `retried after 0s`)
}
