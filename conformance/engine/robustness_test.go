package engine

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// Engine behaviour against misbehaving targets, on loopback servers (the end-to-end version,
// through the test binary, gotestsum and the report command, is conformance/bench). Not
// parallel: the gock tests of this package swap http.DefaultTransport.

// loopbackTarget serves h: the first request (the reachability check) gets an empty list,
// every later one goes to h.
func loopbackTarget(t *testing.T, h http.HandlerFunc) (Target, *Suite) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, "[]")
			return
		}
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	su, err := clientsSuite(t)
	require.NoError(t, err)
	return Target{
		Name:     "loopback",
		BaseURLs: map[string]string{"clients": srv.URL + "/cis"},
		Tokens:   map[scenario.Role]string{scenario.Main: "tok-main-123456"},
		Timeout:  2 * time.Second,
		// The handler scripts every request after the first; the messages name variables.
		ReachOnly: true, FromEnv: true,
	}, su
}

func TestStillRateLimitedIsASuiteError(t *testing.T) {
	target, su := loopbackTarget(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	res := collectOne(t, su, target, "clients/not-found/get-unknown-id")
	assert.Equal(t, Errored, res.Outcome, "rate limiting says nothing about conformance")
	all := strings.Join(res.Messages, "\n")
	assert.Contains(t, all, "429 Too Many Requests after 3 attempts")
	assert.Contains(t, all, scenario.FlakyMarker)
}

func TestRetryAfterMayOutlastTheRequestTimeout(t *testing.T) {
	var calls atomic.Int64
	target, su := loopbackTarget(t, func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"no such client","error_code":404}`)
	})
	target.Timeout = 500 * time.Millisecond // shorter than the Retry-After wait
	res := collectOne(t, su, target, "clients/not-found/get-unknown-id")
	assert.Equal(t, Passed, res.Outcome, strings.Join(res.Messages, "\n"))
	assert.Contains(t, strings.Join(res.Messages, "\n"), "attempt 1: 429, retried after 1s")
}

func TestOversizedBodyStopsTheScenarioAndIsMasked(t *testing.T) {
	target, su := loopbackTarget(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `[{"client_secret":"big-body-secret-42","name":"`+strings.Repeat("x", scenario.MaxBody)+`"}]`)
	})
	res := collectOne(t, su, target, "clients/not-found/get-unknown-id")
	assert.Equal(t, Failed, res.Outcome)
	all := strings.Join(res.Messages, "\n")
	assert.Contains(t, all, "transport/body-size")
	assert.Contains(t, all, "scenario stopped")
	assert.NotContains(t, all, "spec/response-schema", "a cut-off body is not checked against the schema")
	assert.NotContains(t, all, "big-body-secret-42")
}

func TestDrippingTargetStopsBeforeAnyScenario(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		rc := http.NewResponseController(w)
		for {
			if _, err := io.WriteString(w, " "); err != nil || rc.Flush() != nil {
				return
			}
			select {
			case <-r.Context().Done():
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}))
	t.Cleanup(srv.Close)
	su, err := clientsSuite(t)
	require.NoError(t, err)
	target := Target{BaseURLs: map[string]string{"clients": srv.URL + "/cis"}, Tokens: map[scenario.Role]string{scenario.Main: "tok-main-123456"},
		Timeout: 300 * time.Millisecond}
	_, err = su.Collect(context.Background(), target, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no whole response")
}

func TestTargetThatStopsAnsweringEndsTheRun(t *testing.T) {
	target, su := loopbackTarget(t, func(w http.ResponseWriter, _ *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		conn.Close()
	})
	results, err := su.Collect(context.Background(), target, nil)
	require.NoError(t, err)
	notStarted := 0
	for _, r := range results {
		if r.Outcome == Skipped {
			// Not started: a skip with its reason, never a pass or a failure of the target.
			require.Equal(t, scenario.NotStarted, r.SkipReason, r.ID)
			require.Contains(t, strings.Join(r.Messages, "\n"), "the target stopped answering", r.ID)
			notStarted++
			continue
		}
		require.Equal(t, Errored, r.Outcome, r.ID)
	}
	assert.Greater(t, notStarted, len(results)/2, "after %d exchanges without a response, scenarios are not started", maxFailStreak)
}
