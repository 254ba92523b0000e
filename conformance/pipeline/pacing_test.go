package pipeline

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clientconf/clientconf/conformance/pipeline/ratelimited"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPacingHonoursRateLimitHeaders: 50 requests from 8 workers against a target allowing
// 10 req/s with a burst of 20 finish without a single 429, and not much slower than the limit
// allows. The bound is generous on purpose (a busy machine must not fail it): 1.2 × 50/10 s
// plus 3 s of slack; the floor, (50-20)/10 = 3 s, shows the pacing did not just get lucky.
func TestPacingHonoursRateLimitHeaders(t *testing.T) {
	const n, rps, burst, workers = 50, 10.0, 20, 8
	target := ratelimited.New(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[]`))
	}), rps, burst)
	srv := httptest.NewServer(target)
	defer srv.Close()
	p, err := New(Config{Base: srv.URL})
	require.NoError(t, err)

	start := time.Now()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				resp, _, err := send(t, p, Exchange{Purpose: PurposeScenario}, http.MethodGet, srv.URL+"/api/v2/clients", "", "")
				if assert.NoError(t, err) {
					assert.Equal(t, http.StatusOK, resp.StatusCode)
				}
			}
		}()
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	wall := time.Since(start)
	st := p.Stats()
	t.Logf("%d requests in %s; %s; limit waits %d", n, wall.Round(time.Millisecond), st, st.LimitWaits)

	assert.Zero(t, target.Limited(), "requests answered 429")
	assert.Zero(t, st.TooMany)
	assert.EqualValues(t, n, target.Served())
	assert.GreaterOrEqual(t, wall, time.Duration(float64(n-burst)/rps*float64(time.Second))-200*time.Millisecond)
	assert.LessOrEqual(t, wall, time.Duration(1.2*n/rps*float64(time.Second))+3*time.Second)
}

// TestPacingRPS: CONFORMANCE_RPS holds requests to the configured rate on its own.
func TestPacingRPS(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	p, err := New(Config{RPS: 20})
	require.NoError(t, err)
	start := time.Now()
	for range 30 { // a burst of 20, then 10 more at 20/s: at least ~0.5 s
		_, _, err := send(t, p, Exchange{}, http.MethodGet, srv.URL, "", "")
		require.NoError(t, err)
	}
	assert.GreaterOrEqual(t, time.Since(start), 400*time.Millisecond)
	assert.Contains(t, p.Stats().Pacing, "≤20 req/s")
}

func TestGate(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	hdr := func(limit, remaining string, reset time.Time) http.Header {
		h := http.Header{}
		h.Set("X-Ratelimit-Limit", limit)
		h.Set("X-Ratelimit-Remaining", remaining)
		h.Set("X-Ratelimit-Reset", itoa(reset.Unix()))
		return h
	}
	go_ := func(waits ...time.Duration) []hold { // reservations that are taken
		out := make([]hold, len(waits))
		for i, w := range waits {
			out[i] = hold{wait: w, taken: true}
		}
		return out
	}
	tests := []struct {
		name  string
		seen  http.Header // headers of one earlier answer at t0
		at    time.Duration
		holds []hold // of consecutive reservations at t0+at
	}{
		{"no headers yet: no wait", nil, 0, go_(0, 0, 0)},
		// 17 tokens missing at least, refilled in at most 2 s: ≥ 8.5 tokens/s.
		{"tokens left: no wait", hdr("20", "2", t0.Add(2*time.Second)), 0, go_(0, 0, time.Second*10/85)},
		{"empty bucket: wait one refill each", hdr("20", "0", t0.Add(2*time.Second)), 0, go_(time.Second*2/19, time.Second*4/19)},
		{"refilled meanwhile", hdr("20", "0", t0.Add(2*time.Second)), time.Second, go_(0, 0)},
		{"429: the estimate is dropped, ask again at the reset", hdr("20", "0", t0.Add(2*time.Second)), 0, []hold{{wait: 2 * time.Second}}},
		{"full bucket, rate unknown: no wait", hdr("20", "20", t0), 0, go_(0)},
		// Rate unknown (one token short of full): 9 go now, the rest ask again at the reset.
		{"rate unknown, bucket spent", hdr("10", "9", t0.Add(time.Second)), 0,
			append(go_(0, 0, 0, 0, 0, 0, 0, 0, 0), hold{wait: time.Second}, hold{wait: time.Second})},
		{"delta reset (not Unix time)", http.Header{"X-Ratelimit-Limit": {"10"}, "X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {"1"}}, 0,
			go_(time.Second / 9)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := &gate{}
			status := http.StatusOK
			if strings.HasPrefix(tc.name, "429") {
				status = http.StatusTooManyRequests
				tc.seen.Set("X-Ratelimit-Limit", "20") // same limit: only the 429 resets the estimate
				g.limit = 20
				g.refill = 50
			}
			g.reserve(t0, false)
			g.done(tc.seen, status, t0, g.sent(), t0)
			for i, want := range tc.holds {
				got := g.reserve(t0.Add(tc.at), false)
				assert.Nil(t, got.first)
				assert.Equal(t, want.taken, got.taken, "reservation %d", i)
				assert.InDelta(t, want.wait, got.wait, float64(time.Millisecond), "reservation %d", i)
			}
			assert.True(t, g.reserve(t0.Add(tc.at), true).taken, "force always takes")
		})
	}
}

// TestGateProbesFirst: until the first answer, one request is out and the others wait.
func TestGateProbesFirst(t *testing.T) {
	g := &gate{}
	now := time.Now()
	h := g.reserve(now, false)
	assert.True(t, h.taken && h.wait == 0 && h.first == nil, "the first request goes")
	h = g.reserve(now, false)
	require.NotNil(t, h.first, "the second waits for the first answer")
	assert.False(t, h.taken)
	g.done(nil, 0, now, 0, now) // even no answer ends the probe
	select {
	case <-h.first:
	default:
		t.Fatal("the first answer releases the others")
	}
	assert.True(t, g.reserve(now, false).taken)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
