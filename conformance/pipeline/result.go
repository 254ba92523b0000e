package pipeline

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"sync"
	"time"
)

// Result is what the pipeline learned about one exchange beyond the response itself.
type Result struct {
	Body       []byte        // the response body as read: at most MaxBody bytes
	Truncated  bool          // the body was longer than MaxBody and was cut
	Retries    []string      // why each retry happened, in order; non-empty means flaky
	Attempts   int           // requests sent for this exchange
	Authorized bool          // an Authorization header was sent (its value is never kept)
	Elapsed    time.Duration // of the last attempt, headers and body
}

// ResultOf returns the Result of a response the pipeline produced.
func ResultOf(resp *http.Response) (Result, bool) {
	if resp == nil {
		return Result{}, false
	}
	b, ok := resp.Body.(*body)
	if !ok || b.rec == nil {
		return Result{}, false
	}
	return b.rec.result(b.data), true
}

// Error is an exchange that got no usable response. It keeps the retries made before giving
// up; Err is the last attempt's error.
type Error struct {
	Err      error
	Retries  []string
	Attempts int
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Timeout reports whether the last attempt timed out (so *url.Error.Timeout() sees it).
func (e *Error) Timeout() bool {
	var te interface{ Timeout() bool }
	return errors.As(e.Err, &te) && te.Timeout()
}

// RetriesOf returns the retries behind a failed exchange (nil when err is not the pipeline's).
func RetriesOf(err error) []string {
	var pe *Error
	if errors.As(err, &pe) {
		return pe.Retries
	}
	return nil
}

// body is a response body the attempt layer read in full, so timeouts and the size cap apply
// to the body too and the retry and transcript layers can look at it.
type body struct {
	*bytes.Reader
	data []byte
	rec  *record
}

func newBody(data []byte, rec *record) *body {
	return &body{Reader: bytes.NewReader(data), data: data, rec: rec}
}

func (*body) Close() error { return nil }

// record collects, per exchange, what the inner layers did; the front layer creates it.
type record struct {
	mu         sync.Mutex
	retries    []string
	attempts   int
	authorized bool
	truncated  bool
	elapsed    time.Duration
}

type recordKey struct{}

func contextWithRecord(ctx context.Context, r *record) context.Context {
	return context.WithValue(ctx, recordKey{}, r)
}

// recordOf returns the exchange's record; a throwaway one when a layer runs on its own.
func recordOf(ctx context.Context) *record {
	if r, ok := ctx.Value(recordKey{}).(*record); ok {
		return r
	}
	return &record{}
}

func (r *record) retry(why string) {
	r.mu.Lock()
	r.retries = append(r.retries, why)
	r.mu.Unlock()
}

func (r *record) result(data []byte) Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	return Result{Body: data, Truncated: r.truncated, Retries: append([]string(nil), r.retries...),
		Attempts: r.attempts, Authorized: r.authorized, Elapsed: r.elapsed}
}
