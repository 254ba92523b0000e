package scenario

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/redact"
)

// Runtime is what the engine running a scenario gives its context: the one road to the target
// and the run's shared state. The engine implements it; scenario code never sees it.
type Runtime interface {
	// Exchange sends req as r.Role to r.URL (pacing, retries, token, transcript) and reads
	// the answer into r. It returns an error only when no usable response came: a
	// *TokenError when the role's token could not be had.
	Exchange(ctx context.Context, r *Response, req Request) error
	// NoteExchange counts exchanges that got no response: the run stops after too many.
	NoteExchange(err error)
	// HasRole reports whether the run can act as role (configured or minted).
	HasRole(role Role) bool
	// Minted reports whether role was minted with fewer scopes (Scoped).
	Minted(role Role) bool
	// Token returns the role's bearer token.
	Token(ctx context.Context, role Role) (string, error)
	// Mint returns the role of the main client with only scopes, minting its token once per
	// run (for the scenario that first asks): ErrNoMinting when the target cannot, else the
	// token endpoint's error.
	Mint(ctx context.Context, scenario string, scopes []string) (Role, error)
	// DeleteLater counts a created resource; the returned func deletes it (cleanup).
	DeleteLater(scenario string, del *contract.Op, url string, creator Role) func()
	// Name returns a run-unique name with the run's prefix.
	Name(tag string) string
	// CachedAppID and CacheAppID keep the app each role acts on, found once per run.
	CachedAppID(role Role) (string, bool)
	CacheAppID(role Role, id string)
	Redactor() *redact.Redactor
	Facts() Facts
}

// Facts are what the target tells about itself that some scenarios need.
type Facts struct {
	AppID, OtherAppID string // configured apps of the Main and Other roles ("": find out)
	TokenURL          string // the client credentials endpoint ("": unknown)
	SkipBasis         map[Basis]bool
	Timeout           time.Duration // per request
	HTTPClient        *http.Client  // for a scenario's own token requests
}

// Request is one request to send, and where it comes from (the transcript's purpose).
type Request struct {
	Purpose     string
	Scenario    string        // "" outside a scenario
	Timeout     time.Duration // per attempt; 0: the target's
	Body        []byte
	ContentType string
	Header      http.Header
}

// Purposes of an exchange, as the transcript names them.
const (
	PurposeScenario  = "scenario"
	PurposeCleanup   = "cleanup"
	PurposePreflight = "preflight"
)

// TokenError is a role's token that could not be had (a token endpoint failed).
type TokenError struct{ Err error }

func (t *TokenError) Error() string { return t.Err.Error() }
func (t *TokenError) Unwrap() error { return t.Err }

// ErrNoMinting: the target cannot mint tokens with fewer scopes.
var ErrNoMinting = errors.New("the target cannot mint tokens with fewer scopes")
