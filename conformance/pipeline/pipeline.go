package pipeline

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/clientconf/clientconf/conformance/redact"
)

// Defaults, the engine's policy before the pipeline (README "How the suite treats a real target").
const (
	DefaultAttemptTimeout  = 10 * time.Second
	DefaultMaxAttempts     = 3
	DefaultRetryWaitBudget = 60 * time.Second
	DefaultMaxRetryAfter   = 10 * time.Second
	DefaultMaxLimitWait    = 10 * time.Second
	DefaultMaxBody         = 8 << 20
)

// Config shapes a Pipeline; zero fields take the defaults above.
type Config struct {
	// Base is the target's base URL: tokens are only ever sent to its scheme and host. "": any.
	Base string
	// RPS caps requests per second (CONFORMANCE_RPS); 0: no cap. Each attempt counts.
	RPS float64
	// AttemptTimeout bounds one attempt, headers and body (CONFORMANCE_TIMEOUT); waits between
	// attempts do not count against it. Negative: no bound.
	AttemptTimeout time.Duration
	// MaxAttempts per exchange, first one included.
	MaxAttempts int
	// RetryWaitBudget is the total Retry-After waiting allowed in the pipeline's lifetime (a run).
	RetryWaitBudget time.Duration
	// MaxRetryAfter caps one Retry-After wait.
	MaxRetryAfter time.Duration
	// MaxLimitWait caps one wait that x-ratelimit-* headers impose before a request.
	MaxLimitWait time.Duration
	// MaxBody is how much of a response body is read; longer ones are cut (Result.Truncated).
	MaxBody int64
	// Transcript receives one redacted JSON line per exchange; nil: none.
	Transcript io.Writer
	// TranscriptBody writes request and response bodies (redacted, cut to 64 KiB) too.
	TranscriptBody bool
	// Redactor masks secrets in the transcript and learns the secrets answers carry; nil: a new one.
	Redactor *redact.Redactor
	// Roles gives each role's credential for the auth layer; nil: no Authorization is added.
	Roles Roles
	// Transport sends the requests; nil: http.DefaultTransport.
	Transport http.RoundTripper
}

// Pipeline is the road every request to the target takes. Safe for concurrent use; it is
// itself an http.RoundTripper.
type Pipeline struct {
	rt       http.RoundTripper
	redactor *redact.Redactor
	pacing   *pacing
	stats    *stats
}

// New builds the chain front(transcript) → auth → retry → pacing → attempt → Transport.
func New(c Config) (*Pipeline, error) {
	c = c.withDefaults()
	var base *url.URL
	if c.Base != "" {
		u, err := url.Parse(c.Base)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("pipeline: base URL %q is not an absolute URL", c.Base)
		}
		base = u
	}
	st := &stats{}
	budget := &atomic.Int64{}
	budget.Store(int64(c.RetryWaitBudget))
	var rt http.RoundTripper = &attempt{next: c.Transport, timeout: c.AttemptTimeout, maxBody: c.MaxBody, stats: st}
	pc := newPacing(rt, c.RPS, c.MaxLimitWait, st)
	rt = &retry{next: pc, maxAttempts: c.MaxAttempts, maxRetryAfter: c.MaxRetryAfter, budget: budget, stats: st}
	rt = &auth{next: rt, roles: c.Roles, base: base, redactor: c.Redactor}
	f := &front{next: rt, redactor: c.Redactor, stats: st, bodies: c.TranscriptBody}
	if c.Transcript != nil {
		f.enc = json.NewEncoder(c.Transcript)
	}
	return &Pipeline{rt: f, redactor: c.Redactor, pacing: pc, stats: st}, nil
}

func (c Config) withDefaults() Config {
	if c.AttemptTimeout == 0 {
		c.AttemptTimeout = DefaultAttemptTimeout
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = DefaultMaxAttempts
	}
	if c.RetryWaitBudget == 0 {
		c.RetryWaitBudget = DefaultRetryWaitBudget
	}
	if c.MaxRetryAfter == 0 {
		c.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if c.MaxLimitWait == 0 {
		c.MaxLimitWait = DefaultMaxLimitWait
	}
	if c.MaxBody <= 0 {
		c.MaxBody = DefaultMaxBody
	}
	if c.Redactor == nil {
		c.Redactor = redact.New()
	}
	if c.Transport == nil {
		c.Transport = http.DefaultTransport
	}
	return c
}

// RoundTrip sends req through the chain.
func (p *Pipeline) RoundTrip(req *http.Request) (*http.Response, error) { return p.rt.RoundTrip(req) }

// Client returns a client on the pipeline that never follows redirects (a redirect is an answer
// to check, and following one to another host would hand it a token) and has no overall
// timeout (AttemptTimeout bounds each attempt; the caller's context bounds the exchange).
func (p *Pipeline) Client() *http.Client {
	return &http.Client{Transport: p, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Redactor is the pipeline's redactor: it knows every token the auth layer sent and every
// secret an answer carried.
func (p *Pipeline) Redactor() *redact.Redactor { return p.redactor }

// Stats is a snapshot of the pipeline's counters, for a progress line.
type Stats struct {
	Exchanges      int64  // exchanges finished (each may take several attempts)
	Requests       int64  // attempts sent
	Retries        int64  // attempts that were retries
	TooMany        int64  // answers 429
	NoAnswer       int64  // attempts that got no response
	NoAnswerStreak int64  // attempts in a row without a response (a gone target); any answer resets it
	LimitWaits     int64  // attempts held back by the target's x-ratelimit-* headers
	Pacing         string // the current pacing, e.g. "≤10 req/s (CONFORMANCE_RPS)"
}

// String is the statistics part of a progress line.
func (s Stats) String() string {
	return fmt.Sprintf("requests %d (retries %d, 429s %d, no answer %d), pacing: %s", s.Requests, s.Retries, s.TooMany, s.NoAnswer, s.Pacing)
}

// Stats returns a snapshot of the counters.
func (p *Pipeline) Stats() Stats {
	st := p.stats
	return Stats{Exchanges: st.exchanges.Load(), Requests: st.requests.Load(), Retries: st.retries.Load(),
		TooMany: st.tooMany.Load(), NoAnswer: st.noAnswer.Load(), NoAnswerStreak: st.streak.Load(),
		LimitWaits: st.limitWaits.Load(), Pacing: p.pacing.describe()}
}

type stats struct {
	exchanges, requests, retries, tooMany, noAnswer, streak, limitWaits atomic.Int64
}

func (s *stats) noResponse() {
	s.noAnswer.Add(1)
	s.streak.Add(1)
}

func (s *stats) answered(status int) {
	s.streak.Store(0)
	if status == http.StatusTooManyRequests {
		s.tooMany.Add(1)
	}
}
