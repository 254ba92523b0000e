package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"
)

// retry resends a request after a refused or reset connection (idempotent methods only) and
// after 429 (any method: the target did not process it) or 503 (idempotent only), waiting
// Retry-After within a run-wide budget, so a target answering 429 forever ends the run instead
// of stretching it. A timeout is never retried: a hanging target must end the run quickly.
type retry struct {
	next          http.RoundTripper
	maxAttempts   int
	maxRetryAfter time.Duration
	budget        *atomic.Int64 // nanoseconds left for Retry-After waits, shared by the run
	stats         *stats
}

// defaultRetryAfter is the wait after a 429/503 that names none.
const defaultRetryAfter = time.Second

func (r *retry) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	rec := recordOf(ctx)
	for n := 1; ; n++ {
		resp, err := r.next.RoundTrip(req)
		if err != nil {
			if n < r.maxAttempts && idempotent(req.Method) && ctx.Err() == nil && connectionLost(err) {
				rec.retry(fmt.Sprintf("attempt %d: connection error (%v)", n, err))
				r.stats.retries.Add(1)
				if req, err = rewind(req); err != nil {
					return nil, err
				}
				continue
			}
			return nil, err
		}
		wait, ok := r.retryStatus(ctx, req.Method, resp, n)
		if !ok {
			return resp, nil
		}
		rec.retry(fmt.Sprintf("attempt %d: %d, retried after %s", n, resp.StatusCode, wait))
		r.stats.retries.Add(1)
		if err := sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("waiting to retry after %d: %w", resp.StatusCode, err)
		}
		if req, err = rewind(req); err != nil {
			return nil, err
		}
	}
}

// retryStatus decides whether a status is worth another attempt, and how long to wait.
func (r *retry) retryStatus(ctx context.Context, method string, resp *http.Response, n int) (time.Duration, bool) {
	if n >= r.maxAttempts {
		return 0, false
	}
	if resp.StatusCode != http.StatusTooManyRequests && !(resp.StatusCode == http.StatusServiceUnavailable && idempotent(method)) {
		return 0, false
	}
	wait := retryAfter(resp.Header, time.Now(), r.maxRetryAfter)
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
		return 0, false // the caller's own deadline would pass while waiting
	}
	if r.budget.Add(-int64(wait)) < 0 {
		return 0, false
	}
	return wait, true
}

// retryAfter reads Retry-After (seconds or an HTTP date), else x-ratelimit-reset, capped.
func retryAfter(h http.Header, now time.Time, limit time.Duration) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		if reset, ok := parseReset(h.Get("X-Ratelimit-Reset"), now); ok {
			return min(max(reset.Sub(now), 0), limit)
		}
		return min(defaultRetryAfter, limit)
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return min(time.Duration(secs)*time.Second, limit)
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), limit)
	}
	return min(defaultRetryAfter, limit)
}

func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// connectionLost: refused, reset or closed before a whole response; never a timeout.
func connectionLost(err error) bool {
	var te interface{ Timeout() bool }
	if errors.As(err, &te) && te.Timeout() {
		return false
	}
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// rewind returns req with a fresh body for another attempt.
func rewind(req *http.Request) (*http.Request, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return req, nil
	}
	if req.GetBody == nil {
		return nil, errors.New("cannot resend the request: its body cannot be read again")
	}
	b, err := req.GetBody()
	if err != nil {
		return nil, fmt.Errorf("cannot resend the request: %w", err)
	}
	out := req.Clone(req.Context())
	out.Body = b
	return out, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
