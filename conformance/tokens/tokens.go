// Package tokens fetches bearer tokens with the OAuth 2.0 client credentials grant (RFC 6749
// §4.4) from a Transmit (/oidc/token) or Auth0 (/oauth/token) token endpoint, caches them, and
// refreshes them before they expire. A *ClientCredentials is a conformance.TokenSource and a
// pipeline.TokenSource.
//
// Token requests take the run's road like every other request: give the source the pipeline's
// client (HTTPClient: p.Client()) and each token request is paced, retried on 429 and written to
// the transcript as purpose "token", under the scenario and role whose request needed it.
//
// Why not golang.org/x/oauth2/clientcredentials underneath: it sends form bodies only (Auth0's
// SDKs send JSON), its token source takes no per-call context (a waiter giving up must not fail
// the shared fetch, and a fetch must carry the exchange for the transcript), it has no way to drop
// a token the target rejected with 401, renews at a fixed 10 s before expiry instead of a share of
// the lifetime, does not keep a still-valid token when a renewal fails, reads only OAuth's error
// shape (not Transmit's {message, error_code}), and its RetrieveError prints the raw response
// body, which may echo the client secret. Each of those is behaviour the suite relies on; the
// hand-written source is about 250 lines.
package tokens

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/clientconf/clientconf/conformance/pipeline"
)

// Style is how the token request is encoded.
type Style string

const (
	// Form is application/x-www-form-urlencoded, as Transmit's /oidc/token takes it (and Auth0's
	// /oauth/token accepts too).
	Form Style = "form"
	// JSON is an application/json body, as Auth0's SDKs send to /oauth/token.
	JSON Style = "json"
)

// Refresh policy: a token is renewed when less than max(minMargin, lifetime/10) of its lifetime
// remains, but never earlier than half its lifetime (a token of 30 s is renewed after 15 s).
const (
	minMargin    = 60 * time.Second
	fetchTimeout = 30 * time.Second // of one token request, when HTTPClient has no timeout
	maxBody      = 1 << 20          // of a token response the source reads
	maxShown     = 200              // characters of a server-supplied error text kept in errors
)

// ClientCredentials is a token source for one OAuth client: it fetches a token once, hands the
// same token to every caller until it is close to expiry, and lets many concurrent callers share
// one request. Use it by pointer; set the fields before the first Token call.
type ClientCredentials struct {
	TokenURL     string
	ClientID     string
	ClientSecret string
	Audience     string // Auth0: the API identifier, e.g. https://TENANT.auth0.com/api/v2/; "": not sent
	Scope        string // optional space-separated scopes to ask for; "": not sent
	Style        Style  // "" means Form
	// HTTPClient sends the token requests; nil means a client with a 30 s timeout that never
	// follows redirects (a redirected POST would carry the secret to wherever it points).
	HTTPClient *http.Client

	now func() time.Time // time.Now unless a test sets it

	mu        sync.Mutex
	token     string
	expires   time.Time // zero: unknown lifetime, kept until Invalidate
	refreshAt time.Time
	inflight  *fetch
}

// fetch is one token request that every caller who asks meanwhile waits for.
type fetch struct {
	done    chan struct{}
	token   string
	expires time.Time
	err     error
}

// Error is a failed token request. It never holds the client secret or a token: a server text
// that echoes the secret is masked before it is kept.
type Error struct {
	TokenURL    string // without userinfo
	ClientID    string
	Status      int    // HTTP status; 0 when no response came
	Code        string // the OAuth "error" field (or Transmit's error_code), if any
	Description string // error_description (or Transmit's message), if any
	Problem     string // what went wrong, when it is not the server's error answer
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "token request for client %q to %s failed: ", e.ClientID, e.TokenURL)
	switch {
	case e.Status != 0 && e.Problem == "":
		fmt.Fprintf(&b, "status %d", e.Status)
	case e.Status != 0:
		fmt.Fprintf(&b, "status %d, %s", e.Status, e.Problem)
	default:
		b.WriteString(e.Problem)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, ", error %q", e.Code)
	}
	if e.Description != "" {
		fmt.Fprintf(&b, ": %s", e.Description)
	}
	return b.String()
}

