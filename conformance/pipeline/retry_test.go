package pipeline

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// script answers each request with the next status (the last one repeats), Retry-After 0, and
// fails the test when a request arrives without the body every attempt must carry.
func script(t *testing.T, statuses ...int) (http.Handler, *atomic.Int64) {
	var n atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if body, _ := io.ReadAll(r.Body); r.Method == http.MethodPost {
			assert.Equal(t, `{"a":1}`, string(body), "the body is sent again with every attempt")
		}
		i := int(n.Add(1)) - 1
		st := statuses[min(i, len(statuses)-1)]
		if st == http.StatusTooManyRequests || st == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "0")
		}
		w.WriteHeader(st)
	}), &n
}

func TestRetryStatus(t *testing.T) {
	tests := []struct {
		name     string
		method   string
		statuses []int
		want     int   // final status
		sent     int64 // requests the target saw
	}{
		{"429 then 200", http.MethodPost, []int{429, 200}, 200, 2},
		{"503 on GET retried", http.MethodGet, []int{503, 200}, 200, 2},
		{"503 on POST not retried", http.MethodPost, []int{503, 200}, 503, 1},
		{"429 forever: MaxAttempts", http.MethodGet, []int{429}, 429, 3},
		{"500 never retried", http.MethodGet, []int{500, 200}, 500, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, n := script(t, tc.statuses...)
			srv := httptest.NewServer(h)
			defer srv.Close()
			p, err := New(Config{})
			require.NoError(t, err)
			body := `{"a":1}`
			if tc.method == http.MethodGet {
				body = ""
			}
			resp, _, err := send(t, p, Exchange{}, tc.method, srv.URL, "application/json", body)
			require.NoError(t, err)
			assert.Equal(t, tc.want, resp.StatusCode)
			assert.Equal(t, tc.sent, n.Load())
			res, ok := ResultOf(resp)
			require.True(t, ok)
			assert.Len(t, res.Retries, int(tc.sent-1))
			assert.EqualValues(t, tc.sent, res.Attempts)
			assert.EqualValues(t, tc.sent-1, p.Stats().Retries)
		})
	}
}

// TestRetryBudget: Retry-After waits come out of one budget; once spent, a 429 is returned
// as it is instead of waiting again.
func TestRetryBudget(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "5") // capped to MaxRetryAfter
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	p, err := New(Config{MaxAttempts: 10, MaxRetryAfter: 50 * time.Millisecond, RetryWaitBudget: 120 * time.Millisecond})
	require.NoError(t, err)
	resp, _, err := send(t, p, Exchange{}, http.MethodGet, srv.URL, "", "")
	require.NoError(t, err)
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
	assert.EqualValues(t, 3, n.Load(), "two 50 ms waits fit in 120 ms, a third does not")
	assert.EqualValues(t, 3, p.Stats().TooMany)
	// The budget is the run's: the next exchange gets no retry at all.
	resp, _, err = send(t, p, Exchange{}, http.MethodGet, srv.URL, "", "")
	require.NoError(t, err)
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
	assert.EqualValues(t, 4, n.Load())
}

// TestRetryConnectionErrors: a dropped connection is retried for GET, not for POST; a timeout
// is never retried.
func TestRetryConnectionErrors(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 { // drop the first connection without an answer
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		if r.URL.Path == "/slow" {
			time.Sleep(300 * time.Millisecond)
		}
	}))
	defer srv.Close()
	p, err := New(Config{AttemptTimeout: 100 * time.Millisecond})
	require.NoError(t, err)

	resp, _, err := send(t, p, Exchange{}, http.MethodGet, srv.URL, "", "")
	require.NoError(t, err)
	res, _ := ResultOf(resp)
	assert.Len(t, res.Retries, 1)
	assert.Contains(t, res.Retries[0], "connection error")

	n.Store(0)
	_, _, err = send(t, p, Exchange{}, http.MethodPost, srv.URL, "application/json", `{"a":1}`)
	require.Error(t, err)
	var pe *Error
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, 1, pe.Attempts)

	before := n.Load()
	_, _, err = send(t, p, Exchange{}, http.MethodGet, srv.URL+"/slow", "", "")
	var te *TimeoutError
	require.True(t, errors.As(err, &te), "%v", err)
	var ne net.Error
	assert.True(t, errors.As(err, &ne) && ne.Timeout())
	assert.Equal(t, before+1, n.Load(), "a timeout is not retried")
}
