package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// The engine's one road to the target: scenario requests, cleanup deletes and the preflight
// all go through env.exchange, so pacing (CONFORMANCE_RPS), the retry policy, the token and
// the transcript apply to each of them alike. This is the seam where a RoundTripper pipeline
// (conformance/pipeline) replaces the loop below: newHTTPClient makes the client, exchange
// sends.

// outbound is one request to send (scenario.Request: its purpose, scenario, body…).
type outbound = scenario.Request

// newHTTPClient is the client every exchange uses, unless the target brings its own.
func newHTTPClient(t Target) *http.Client {
	if t.Client != nil {
		return t.Client
	}
	return &http.Client{
		Timeout: t.timeout(),
		// Never follow redirects: a redirect is an answer to check, and following one to
		// another host would hand it our token.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// bodyError is a response whose body could not be read whole (drip, stall, reset).
type bodyError struct{ err error }

func (b *bodyError) Error() string { return "reading the response body failed: " + b.err.Error() }
func (b *bodyError) Unwrap() error { return b.err }

// exchange sends out as r.Role to r.URL with the retry policy, reads the answer into r (its
// body learned as a possible secret and cut at scenario.MaxBody, r.CutOff), and writes the transcript
// line. It returns an error only when no usable response came.
func (e *env) exchange(ctx context.Context, r *scenario.Response, out outbound) error {
	err := e.send(ctx, r, out)
	if err != nil {
		return err
	}
	e.redactor.Learn(r.Body) // before any message or transcript line shows the body
	if len(r.Body) > scenario.MaxBody {
		r.Body, r.CutOff = r.Body[:scenario.MaxBody], true
	}
	e.transcript.record(e.redactor, out, r)
	return nil
}

// send performs the exchange with the retry policy, and refreshes a fetched token once when
// the target answers 401 to it.
func (e *env) send(ctx context.Context, r *scenario.Response, out outbound) error {
	refreshed := false
	for attempt := 1; ; attempt++ {
		if err := e.wait(ctx); err != nil {
			return err
		}
		auth, fromSource, err := e.attempt(ctx, r, out)
		var te *scenario.TokenError
		if errors.As(err, &te) || errors.Is(err, errNoRole) {
			return err
		}
		if err != nil {
			if retry, why := e.retryAfterError(r.Method, err, attempt); retry {
				r.Retries = append(r.Retries, why)
				continue
			}
			return err
		}
		if r.Status == http.StatusUnauthorized && fromSource && !refreshed {
			// A fetched token may have expired mid-run: fetch a new one and try once more.
			refreshed = true
			e.invalidate(r.Role, strings.TrimPrefix(auth, "Bearer "))
			r.Retries = append(r.Retries, fmt.Sprintf("attempt %d: 401 to a fetched token, refreshed it", attempt))
			continue
		}
		if wait, why, ok := e.retryAfterStatus(ctx, r.Method, r.Status, r.Header, attempt); ok {
			r.Retries = append(r.Retries, why)
			if err := sleep(ctx, wait); err != nil {
				return err
			}
			continue
		}
		return nil
	}
}

// attempt sends the request once and reads the response into r. The per-attempt timeout
// (CONFORMANCE_TIMEOUT) bounds each attempt, not the whole exchange: Retry-After waits between
// attempts count against the run's budget instead, so a short timeout does not rule out
// retrying a 429.
func (e *env) attempt(ctx context.Context, r *scenario.Response, out outbound) (auth string, fromSource bool, err error) {
	timeout := out.Timeout
	if timeout <= 0 {
		timeout = e.target.timeout()
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	auth, fromSource, err = e.authorization(ctx, r.Role)
	if err != nil {
		return "", fromSource, err
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, bytes.NewReader(out.Body))
	if err != nil {
		return auth, fromSource, fmt.Errorf("%w: %w", errBuild, err)
	}
	if out.Header != nil {
		req.Header = out.Header.Clone()
	}
	if out.ContentType != "" {
		req.Header.Set("Content-Type", out.ContentType)
	}
	req.Header.Set("Accept", "application/json")
	if auth != "" && req.Header.Get("Authorization") == "" {
		req.Header.Set("Authorization", auth)
	}
	start := time.Now()
	resp, err := e.client.Do(req)
	if err != nil {
		return auth, fromSource, err
	}
	defer resp.Body.Close()
	r.Status, r.Header = resp.StatusCode, resp.Header
	r.Body, err = io.ReadAll(io.LimitReader(resp.Body, scenario.MaxBody+1))
	r.Elapsed = time.Since(start)
	if err != nil {
		return auth, fromSource, &bodyError{err}
	}
	return auth, fromSource, nil
}

// errBuild: the request could not be built (a bad URL); never retried.
var errBuild = errors.New("cannot build the request")

// errNoRole: the role has neither a token nor a token source in this run.
var errNoRole = errors.New("role not configured")

// authorization returns the Authorization header for a role.
func (e *env) authorization(ctx context.Context, role scenario.Role) (header string, fromSource bool, err error) {
	switch role {
	case scenario.NoToken:
		return "", false, nil
	case scenario.BadToken:
		return "Bearer clientconf-not-a-valid-token-" + strings.TrimSuffix(e.prefix, "-"), false, nil
	}
	if !e.hasRole(role) {
		return "", false, fmt.Errorf("%w: %s; set %s", errNoRole, role, scenario.RoleHint(role))
	}
	tok, fromSource, err := e.token(ctx, role)
	if err != nil {
		return "", fromSource, &scenario.TokenError{Err: err}
	}
	return "Bearer " + tok, fromSource, nil
}
