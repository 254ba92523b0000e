// Package envvar names every CONFORMANCE_* variable once: the configuration reader, the
// messages that name a variable and its fix, and the tools that print export lines all take
// the names from here.
package envvar

import "fmt"

// The run's variables (README, "Variables").
const (
	BaseURL          = "CONFORMANCE_BASE_URL"
	TokenURL         = "CONFORMANCE_TOKEN_URL"
	Audience         = "CONFORMANCE_AUDIENCE"
	AppID            = "CONFORMANCE_APP_ID"
	OtherAppID       = "CONFORMANCE_OTHER_APP_ID"
	Surfaces         = "CONFORMANCE_SURFACES"
	AllowDestructive = "CONFORMANCE_ALLOW_DESTRUCTIVE"
	SkipBasis        = "CONFORMANCE_SKIP_BASIS"
	Timeout          = "CONFORMANCE_TIMEOUT"
	Deadline         = "CONFORMANCE_DEADLINE"
	Concurrency      = "CONFORMANCE_CONCURRENCY"
	RPS              = "CONFORMANCE_RPS"
	Transcript       = "CONFORMANCE_TRANSCRIPT"
	Progress         = "CONFORMANCE_PROGRESS"      // interval of the progress line; 0: none
	ProgressFile     = "CONFORMANCE_PROGRESS_FILE" // where it goes; "": the test binary's stderr
	// Read by the report (cmd/report), not by the test run.
	Baseline       = "CONFORMANCE_BASELINE"
	BaselineStrict = "CONFORMANCE_BASELINE_STRICT"
	// Read by the specs' real-traffic tests: where the shared recordings live.
	SharedDir = "CONFORMANCE_SHARED_DIR"
)

// Prefix starts every variable of the suite.
const Prefix = "CONFORMANCE_"

// RoleVars are the variables of one role: a fixed token, or client credentials.
type RoleVars struct {
	Role         string // the suite's role name: main, readonly, noperm, other, admin
	Token        string
	ClientID     string
	ClientSecret string
}

// roleInfix is the part of a role's variable names between CONFORMANCE_ and TOKEN/CLIENT_ID.
func roleVars(role, infix string) RoleVars {
	p := Prefix + infix
	return RoleVars{Role: role, Token: p + "TOKEN", ClientID: p + "CLIENT_ID", ClientSecret: p + "CLIENT_SECRET"}
}

// Roles lists the configurable roles' variables, main first.
func Roles() []RoleVars {
	return []RoleVars{
		roleVars("main", ""),
		roleVars("readonly", "READONLY_"),
		roleVars("noperm", "NOPERM_"),
		roleVars("other", "OTHER_APP_"),
		roleVars("admin", "ADMIN_"),
		roleVars("appscoped", "APPSCOPED_"),
	}
}

// ForRole returns the variables of a role, and false for a role nobody configures (no-token,
// bad-token, a minted one).
func ForRole(role string) (RoleVars, bool) {
	for _, rv := range Roles() {
		if rv.Role == role {
			return rv, true
		}
	}
	return RoleVars{}, false
}

// Error is a bad configuration: it names the variable and the fix.
type Error struct {
	Variable string
	Problem  string
	Fix      string
}

func (e *Error) Error() string {
	return fmt.Sprintf("configuration error: %s %s; fix: %s", e.Variable, e.Problem, e.Fix)
}
