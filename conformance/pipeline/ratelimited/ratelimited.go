// Package ratelimited is a rate-limited HTTP target for tests: a token bucket in front of any
// handler that answers like Auth0's Management API, with x-ratelimit-limit, -remaining and
// -reset on every answer and 429 with Retry-After when the bucket is empty.
package ratelimited

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Handler is the rate limiter; use it by pointer.
type Handler struct {
	next  http.Handler
	rate  float64 // tokens per second
	burst float64

	mu     sync.Mutex
	tokens float64
	at     time.Time

	served, limited atomic.Int64
}

// New limits next to rate requests per second with a bucket of burst (both > 0).
func New(next http.Handler, rate float64, burst int) *Handler {
	return &Handler{next: next, rate: rate, burst: float64(burst), tokens: float64(burst), at: time.Now()}
}

// ServeHTTP takes a token and serves the request, or answers 429 when none is left.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	h.mu.Lock()
	h.tokens = math.Min(h.burst, h.tokens+now.Sub(h.at).Seconds()*h.rate)
	h.at = now
	ok := h.tokens >= 1
	if ok {
		h.tokens--
	}
	left := h.tokens
	h.mu.Unlock()
	hd := w.Header()
	hd.Set("X-Ratelimit-Limit", strconv.Itoa(int(h.burst)))
	hd.Set("X-Ratelimit-Remaining", strconv.Itoa(int(math.Floor(left))))
	// Unix second when the bucket is full again, rounded up as Auth0 does.
	full := now.Add(time.Duration((h.burst - left) / h.rate * float64(time.Second)))
	hd.Set("X-Ratelimit-Reset", strconv.FormatInt(int64(math.Ceil(float64(full.UnixNano())/1e9)), 10))
	if !ok {
		h.limited.Add(1)
		hd.Set("Retry-After", strconv.Itoa(int(math.Ceil((1-left)/h.rate))))
		hd.Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached","errorCode":"too_many_requests"}`))
		return
	}
	h.served.Add(1)
	h.next.ServeHTTP(w, r)
}

// Served counts requests passed to the wrapped handler.
func (h *Handler) Served() int64 { return h.served.Load() }

// Limited counts requests answered 429.
func (h *Handler) Limited() int64 { return h.limited.Load() }
