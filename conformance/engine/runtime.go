package engine

import (
	"context"
	"fmt"

	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/pipeline"
	"github.com/clientconf/clientconf/conformance/redact"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// env is the scenario.Runtime of a run: every scenario context reaches the target and the
// run's shared state through these methods only.
var _ scenario.Runtime = (*env)(nil)

// Exchange sends one scenario request through the engine's road (see send.go).
func (e *env) Exchange(ctx context.Context, r *scenario.Response, req scenario.Request) error {
	return e.exchange(ctx, r, req)
}

// NoteExchange counts exchanges without a response.
func (e *env) NoteExchange(err error) { e.noteExchange(err) }

// HasRole reports whether the run can act as role: a configured role, or a minted one.
func (e *env) HasRole(role scenario.Role) bool { return e.hasRole(role) }

// Minted reports whether role was minted with fewer scopes.
func (e *env) Minted(role scenario.Role) bool { return e.minted(role) }

// Token returns the role's bearer token.
func (e *env) Token(ctx context.Context, role scenario.Role) (string, error) {
	return e.token(ctx, role)
}

// Mint returns the role of the main client limited to scopes, its token minted once per run;
// the transcript names the scenario that asked first.
func (e *env) Mint(ctx context.Context, scenarioID string, scopes []string) (scenario.Role, error) {
	if e.target.ScopedTokens == nil {
		return "", scenario.ErrNoMinting
	}
	role := scopedRole(scopes)
	src := e.scoped.sourceFor(role, scopes, func(set []string) TokenSource {
		src := e.target.ScopedTokens(set)
		onPipeline(src, e.http)
		return src
	})
	ctx = pipeline.WithExchange(ctx, pipeline.Exchange{Purpose: pipeline.PurposeToken, Scenario: scenarioID, Role: string(role)})
	if _, err := e.fromSource(ctx, src); err != nil {
		return "", err
	}
	return role, nil
}

// DeleteLater counts a created resource and returns its cleanup.
func (e *env) DeleteLater(scenarioID string, del *contract.Op, url string, creator scenario.Role) func() {
	e.ledger.add()
	return func() { e.deleteCreated(scenarioID, del, url, creator) }
}

// Name returns a unique name with the run's prefix, so leftovers can be found and swept.
func (e *env) Name(tag string) string {
	return fmt.Sprintf("%s%s-%d", e.prefix, tag, e.seq.Add(1))
}

// CachedAppID returns the app found earlier for role.
func (e *env) CachedAppID(role scenario.Role) (string, bool) {
	v, ok := e.apps.Load(role)
	if !ok {
		return "", false
	}
	return v.(string), true
}

// CacheAppID keeps the app found for role.
func (e *env) CacheAppID(role scenario.Role, id string) { e.apps.Store(role, id) }

// Redactor masks the run's secrets.
func (e *env) Redactor() *redact.Redactor { return e.redactor }

// Facts are what the target tells about itself.
func (e *env) Facts() scenario.Facts {
	return scenario.Facts{AppID: e.target.AppID, OtherAppID: e.target.OtherAppID, TokenURL: e.target.TokenURL,
		SkipBasis: e.target.SkipBasis, Timeout: e.target.timeout(), HTTPClient: e.http}
}
