package tokens

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testID     = "client-abc"
	testSecret = "s3cr3t-value-never-printed"
)

// tokenServer is a fake token endpoint: it hands out tok-1, tok-2, … and counts requests.
type tokenServer struct {
	*httptest.Server
	calls   atomic.Int64
	mu      sync.Mutex
	last    *http.Request
	form    url.Values
	json    map[string]string
	answer  func(w http.ResponseWriter, n int64) // nil: a token of 3600 s
	release chan struct{}                        // when set, each request waits for it
}

func newTokenServer(t *testing.T) *tokenServer {
	ts := &tokenServer{}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := ts.calls.Add(1)
		body, _ := io.ReadAll(r.Body)
		ts.mu.Lock()
		ts.last = r
		ts.form, _ = url.ParseQuery(string(body))
		ts.json = nil
		_ = json.Unmarshal(body, &ts.json)
		ts.mu.Unlock()
		if ts.release != nil {
			<-ts.release
		}
		if ts.answer != nil {
			ts.answer(w, n)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"access_token": "tok-" + itoa(n), "token_type": "Bearer", "expires_in": 3600})
	}))
	t.Cleanup(ts.Close)
	return ts
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (ts *tokenServer) source() *ClientCredentials {
	return &ClientCredentials{TokenURL: ts.URL + "/oidc/token", ClientID: testID, ClientSecret: testSecret}
}

// clock is a settable fake time.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestRequestStyles(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name        string
		src         func(ts *tokenServer) *ClientCredentials
		contentType string
		want        map[string]string
	}{
		{"transmit form", func(ts *tokenServer) *ClientCredentials { return ts.source() },
			"application/x-www-form-urlencoded",
			map[string]string{"grant_type": "client_credentials", "client_id": testID, "client_secret": testSecret}},
		{"auth0 json with audience and scope", func(ts *tokenServer) *ClientCredentials {
			c := ts.source()
			c.Style, c.Audience, c.Scope = JSON, "https://acme.auth0.com/api/v2/", "read:clients"
			return c
		}, "application/json",
			map[string]string{"grant_type": "client_credentials", "client_id": testID, "client_secret": testSecret,
				"audience": "https://acme.auth0.com/api/v2/", "scope": "read:clients"}},
		{"auth0 form with audience", func(ts *tokenServer) *ClientCredentials {
			c := ts.source()
			c.Style, c.Audience = Form, "https://acme.auth0.com/api/v2/"
			return c
		}, "application/x-www-form-urlencoded",
			map[string]string{"grant_type": "client_credentials", "client_id": testID, "client_secret": testSecret,
				"audience": "https://acme.auth0.com/api/v2/"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ts := newTokenServer(t)
			tok, err := tc.src(ts).Token(t.Context())
			require.NoError(t, err)
			assert.Equal(t, "tok-1", tok)
			ts.mu.Lock()
			defer ts.mu.Unlock()
			assert.Equal(t, http.MethodPost, ts.last.Method)
			assert.Equal(t, "/oidc/token", ts.last.URL.Path)
			assert.Empty(t, ts.last.URL.RawQuery, "credentials never go in the query")
			assert.Equal(t, tc.contentType, ts.last.Header.Get("Content-Type"))
			got := map[string]string{}
			if tc.contentType == "application/json" {
				got = ts.json
			} else {
				for k := range ts.form {
					got[k] = ts.form.Get(k)
				}
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestErrorsNeverCarrySecrets(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		answer func(w http.ResponseWriter, n int64)
		status int
		code   string
		in     []string // substrings the message must have
	}{
		{"oauth 401 echoing the secret", func(w http.ResponseWriter, _ int64) {
			writeJSON(w, 401, map[string]any{"error": "invalid_client", "error_description": "bad secret " + testSecret})
		}, 401, "invalid_client", []string{"status 401", `"invalid_client"`, "bad secret ***"}},
		{"transmit 400 shape", func(w http.ResponseWriter, _ int64) {
			writeJSON(w, 400, map[string]any{"message": []any{"client_id must be a string"}, "error_code": 400})
		}, 400, "400", []string{"status 400", "client_id must be a string"}},
		{"plain text 500", func(w http.ResponseWriter, _ int64) {
			http.Error(w, "boom "+testSecret, http.StatusInternalServerError)
		}, 500, "", []string{"status 500"}},
		{"200 without access_token", func(w http.ResponseWriter, _ int64) {
			writeJSON(w, 200, map[string]any{"token_type": "Bearer"})
		}, 200, "", []string{"no access_token"}},
		{"200 with another token type", func(w http.ResponseWriter, _ int64) {
			writeJSON(w, 200, map[string]any{"access_token": "tok-secret-123", "token_type": "mac"})
		}, 200, "", []string{`"mac"`}},
		{"200 with bad expires_in", func(w http.ResponseWriter, _ int64) {
			writeJSON(w, 200, map[string]any{"access_token": "tok-secret-123", "expires_in": "soon"})
		}, 200, "", []string{"expires_in"}},
		{"200 html", func(w http.ResponseWriter, _ int64) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, "<html>login</html>")
		}, 200, "", []string{"text/html"}},
		{"redirect not followed", func(w http.ResponseWriter, _ int64) {
			w.Header().Set("Location", "https://elsewhere.example/token")
			w.WriteHeader(http.StatusTemporaryRedirect)
		}, 307, "", []string{"status 307"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ts := newTokenServer(t)
			ts.answer = tc.answer
			src := ts.source()
			_, err := src.Token(t.Context())
			require.Error(t, err)
			var te *Error
			require.True(t, errors.As(err, &te))
			assert.Equal(t, tc.status, te.Status)
			assert.Equal(t, tc.code, te.Code)
			msg := err.Error()
			assert.NotContains(t, msg, testSecret)
			assert.NotContains(t, msg, "tok-secret-123")
			assert.Contains(t, msg, ts.URL+"/oidc/token")
			assert.Contains(t, msg, testID)
			for _, s := range tc.in {
				assert.Contains(t, msg, s)
			}
		})
	}
}

func TestTransportErrorHasNoSecret(t *testing.T) {
	t.Parallel()
	ts := newTokenServer(t)
	ts.Close()
	src := ts.source()
	src.TokenURL = "http://user:pw@" + ts.Listener.Addr().String() + "/oidc/token?client_secret=" + testSecret
	_, err := src.Token(t.Context())
	require.Error(t, err)
	assert.NotContains(t, err.Error(), testSecret)
	assert.NotContains(t, err.Error(), "pw@")
}

func TestCachingAndRefresh(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		expiresIn any
		elapsed   time.Duration // between the first and the second Token call
		fetches   int64
	}{
		{"cached", 3600, time.Minute, 1},
		{"cached until 10% remain", 3600, 3240*time.Second - time.Second, 1},
		{"renewed when 10% remain", 3600, 3240 * time.Second, 2},
		{"short token: 60 s margin", 300, 239 * time.Second, 1},
		{"short token renewed", 300, 240 * time.Second, 2},
		{"very short token: half its life", 30, 15 * time.Second, 2},
		{"expires_in as a string", "3600", time.Hour, 2},
		{"no expires_in: kept", nil, 48 * time.Hour, 1},
		{"expired", 3600, 2 * time.Hour, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ts := newTokenServer(t)
			ts.answer = func(w http.ResponseWriter, n int64) {
				body := map[string]any{"access_token": "tok-" + itoa(n), "token_type": "bearer"}
				if tc.expiresIn != nil {
					body["expires_in"] = tc.expiresIn
				}
				writeJSON(w, 200, body)
			}
			clk := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			src := ts.source()
			src.now = clk.now
			first, err := src.Token(t.Context())
			require.NoError(t, err)
			clk.add(tc.elapsed)
			second, err := src.Token(t.Context())
			require.NoError(t, err)
			assert.Equal(t, tc.fetches, ts.calls.Load())
			assert.Equal(t, tc.fetches == 1, first == second)
		})
	}
}

