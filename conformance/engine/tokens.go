package engine

import (
	"context"
	"fmt"
	"net/http"

	"github.com/clientconf/clientconf/conformance/pipeline"
	"github.com/clientconf/clientconf/conformance/scenario"
	"github.com/clientconf/clientconf/conformance/tokens"
)

// TokenSource supplies a role's bearer token when it is not configured as a fixed string:
// e.g. fetched with client credentials, cached, and refreshed before it expires
// (tokens.ClientCredentials). A source that also has a Secrets() []string method has what it
// lists masked in every output, like the tokens it hands out.
type TokenSource = pipeline.TokenSource

// HasRole reports whether the target can act as role (a token or a token source).
func (t Target) HasRole(r scenario.Role) bool {
	return t.Tokens[r] != "" || t.TokenSources[r] != nil
}

// roles resolves a role to its credential for the pipeline's auth layer: the target's fixed
// tokens and token sources, and the run's minted roles. No-token sends no Authorization;
// bad-token is a header the exchange sets itself.
type roles struct{ e *env }

func (rs roles) Credential(role string) (pipeline.Credential, bool) {
	r := scenario.Role(role)
	if r == scenario.NoToken || r == scenario.BadToken {
		return pipeline.Credential{}, true
	}
	if src := rs.e.source(r); src != nil {
		return pipeline.Credential{Source: src}, true
	}
	switch {
	case rs.e.target.Tokens[r] != "":
		return pipeline.Credential{Token: rs.e.target.Tokens[r]}, true
	}
	return pipeline.Credential{}, false
}

// source is the role's token source: the target's, or the one of a role minted with fewer
// scopes (see Scoped); nil for a fixed token.
func (e *env) source(r scenario.Role) TokenSource {
	if src := e.target.TokenSources[r]; src != nil {
		return src
	}
	return e.scoped.source(r)
}

// onPipeline sends a token source's own requests through the run's pipeline (paced, retried
// on 429, written to the transcript as purpose "token").
func onPipeline(src TokenSource, client *http.Client) {
	if cc, ok := src.(*tokens.ClientCredentials); ok {
		cc.HTTPClient = client
	}
}

// token returns the role's bearer token (scenario code that builds its own requests needs it):
// from its source when it has one, else the fixed one. Every token is remembered as a secret
// before it can reach any output.
func (e *env) token(ctx context.Context, r scenario.Role) (string, error) {
	if src := e.source(r); src != nil {
		ctx = pipeline.WithExchange(ctx, pipeline.Exchange{Purpose: pipeline.PurposeToken, Role: string(r)})
		tok, err := e.fromSource(ctx, src)
		if err != nil {
			return "", fmt.Errorf("getting a token for the %s role: %s", r, e.redactor.String(err.Error()))
		}
		return tok, nil
	}
	return e.target.Tokens[r], nil
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
