package engine

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/redact"
	"github.com/clientconf/clientconf/conformance/scenario"
	"github.com/clientconf/clientconf/conformance/tokens"
)

const mintSecret = "mint-client-secret-never-printed"

// mintEndpoint is a fake Auth0 /oauth/token: it counts the requests per requested scope and
// answers each with a fresh token, or with status (and a text echoing the secret) when set.
type mintEndpoint struct {
	status int // 0: issue tokens
	mu     sync.Mutex
	asked  map[string]int // scope parameter → requests
	issued []string
}

func (m *mintEndpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body map[string]string
	_ = json.NewDecoder(r.Body).Decode(&body)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.asked[body["scope"]]++
	w.Header().Set("Content-Type", "application/json")
	if m.status != 0 {
		w.WriteHeader(m.status)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "access_denied",
			"error_description": "Client has not been granted scopes: " + body["scope"] + " (secret " + body["client_secret"] + ")"})
		return
	}
	tok := fmt.Sprintf("minted-token-%d-for-%s", len(m.issued), strings.ReplaceAll(body["scope"], " ", "+"))
	m.issued = append(m.issued, tok)
	_ = json.NewEncoder(w).Encode(map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": 86400})
}

// seen returns copies of the requests per scope and the tokens issued so far.
func (m *mintEndpoint) seen() (map[string]int, []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	asked := map[string]int{}
	maps.Copy(asked, m.asked)
	return asked, append([]string(nil), m.issued...)
}

// mintEnv is a run's env whose target mints tokens at a fake endpoint (nil: it cannot mint).
func mintEnv(t *testing.T, m *mintEndpoint) *env {
	t.Helper()
	e := &env{redactor: redact.New()}
	if m == nil {
		return e
	}
	m.asked = map[string]int{}
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	e.target.ScopedTokens = func(scopes []string) TokenSource {
		return &tokens.ClientCredentials{TokenURL: srv.URL + "/oauth/token", ClientID: "cid-main", ClientSecret: mintSecret,
			Audience: srv.URL + "/api/v2/", Scope: strings.Join(scopes, " "), Style: tokens.JSON}
	}
	return e
}

// scoped calls S.Scoped on its own goroutine, as a scenario would (Skipf and Fatalf end it).
func scoped(t *testing.T, e *env, scopes ...string) (scenario.Role, Result) {
	t.Helper()
	rec := &recorder{ctx: t.Context()}
	v := &scenario.Verdict{}
	rec.Cleanup(func() { scenario.Finish(rec, v) }) // as the runner does: the outcome is set last
	var role scenario.Role
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer rec.runCleanups()
		role = scenario.New(rec, scenario.Scenario{ID: "x/crud/scoped"}, e, nil, "", nil, v).Scoped(scopes...)
	}()
	<-done
	return role, rec.result("scoped")
}

func TestScopedMintsEachScopeSetOnce(t *testing.T) {
	t.Parallel()
	m := &mintEndpoint{}
	e := mintEnv(t, m)
	var wg sync.WaitGroup
	roles := make([]scenario.Role, 16)
	for i := range roles {
		wg.Go(func() {
			scopes := []string{"update:clients", "read:clients"}
			if i%2 == 1 {
				scopes = []string{"read:clients", "update:clients", "read:clients"} // same set
			}
			if i%4 == 3 {
				scopes = []string{"read:client_summary"}
			}
			var res Result
			roles[i], res = scoped(t, e, scopes...)
			assert.Equal(t, Passed, res.Outcome, res.Messages)
		})
	}
	wg.Wait()
	asked, issued := m.seen()
	assert.Equal(t, map[string]int{"read:clients update:clients": 1, "read:client_summary": 1}, asked,
		"each distinct scope set is minted once, whatever the order and repeats")
	writer, summary := scenario.Role("main[read:clients update:clients]"), scenario.Role("main[read:client_summary]")
	for i, r := range roles {
		if i%4 == 3 {
			assert.Equal(t, summary, r)
		} else {
			assert.Equal(t, writer, r)
		}
	}

	// Later requests as the role use the cached token; a 401 makes the next one mint anew.
	tok, err := e.token(t.Context(), writer)
	require.NoError(t, err)
	require.NotNil(t, e.source(writer), "a minted role's token comes from its source")
	assert.Contains(t, issued, tok)
	assert.True(t, e.hasRole(writer))
	assert.True(t, e.minted(writer))
	assert.False(t, e.minted(scenario.Main), "a configured role is not minted")
	e.source(writer).Invalidate(tok) // as the pipeline's auth layer does on a 401
	again, err := e.token(t.Context(), writer)
	require.NoError(t, err)
	assert.NotEqual(t, tok, again)
	asked, _ = m.seen()
	assert.Equal(t, 2, asked["read:clients update:clients"])
}

func TestScopedTokensAreMasked(t *testing.T) {
	t.Parallel()
	m := &mintEndpoint{}
	e := mintEnv(t, m)
	_, res := scoped(t, e, "read:client_keys")
	require.Equal(t, Passed, res.Outcome, res.Messages)
	_, issued := m.seen()
	require.Len(t, issued, 1)
	shown := e.redactor.String("Authorization: Bearer " + issued[0] + " client_secret=" + mintSecret)
	assert.NotContains(t, shown, issued[0], "a minted token is masked")
	assert.NotContains(t, shown, mintSecret, "the main client's secret is masked")
}

func TestScopedSkipsOrFails(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		mint    *mintEndpoint // nil: the target cannot mint
		scopes  []string
		outcome Outcome
		says    []string
	}{
		{"target cannot mint", nil, []string{"read:clients"}, Skipped,
			[]string{"client credentials for the main role", "CONFORMANCE_CLIENT_ID", "CONFORMANCE_CLIENT_SECRET"}},
		{"scope not granted", &mintEndpoint{status: http.StatusForbidden}, []string{"read:client_summary"}, Skipped,
			[]string{"cannot get a token with only the scopes read:client_summary", "grant the client"}},
		{"token endpoint broken", &mintEndpoint{status: http.StatusInternalServerError}, []string{"read:clients"}, Errored,
			[]string{scenario.SuiteErrorPrefix, "minting a token with the scopes read:clients", "status 500"}},
		{"no scope", &mintEndpoint{}, nil, Errored, []string{scenario.SuiteErrorPrefix, "at least one scope"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, res := scoped(t, mintEnv(t, tc.mint), tc.scopes...)
			assert.Equal(t, tc.outcome, res.Outcome)
			all := strings.Join(res.Messages, "\n")
			for _, want := range tc.says {
				assert.Contains(t, all, want)
			}
			assert.NotContains(t, all, mintSecret, "the client secret is never printed")
			if tc.mint != nil && tc.scopes == nil {
				asked, _ := tc.mint.seen()
				assert.Empty(t, asked, "no scope must never ask for every scope")
			}
		})
	}
}
