package pipeline

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// pacing holds each attempt back: first to CONFORMANCE_RPS (a token bucket), then to what the
// target's x-ratelimit-* headers say is left, so a run slows down before it is answered 429.
type pacing struct {
	next     http.RoundTripper
	limiter  *rate.Limiter // nil: no configured limit
	maxWait  time.Duration // longest wait one header-derived reservation may impose
	mu       sync.Mutex
	gates    map[string]*gate // per rate-limit bucket (see bucketOf)
	stats    *stats
	rpsLimit float64
}

func newPacing(next http.RoundTripper, rps float64, maxWait time.Duration, st *stats) *pacing {
	p := &pacing{next: next, maxWait: maxWait, gates: map[string]*gate{}, stats: st, rpsLimit: rps}
	if rps > 0 {
		p.limiter = rate.NewLimiter(rate.Limit(rps), max(1, int(rps)))
	}
	return p
}

func (p *pacing) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if p.limiter != nil {
		if err := p.limiter.Wait(ctx); err != nil {
			return nil, fmt.Errorf("waiting for the request rate limit (CONFORMANCE_RPS): %w", err)
		}
	}
	g := p.gate(bucketOf(req.URL))
	if wait := min(g.reserve(time.Now()), p.maxWait); wait > 0 {
		p.stats.limitWaits.Add(1)
		if err := sleep(ctx, wait); err != nil {
			g.done(nil, 0, time.Now(), time.Now())
			return nil, fmt.Errorf("waiting for the target's rate limit (x-ratelimit-*): %w", err)
		}
	}
	sent := time.Now()
	resp, err := p.next.RoundTrip(req)
	if err != nil {
		g.done(nil, 0, sent, time.Now())
		return nil, err
	}
	g.done(resp.Header, resp.StatusCode, sent, time.Now())
	return resp, err
}

func (p *pacing) gate(bucket string) *gate {
	p.mu.Lock()
	defer p.mu.Unlock()
	g := p.gates[bucket]
	if g == nil {
		g = &gate{}
		p.gates[bucket] = g
	}
	return g
}

// describe is the current pacing for a progress line.
func (p *pacing) describe() string {
	var parts []string
	if p.rpsLimit > 0 {
		parts = append(parts, fmt.Sprintf("≤%g req/s (CONFORMANCE_RPS)", p.rpsLimit))
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for bucket, g := range p.gates {
		if s := g.describe(time.Now()); s != "" {
			parts = append(parts, bucket+": "+s)
		}
	}
	if len(parts) == 0 {
		return "unpaced"
	}
	return strings.Join(parts, ", ")
}

// bucketOf names the rate-limit bucket of a URL: host and first path segment, since a token
// endpoint (/oauth, /oidc) is limited apart from the management API (/api, /cis).
func bucketOf(u *url.URL) string {
	seg, _, _ := strings.Cut(strings.TrimPrefix(u.EscapedPath(), "/"), "/")
	return u.Host + "/" + seg
}

// gate is a token bucket mirrored from the target's x-ratelimit-* headers (Auth0: limit = bucket
// size, remaining = whole tokens left, reset = Unix second when the bucket is full again).
//
// The refill rate is not sent; each answer bounds it from below: the bucket lacked at least
// limit-remaining-1 tokens, and refilling them takes at most reset-sent, where sent is when the
// request left (the target answered later, and reset is rounded up). The gate paces at the
// largest lower bound seen, which converges on the true rate from below, so it errs slow and
// never into a 429. A 429 or a new limit starts the estimate afresh.
type gate struct {
	mu      sync.Mutex
	known   bool      // the target sent the headers at least once
	tokens  float64   // estimated tokens at `at`; negative: reservations queued
	at      time.Time // when tokens was estimated
	limit   float64
	refill  float64   // tokens per second, a lower bound; 0: unknown
	resetAt time.Time // when the bucket is full again
	pending int       // requests that passed the gate and have no answer yet
}

// reserve takes one token and says how long to wait for it.
func (g *gate) reserve(now time.Time) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.pending++
	if !g.known {
		return 0
	}
	g.advance(now)
	g.tokens--
	if g.tokens >= 0 {
		return 0
	}
	if g.refill > 0 {
		return time.Duration(-g.tokens / g.refill * float64(time.Second))
	}
	return max(g.resetAt.Sub(now), 0) // unknown refill rate: wait for the whole bucket
}

// advance refills the estimate up to now.
func (g *gate) advance(now time.Time) {
	if dt := now.Sub(g.at).Seconds(); dt > 0 {
		switch {
		case g.refill > 0:
			g.tokens = min(g.limit, g.tokens+dt*g.refill)
		case !now.Before(g.resetAt):
			g.tokens = max(g.tokens, g.limit)
		}
		g.at = now
	}
}

// done ends a reservation and learns from the answer's headers (nil: no answer); sent is
// when the request left.
func (g *gate) done(h http.Header, status int, sent, now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.pending--
	limit, err1 := strconv.ParseFloat(h.Get("X-Ratelimit-Limit"), 64)
	remaining, err2 := strconv.ParseFloat(h.Get("X-Ratelimit-Remaining"), 64)
	reset, ok := parseReset(h.Get("X-Ratelimit-Reset"), sent)
	if h == nil || err1 != nil || err2 != nil || !ok || limit <= 0 {
		return
	}
	if limit != g.limit || status == http.StatusTooManyRequests {
		g.refill = 0
	}
	if till := reset.Sub(sent).Seconds(); till > 0 && limit-remaining-1 > 0 {
		g.refill = max(g.refill, (limit-remaining-1)/till)
	}
	// Requests still pending may not be counted in this answer yet: count them as spent. An
	// answer can arrive after one the target sent later (concurrent requests), so it may only
	// lower the estimate, never raise it.
	fresh := remaining - float64(max(g.pending, 0))
	if g.known {
		g.advance(now)
		fresh = min(fresh, g.tokens)
	}
	g.known, g.limit, g.resetAt = true, limit, reset
	g.tokens, g.at = fresh, now
}

func (g *gate) describe(now time.Time) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.known {
		return ""
	}
	g.advance(now)
	return fmt.Sprintf("target limit %g, ~%.0f left, refill ~%.1f/s", g.limit, math.Max(g.tokens, 0), g.refill)
}

// parseReset reads x-ratelimit-reset: Unix seconds (Auth0), or seconds from now when small.
func parseReset(v string, now time.Time) (time.Time, bool) {
	n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if v == "" || err != nil || n < 0 {
		return time.Time{}, false
	}
	if n < 1e9 { // not a plausible Unix time: a delta, as some APIs send
		return now.Add(time.Duration(n * float64(time.Second))), true
	}
	return time.Unix(0, int64(n*1e9)), true
}
