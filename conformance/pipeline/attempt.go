package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// attempt is the innermost layer: one request with its own timeout, the whole body read (up to
// MaxBody) before the timeout ends, so a target that sends headers and then stalls or drips
// costs one timeout, never a hung caller.
type attempt struct {
	next    http.RoundTripper
	timeout time.Duration // 0: none
	maxBody int64
	stats   *stats
}

func (a *attempt) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := recordOf(req.Context())
	ctx, cancel := req.Context(), context.CancelFunc(func() {})
	if a.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, a.timeout)
	}
	defer cancel()
	rec.mu.Lock()
	rec.attempts++
	rec.mu.Unlock()
	a.stats.requests.Add(1)
	start := time.Now()
	resp, err := a.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		a.stats.noResponse()
		return nil, a.timedOut(ctx, err)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, a.maxBody+1))
	resp.Body.Close()
	elapsed := time.Since(start)
	if err != nil {
		a.stats.noResponse()
		return nil, &BodyError{Status: resp.StatusCode, Err: a.timedOut(ctx, err)}
	}
	a.stats.answered(resp.StatusCode)
	truncated := int64(len(data)) > a.maxBody
	if truncated {
		data = data[:a.maxBody]
	}
	rec.mu.Lock()
	rec.elapsed, rec.truncated = elapsed, truncated
	rec.mu.Unlock()
	resp.Body = newBody(data, rec)
	resp.ContentLength = int64(len(data))
	return resp, nil
}

// timedOut marks an error caused by the attempt's own timeout, so the retry layer never
// retries it and the caller can say "timed out".
func (a *attempt) timedOut(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &TimeoutError{After: a.timeout, Err: err}
	}
	return err
}

// TimeoutError is an attempt that ran out of its AttemptTimeout (headers or body).
type TimeoutError struct {
	After time.Duration
	Err   error
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("timed out after %s: %v", e.After, e.Err)
}
func (e *TimeoutError) Unwrap() error { return e.Err }
func (e *TimeoutError) Timeout() bool { return true }

// BodyError is an answer whose headers came but whose body could not be read whole (a drip,
// a stall, a reset): a target that answers this way is not healthy.
type BodyError struct {
	Status int
	Err    error
}

func (e *BodyError) Error() string { return "reading the response body failed: " + e.Err.Error() }
func (e *BodyError) Unwrap() error { return e.Err }