// Token returns a valid token: the cached one, or a fresh one when none is cached or the cached
// one is due for renewal. Concurrent callers share one request. When a renewal fails while the
// cached token has not expired yet, the cached token is returned and the next call tries again.
func (c *ClientCredentials) Token(ctx context.Context) (string, error) {
	now := c.clock()
	c.mu.Lock()
	if c.token != "" && (c.refreshAt.IsZero() || now.Before(c.refreshAt)) {
		tok := c.token
		c.mu.Unlock()
		return tok, nil
	}
	f := c.inflight
	if f == nil {
		f = &fetch{done: make(chan struct{})}
		c.inflight = f
		// The request is shared: one caller giving up must not fail it for the others.
		go c.run(context.WithoutCancel(ctx), f)
	}
	c.mu.Unlock()
	select {
	case <-f.done:
	case <-ctx.Done():
		return "", fmt.Errorf("waiting for a token from %s: %w", redactURL(c.TokenURL), ctx.Err())
	}
	if f.err == nil {
		return f.token, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token != "" && c.clock().Before(c.expires) {
		return c.token, nil // renewal failed, but the cached token is still good
	}
	return "", f.err
}

// Invalidate drops the cached token when it is tok (the target rejected it), so the next Token
// call fetches a new one. A token that was already replaced is left alone.
func (c *ClientCredentials) Invalidate(tok string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if tok != "" && c.token == tok {
		c.token, c.expires, c.refreshAt = "", time.Time{}, time.Time{}
	}
}

// Secrets lists what must never be printed: the client secret (tokens are added as they come).
func (c *ClientCredentials) Secrets() []string { return []string{c.ClientSecret} }

func (c *ClientCredentials) run(ctx context.Context, f *fetch) {
	issued := c.clock()
	f.token, f.expires, f.err = c.request(ctx, issued)
	c.mu.Lock()
	if f.err == nil {
		c.token, c.expires = f.token, f.expires
		c.refreshAt = refreshTime(issued, f.expires)
	}
	c.inflight = nil
	c.mu.Unlock()
	close(f.done)
}

// refreshTime is when a token issued at issued and expiring at expires is due for renewal.
func refreshTime(issued, expires time.Time) time.Time {
	if expires.IsZero() {
		return time.Time{}
	}
	life := expires.Sub(issued)
	margin := max(minMargin, life/10)
	margin = min(margin, life/2)
	return expires.Add(-margin)
}

func (c *ClientCredentials) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

// request performs one token request.
func (c *ClientCredentials) request(ctx context.Context, issued time.Time) (string, time.Time, error) {
	fail := func(status int, problem string) (string, time.Time, error) {
		return "", time.Time{}, c.newError(status, problem)
	}
	if c.ClientID == "" || c.ClientSecret == "" {
		return fail(0, "the client id or secret is empty")
	}
	client := c.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: fetchTimeout, CheckRedirect: noRedirects}
	}
	if client.Timeout == 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, fetchTimeout)
		defer cancel()
	}
	body, contentType, err := c.encode()
	if err != nil {
		return fail(0, err.Error())
	}
	req, err := http.NewRequestWithContext(c.exchange(ctx), http.MethodPost, c.TokenURL, bytes.NewReader(body))
	if err != nil {
		return fail(0, "bad token URL")
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return fail(0, c.mask(describe(err)))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return fail(resp.StatusCode, "reading the response failed: "+c.mask(describe(err)))
	}
	if resp.StatusCode != http.StatusOK {
		e := c.newError(resp.StatusCode, "")
		e.Code, e.Description = c.oauthError(data)
		return "", time.Time{}, e
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "" && mt != "application/json" {
		return fail(resp.StatusCode, fmt.Sprintf("the response is %s, not JSON", mt))
	}
	var out struct {
		AccessToken string          `json:"access_token"`
		TokenType   string          `json:"token_type"`
		ExpiresIn   json.RawMessage `json:"expires_in"`
	}
	if err := json.Unmarshal(data, &out); err != nil {
		return fail(resp.StatusCode, "the response is not a JSON object")
	}
	if out.AccessToken == "" {
		return fail(resp.StatusCode, "the response has no access_token")
	}
	if out.TokenType != "" && !strings.EqualFold(out.TokenType, "Bearer") {
		return fail(resp.StatusCode, fmt.Sprintf("token_type is %q, not Bearer", c.mask(out.TokenType)))
	}
	secs, err := parseExpiresIn(out.ExpiresIn)
	if err != nil {
		return fail(resp.StatusCode, err.Error())
	}
	var expires time.Time
	if secs > 0 {
		expires = issued.Add(time.Duration(secs) * time.Second)
	}
	return out.AccessToken, expires, nil
}

