package pipeline

import (
	"context"
	"fmt"
	"maps"
	"math"
	"net/http"
	"net/url"
	"slices"
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
	if err := p.hold(ctx, g); err != nil {
		return nil, err
	}
	sent, mark := time.Now(), g.sent()
	resp, err := p.next.RoundTrip(req)
	if err != nil {
		g.done(nil, 0, sent, mark, time.Now())
		return nil, err
	}
	g.done(resp.Header, resp.StatusCode, sent, mark, time.Now())
	return resp, err
}

// hold waits until the gate lets a request through, at most maxWait in all (then it sends
// anyway: the retry layer handles a 429).
func (p *pacing) hold(ctx context.Context, g *gate) error {
	deadline := time.Now().Add(p.maxWait)
	counted := false
	for {
		now := time.Now()
		h := g.reserve(now, !now.Before(deadline))
		if h.first != nil {
			t := time.NewTimer(max(time.Until(deadline), 0))
			select {
			case <-h.first:
			case <-t.C: // the next reserve forces its way through
			case <-ctx.Done():
				t.Stop()
				return fmt.Errorf("waiting for the first answer of the target: %w", ctx.Err())
			}
			t.Stop()
			continue
		}
		if wait := min(h.wait, time.Until(deadline)); wait > 0 {
			if !counted {
				p.stats.limitWaits.Add(1)
				counted = true
			}
			if err := sleep(ctx, wait); err != nil {
				if h.taken {
					g.done(nil, 0, now, g.sent(), time.Now())
				}
				return fmt.Errorf("waiting for the target's rate limit (x-ratelimit-*): %w", err)
			}
		}
		if h.taken {
			return nil
		}
	}
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
	for _, bucket := range slices.Sorted(maps.Keys(p.gates)) {
		if s := p.gates[bucket].describe(time.Now()); s != "" {
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
// largest lower bound seen, which converges on the true rate from below, so it errs slow rather
// than into a 429. After a 429 or a new limit it waits for the reset, then estimates afresh.
type gate struct {
	mu        sync.Mutex
	known     bool      // the target sent the headers at least once
	tokens    float64   // estimated tokens at `at`; negative: reservations queued
	at        time.Time // when tokens was estimated
	limit     float64
	refill    float64   // tokens per second, a lower bound; 0: unknown
	resetAt   time.Time // when the bucket is full again; zero: passed and counted
	pending   int       // requests that passed the gate and have no answer yet
	completed uint64    // requests answered (or failed) so far
	// first is closed by the first answer: until then one request probes the bucket and the
	// others wait, so a run does not start with a burst larger than the target allows.
	first chan struct{}
}

// unknownPeriod is how long a reservation waits before asking again while the gate knows
// neither the refill rate nor the next reset.
const unknownPeriod = 250 * time.Millisecond

// hold is the gate's answer to a reservation.
type hold struct {
	wait  time.Duration   // how long to wait: then send (taken), or ask again
	taken bool            // a token is reserved for this request
	first <-chan struct{} // non-nil: wait for the first answer, then ask again
}

// reserve takes a token (force: even when none is left) or says how long to wait before asking
// again. While the rate is unknown a reservation is never scheduled ahead: by the time it is
// due, answers have told more, so it asks again.
func (g *gate) reserve(now time.Time, force bool) hold {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case g.first == nil:
		g.first = make(chan struct{})
	case g.completed == 0 && !force:
		return hold{first: g.first}
	}
	take := func(wait time.Duration) hold {
		g.pending++
		g.tokens--
		return hold{wait: wait, taken: true}
	}
	if !g.known || force {
		return take(0)
	}
	g.advance(now)
	switch {
	case g.tokens >= 1:
		return take(0)
	case g.refill > 0:
		return take(time.Duration((1 - g.tokens) / g.refill * float64(time.Second)))
	case g.resetAt.After(now):
		return hold{wait: g.resetAt.Sub(now)}
	case g.pending == 0: // nothing out that could tell more: try
		return take(0)
	}
	return hold{wait: unknownPeriod}
}

// advance refills the estimate up to now.
func (g *gate) advance(now time.Time) {
	if now.Sub(g.at) <= 0 {
		return
	}
	switch {
	case g.refill > 0:
		g.tokens = min(g.limit, g.tokens+now.Sub(g.at).Seconds()*g.refill)
	case !g.resetAt.IsZero() && !now.Before(g.resetAt):
		g.tokens = min(g.limit, g.tokens+g.limit)
		g.resetAt = time.Time{}
	}
	g.at = now
}

// sent marks the moment a request leaves; done needs it to tell which answers may be stale.
func (g *gate) sent() uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.completed
}

// done ends a reservation and learns from the answer's headers (nil: no answer). sent is when
// the request left and mark what sent() returned then.
func (g *gate) done(h http.Header, status int, sent time.Time, mark uint64, now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.pending--
	answeredMeanwhile := g.completed - mark
	if g.completed++; g.completed == 1 {
		close(g.first)
	}
	limit, err1 := strconv.ParseFloat(h.Get("X-Ratelimit-Limit"), 64)
	remaining, err2 := strconv.ParseFloat(h.Get("X-Ratelimit-Remaining"), 64)
	reset, ok := parseReset(h.Get("X-Ratelimit-Reset"), sent)
	if h == nil || err1 != nil || err2 != nil || !ok || limit <= 0 {
		return
	}
	switch till := reset.Sub(sent).Seconds(); {
	case (g.known && limit != g.limit) || status == http.StatusTooManyRequests:
		// A 429 despite the estimate: the target may refill all at once (a fixed window), so
		// wait for its reset before estimating again.
		g.refill = 0
	case till > 0 && limit-remaining-1 > 0:
		g.refill = max(g.refill, (limit-remaining-1)/till)
	}
	// The target may have served after this request every one still pending and every one
	// answered since this one left: count them as spent.
	g.known, g.limit, g.resetAt = true, limit, reset
	g.tokens, g.at = remaining-float64(max(g.pending, 0))-float64(answeredMeanwhile), now
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
