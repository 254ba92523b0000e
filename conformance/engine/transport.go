package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/time/rate"

	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// Retry policy: a few attempts, and a run-wide budget for waiting on Retry-After, so that a
// target that answers 429 forever ends the run instead of stretching it without bound.
const (
	maxAttempts       = 3
	defaultRetryAfter = time.Second
	maxRetryAfter     = 10 * time.Second
	defaultWaitBudget = 60 * time.Second
)

// pacing is the run's shared request policy: an optional requests-per-second limit and the
// remaining budget for Retry-After waits.
type pacing struct {
	limiter    *rate.Limiter // nil: no limit
	waitBudget atomic.Int64  // nanoseconds left for Retry-After waits
}

func newPacing(rps float64, budget time.Duration) *pacing {
	p := &pacing{}
	if rps > 0 {
		p.limiter = rate.NewLimiter(rate.Limit(rps), max(1, int(rps)))
	}
	p.waitBudget.Store(int64(budget))
	return p
}

// wait holds a request back to the configured rate.
func (e *env) wait(ctx context.Context) error {
	if e.pacing.limiter == nil {
		return nil
	}
	if err := e.pacing.limiter.Wait(ctx); err != nil {
		return fmt.Errorf("waiting for the request rate limit ("+envvar.RPS+"): %w", err)
	}
	return nil
}

func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// retryAfterError decides whether a transport error is worth another attempt: only for
// idempotent requests, only for a refused or reset connection (a timeout is not retried: a
// hanging target must end the run quickly).
func (e *env) retryAfterError(method string, err error, attempt int) (bool, string) {
	if attempt >= maxAttempts || !idempotent(method) {
		return false, ""
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Timeout() {
		return false, ""
	}
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, syscall.EPIPE) || isEOF(err) {
		return true, fmt.Sprintf("attempt %d: connection error (%s)", attempt, scenario.DescribeTransportError(err))
	}
	return false, ""
}

// isEOF: the connection closed before a whole response (net/http wraps io.EOF this way).
func isEOF(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// retryAfterStatus decides whether to retry after 429 (any method: the target did not
// process it) or 503 (idempotent requests only), honouring Retry-After within the budget.
func (e *env) retryAfterStatus(ctx context.Context, method string, status int, h http.Header, attempt int) (time.Duration, string, bool) {
	if attempt >= maxAttempts {
		return 0, "", false
	}
	if status != http.StatusTooManyRequests && !(status == http.StatusServiceUnavailable && idempotent(method)) {
		return 0, "", false
	}
	wait := parseRetryAfter(h.Get("Retry-After"))
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
		return 0, "", false // the request's own deadline would pass while waiting
	}
	if e.pacing.waitBudget.Add(-int64(wait)) < 0 {
		return 0, "", false
	}
	return wait, fmt.Sprintf("attempt %d: %d, retried after %s", attempt, status, wait), true
}

// parseRetryAfter reads seconds or an HTTP date, capped to keep runs bounded.
func parseRetryAfter(v string) time.Duration {
	if v == "" {
		return defaultRetryAfter
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return min(time.Duration(secs)*time.Second, maxRetryAfter)
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(time.Until(t), 0), maxRetryAfter)
	}
	return defaultRetryAfter
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// maxFailStreak exchanges in a row without any response mean the target is gone: the run stops
// starting scenarios instead of spending a timeout in each of them.
const maxFailStreak = 20

// targetGone is why a run stopped early: the target stopped answering.
type targetGone struct{ streak int }

func (g *targetGone) Error() string {
	return fmt.Sprintf("the target stopped answering (%d exchanges in a row got no response)", g.streak)
}

// watchTarget returns ctx, ended early once the target stops answering.
func (e *env) watchTarget(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	e.stop = cancel
	return ctx, func() { cancel(nil) }
}

// noteExchange counts exchanges that got no response (err != nil) in a row, and stops the run
// at maxFailStreak; any response resets the count.
func (e *env) noteExchange(err error) {
	if err == nil {
		e.failStreak.Store(0)
		return
	}
	if e.failStreak.Add(1) == maxFailStreak && e.stop != nil {
		e.stop(&targetGone{streak: maxFailStreak})
	}
}