func TestFailedRenewalKeepsValidToken(t *testing.T) {
	t.Parallel()
	ts := newTokenServer(t)
	ts.answer = func(w http.ResponseWriter, n int64) {
		if n == 1 {
			writeJSON(w, 200, map[string]any{"access_token": "tok-1", "expires_in": 3600})
			return
		}
		writeJSON(w, 503, map[string]any{"error": "temporarily_unavailable"})
	}
	clk := &clock{t: time.Now()}
	src := ts.source()
	src.now = clk.now
	_, err := src.Token(t.Context())
	require.NoError(t, err)
	clk.add(3500 * time.Second) // due for renewal, not expired
	tok, err := src.Token(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok)
	clk.add(time.Hour) // expired: the failure shows
	_, err = src.Token(t.Context())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "temporarily_unavailable")
}

func TestOneFetchUnderConcurrency(t *testing.T) {
	t.Parallel()
	ts := newTokenServer(t)
	ts.release = make(chan struct{})
	src := ts.source()
	const callers = 64
	var wg sync.WaitGroup
	got := make([]string, callers)
	errs := make([]error, callers)
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = src.Token(t.Context())
		}()
	}
	// Let the first request through only once every caller is likely waiting on it.
	time.Sleep(50 * time.Millisecond)
	close(ts.release)
	wg.Wait()
	for i := range callers {
		require.NoError(t, errs[i])
		assert.Equal(t, "tok-1", got[i])
	}
	assert.Equal(t, int64(1), ts.calls.Load())
}

func TestWaiterGivesUpWithoutFailingOthers(t *testing.T) {
	t.Parallel()
	ts := newTokenServer(t)
	ts.release = make(chan struct{})
	src := ts.source()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { _, err := src.Token(ctx); done <- err }()
	time.Sleep(20 * time.Millisecond)
	cancel()
	err := <-done
	require.ErrorIs(t, err, context.Canceled)
	close(ts.release)
	tok, err := src.Token(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok, "the shared request went on for the next caller")
	assert.Equal(t, int64(1), ts.calls.Load())
}

func TestInvalidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		invalidate func(current string) string
		fetches    int64
	}{
		{"the current token", func(cur string) string { return cur }, 2},
		{"an older token", func(string) string { return "tok-0" }, 1},
		{"empty", func(string) string { return "" }, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ts := newTokenServer(t)
			src := ts.source()
			cur, err := src.Token(t.Context())
			require.NoError(t, err)
			src.Invalidate(tc.invalidate(cur))
			_, err = src.Token(t.Context())
			require.NoError(t, err)
			assert.Equal(t, tc.fetches, ts.calls.Load())
		})
	}
}

func TestRefreshTime(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		life, margin time.Duration
	}{
		{time.Hour, 6 * time.Minute},
		{24 * time.Hour, 144 * time.Minute},
		{5 * time.Minute, time.Minute},
		{30 * time.Second, 15 * time.Second},
	} {
		assert.Equal(t, at.Add(tc.life-tc.margin), refreshTime(at, at.Add(tc.life)), "life %s", tc.life)
	}
	assert.True(t, refreshTime(at, time.Time{}).IsZero())
}
