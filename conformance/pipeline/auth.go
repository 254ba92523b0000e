package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/clientconf/clientconf/conformance/redact"
)

// TokenSource supplies a role's bearer token when it is fetched rather than fixed (e.g.
// tokens.ClientCredentials). A source with a Secrets() []string method has what it lists
// masked in every output, like the tokens it hands out.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
	// Invalidate drops a token the target rejected with 401, so the next Token fetches anew.
	Invalidate(token string)
}

// Credential is how a role authenticates: a fixed Token, or a Source; the zero Credential
// sends no Authorization header (e.g. a "no token" role).
type Credential struct {
	Token  string
	Source TokenSource
}

// Roles resolves a role name to its credential; ok is false when the role is not configured.
type Roles interface {
	Credential(role string) (c Credential, ok bool)
}

// RoleMap is a fixed set of roles.
type RoleMap map[string]Credential

// Credential implements Roles.
func (m RoleMap) Credential(role string) (Credential, bool) {
	c, ok := m[role]
	return c, ok
}

// NoCredentialError is a request for a role that is not configured.
type NoCredentialError struct{ Role string }

func (e *NoCredentialError) Error() string {
	return fmt.Sprintf("the %s role is not configured", e.Role)
}

// TokenError is a role's token that could not be had: its source (a token endpoint) failed.
// Problem is already masked; the source's own error is not kept, as it may hold a secret.
type TokenError struct{ Role, Problem string }

func (e *TokenError) Error() string {
	return fmt.Sprintf("getting a token for the %s role: %s", e.Role, e.Problem)
}

// auth sets the Authorization header from the exchange's role. It never overrides a header the
// caller set (e.g. a deliberately bad token), never sends a token to a host other than the
// base URL's, and leaves token requests alone (they carry the client's own credentials).
type auth struct {
	next     http.RoundTripper
	roles    Roles
	base     *url.URL // nil: any host
	redactor *redact.Redactor
}

func (a *auth) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	x := ExchangeOf(ctx)
	rec := recordOf(ctx)
	if req.Header.Get("Authorization") != "" {
		rec.setAuthorized()
		return a.next.RoundTrip(req)
	}
	if x.Role == "" || x.Purpose == PurposeToken || a.roles == nil || !a.sameOrigin(req.URL) {
		return a.next.RoundTrip(req)
	}
	cred, ok := a.roles.Credential(x.Role)
	if !ok {
		return nil, &NoCredentialError{Role: x.Role}
	}
	tok, err := a.token(ctx, x.Role, cred)
	if err != nil || tok == "" {
		if err == nil {
			return a.next.RoundTrip(req) // a role that sends no token
		}
		return nil, err
	}
	resp, err := a.send(req, tok)
	if err != nil || resp.StatusCode != http.StatusUnauthorized || cred.Source == nil {
		return resp, err
	}
	// A fetched token may have expired mid-run: fetch a new one and try once more.
	cred.Source.Invalidate(tok)
	rec.retry(fmt.Sprintf("attempt %d: 401 to a fetched token, refreshed it", rec.attemptsSoFar()))
	if tok, err = a.token(ctx, x.Role, cred); err != nil {
		return resp, nil // the 401 stands: the caller judges it
	}
	if req, err = rewind(req); err != nil {
		return resp, nil
	}
	return a.send(req, tok)
}

func (a *auth) send(req *http.Request, tok string) (*http.Response, error) {
	out := req.WithContext(req.Context()) // a copy whose headers are its own: the caller's stay as sent
	out.Header = req.Header.Clone()
	out.Header.Set("Authorization", "Bearer "+tok)
	recordOf(req.Context()).setAuthorized()
	return a.next.RoundTrip(out)
}

// token returns the role's token, remembering it (and its source's secrets) as secrets before
// anything can print them.
func (a *auth) token(ctx context.Context, role string, c Credential) (string, error) {
	if c.Source == nil {
		a.redactor.Add(c.Token)
		return c.Token, nil
	}
	if s, ok := c.Source.(interface{ Secrets() []string }); ok {
		for _, secret := range s.Secrets() {
			a.redactor.Add(secret)
		}
	}
	tok, err := c.Source.Token(ctx)
	if err != nil {
		return "", &TokenError{Role: role, Problem: a.redactor.String(err.Error())}
	}
	a.redactor.Add(tok)
	return tok, nil
}

func (a *auth) sameOrigin(u *url.URL) bool {
	return a.base == nil || (strings.EqualFold(u.Scheme, a.base.Scheme) && strings.EqualFold(u.Host, a.base.Host))
}

func (r *record) setAuthorized() {
	r.mu.Lock()
	r.authorized = true
	r.mu.Unlock()
}

func (r *record) attemptsSoFar() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.attempts
}
