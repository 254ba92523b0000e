package engine

import (
	"context"
	"fmt"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// TokenSource supplies a role's bearer token when it is not configured as a fixed string:
// e.g. fetched with client credentials, cached, and refreshed before it expires
// (tokens.ClientCredentials). A source that also has a Secrets() []string method has what it
// lists masked in every output, like the tokens it hands out.
type TokenSource interface {
	// Token returns a currently valid token, fetching or refreshing it when needed.
	Token(ctx context.Context) (string, error)
	// Invalidate drops a token the target rejected with 401, so the next Token fetches anew.
	Invalidate(token string)
}

// HasRole reports whether the target can act as role (a token or a token source).
func (t Target) HasRole(r scenario.Role) bool {
	return t.Tokens[r] != "" || t.TokenSources[r] != nil
}

// source is the role's token source: the target's, or the one of a role minted with fewer
// scopes (see Scoped); nil for a fixed token.
func (e *env) source(r scenario.Role) TokenSource {
	if src := e.target.TokenSources[r]; src != nil {
		return src
	}
	return e.scoped.source(r)
}

// token returns the role's bearer token: from its source when it has one, else the fixed one.
// Every token is remembered as a secret before it can reach any output.
func (e *env) token(ctx context.Context, r scenario.Role) (tok string, fromSource bool, err error) {
	if src := e.source(r); src != nil {
		tok, err = e.fromSource(ctx, src)
		if err != nil {
			return "", true, fmt.Errorf("getting a token for the %s role: %s", r, e.redactor.String(err.Error()))
		}
		return tok, true, nil
	}
	return e.target.Tokens[r], false, nil
}

// fromSource asks src for a token, masking its secrets and the token before either can be
// printed. The error is the source's own (unmasked): callers mask it before showing it.
func (e *env) fromSource(ctx context.Context, src TokenSource) (string, error) {
	if h, ok := src.(interface{ Secrets() []string }); ok { // e.g. a client secret
		for _, secret := range h.Secrets() {
			e.redactor.Add(secret)
		}
	}
	tok, err := src.Token(ctx)
	if err != nil {
		return "", err
	}
	e.redactor.Add(tok)
	return tok, nil
}

// invalidate tells the role's source that the target rejected tok.
func (e *env) invalidate(r scenario.Role, tok string) {
	if src := e.source(r); src != nil {
		src.Invalidate(tok)
	}
}