// exchange marks the token request for the pipeline: purpose token, under the scenario and role
// of the request that needed the token (the pipeline's auth layer leaves token requests alone).
func (c *ClientCredentials) exchange(ctx context.Context) context.Context {
	x := pipeline.ExchangeOf(ctx)
	x.Purpose, x.Operation, x.PathTemplate = pipeline.PurposeToken, "token", ""
	if u, err := url.Parse(c.TokenURL); err == nil {
		x.PathTemplate = u.Path
	}
	return pipeline.WithExchange(ctx, x)
}

// encode builds the token request body.
func (c *ClientCredentials) encode() ([]byte, string, error) {
	fields := [][2]string{{"grant_type", "client_credentials"}, {"client_id", c.ClientID}, {"client_secret", c.ClientSecret}}
	if c.Audience != "" {
		fields = append(fields, [2]string{"audience", c.Audience})
	}
	if c.Scope != "" {
		fields = append(fields, [2]string{"scope", c.Scope})
	}
	switch c.Style {
	case "", Form:
		v := url.Values{}
		for _, f := range fields {
			v.Set(f[0], f[1])
		}
		return []byte(v.Encode()), "application/x-www-form-urlencoded", nil
	case JSON:
		m := map[string]string{}
		for _, f := range fields {
			m[f[0]] = f[1]
		}
		data, err := json.Marshal(m)
		return data, "application/json", err
	default:
		return nil, "", fmt.Errorf("unknown request style %q", c.Style)
	}
}

// parseExpiresIn reads expires_in as a number or a numeric string; absent or null is 0.
func parseExpiresIn(raw json.RawMessage) (int64, error) {
	s := strings.Trim(strings.TrimSpace(string(raw)), `"`)
	if s == "" || s == "null" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("expires_in is %.40q, not a number of seconds", s)
	}
	return int64(f), nil
}

// oauthError reads an error answer: OAuth's {error, error_description} (RFC 6749 §5.2), or
// Transmit's {message, error_code}. Secrets are masked and long texts cut.
func (c *ClientCredentials) oauthError(data []byte) (code, description string) {
	var body map[string]any
	if json.Unmarshal(data, &body) != nil {
		return "", ""
	}
	text := func(keys ...string) string {
		for _, k := range keys {
			switch v := body[k].(type) {
			case string:
				return v
			case float64:
				return strconv.FormatFloat(v, 'f', -1, 64)
			case []any:
				parts := make([]string, 0, len(v))
				for _, p := range v {
					parts = append(parts, fmt.Sprint(p))
				}
				return strings.Join(parts, "; ")
			}
		}
		return ""
	}
	return c.clip(text("error", "error_code")), c.clip(text("error_description", "message"))
}

func (c *ClientCredentials) clip(s string) string {
	s = c.mask(s)
	if len(s) > maxShown {
		s = s[:maxShown] + "…"
	}
	return s
}

// mask removes the client secret (and the cached token) from text the server or transport made.
func (c *ClientCredentials) mask(s string) string {
	for _, secret := range []string{c.ClientSecret, c.currentToken()} {
		if len(secret) >= 4 {
			s = strings.ReplaceAll(s, secret, "***")
		}
	}
	return s
}

func (c *ClientCredentials) currentToken() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.token
}

func (c *ClientCredentials) newError(status int, problem string) *Error {
	return &Error{TokenURL: redactURL(c.TokenURL), ClientID: c.ClientID, Status: status, Problem: problem}
}

// redactURL drops userinfo and query from a URL for messages.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable token URL)"
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}

// describe is a transport error without the URL (which may carry a query).
func describe(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return "timed out: " + ue.Err.Error()
		}
		return ue.Err.Error()
	}
	return err.Error()
}

func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
