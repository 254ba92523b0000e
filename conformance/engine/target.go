package engine

import (
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// Target is what the suite checks: base URLs per surface, role tokens, and run options.
type Target struct {
	Name             string            // shown in reports
	BaseURLs         map[string]string // surface id → base URL without trailing slash
	Tokens           map[scenario.Role]string
	TokenSources     map[scenario.Role]TokenSource // roles whose tokens are fetched (client credentials)
	TokenURL         string                        // the client credentials token endpoint; "": unknown
	AppID            string                        // the app of the Main token (optional for external targets)
	OtherAppID       string                        // the app of the Other token
	AllowDestructive bool
	SkipBasis        map[scenario.Basis]bool
	Client           *http.Client  // only its Transport is used, under the run's pipeline; nil: the network
	Timeout          time.Duration // per request; 0 means 10s
	Concurrency      int           // scenarios in flight; 0 means 8
	RPS              float64       // requests per second at most; 0: no limit
	Deadline         time.Duration // for the whole run; 0: none (scenarios not started by then are skipped)
	Transcript       string        // file for a redacted JSON-lines transcript of every exchange; "": none
	Progress         time.Duration // interval of the progress line; 0: DefaultProgress, < 0: none
	ProgressFile     string        // where the progress line goes; "": the process's stderr
	RunPrefix        string        // prefix of every name the run creates; empty: generated
	// ScopedTokens returns a token source for the main role's client limited to scopes (Auth0:
	// /oauth/token with a scope subset), for the rules about one scope among several; nil: the
	// target cannot mint such tokens, and the scenarios that need them are skipped.
	ScopedTokens func(scopes []string) TokenSource
	// FromEnv marks a target read from CONFORMANCE_* variables (conformance.TargetFromConfig):
	// setup errors and skip reasons then name variables instead of Target fields.
	FromEnv bool
	// ReachOnly limits the checks before the run to one read per surface (reachable, base path,
	// main token accepted): for test doubles that answer only the requests they script. By
	// default every configured role's token is checked too (see preflight.go).
	ReachOnly bool
}

// Surfaces lists the surfaces the target is checked on, sorted by id (a Suite orders them
// as its surfaces are).
func (t Target) Surfaces() []string {
	return slices.Sorted(maps.Keys(t.BaseURLs))
}

func (t Target) timeout() time.Duration {
	if t.Timeout <= 0 {
		return 10 * time.Second
	}
	return t.Timeout
}

func (t Target) concurrency() int {
	if t.Concurrency <= 0 {
		return 8
	}
	return t.Concurrency
}
