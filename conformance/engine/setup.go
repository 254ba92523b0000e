package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// SetupError is a setup mistake found before any scenario ran (target unreachable, base path
// wrong, a role's token rejected or holding the wrong permissions): one message naming what
// to change and how, instead of a list of vendor failures. Setting is a CONFORMANCE_*
// variable for a target read from the environment, else the Target field (Go terms).
type SetupError struct {
	Check   string // reachable, base-path, token, permission, other-app
	Setting string
	Problem string
	Fix     string
}

func (e *SetupError) Error() string {
	return fmt.Sprintf("setup error, no scenario ran: %s %s; fix: %s", e.Setting, e.Problem, e.Fix)
}

// Attr is the setup error as a `failure` attribute (docs/results-format.md) of the run.
func (e *SetupError) Attr() string {
	b, _ := json.Marshal(map[string]any{"rule": "setup/" + e.Check, "kind": scenario.KindSetup,
		"setting": e.Setting, "setup": true, "message": e.Error()})
	return string(b)
}

// goRoles are the Go names of the configured roles.
var goRoles = map[scenario.Role]string{scenario.Main: "Main", scenario.ReadOnly: "ReadOnly", scenario.NoPerm: "NoPerm",
	scenario.Other: "Other", scenario.Admin: "Admin", scenario.AppScoped: "AppScoped"}

// roleSetting names where a role's token is set: its variable, or its Target field.
func (t Target) roleSetting(r scenario.Role) string {
	if t.FromEnv {
		return scenario.RoleVariable(r)
	}
	if g, ok := goRoles[r]; ok {
		return "Target.Tokens[conformance." + g + "]"
	}
	return string(r)
}

// roleHint tells how to configure a role, in the target's terms.
func (t Target) roleHint(r scenario.Role) string {
	if t.FromEnv {
		return scenario.RoleHint(r)
	}
	if g, ok := goRoles[r]; ok {
		return "Target.Tokens[conformance." + g + "] (or Target.TokenSources[conformance." + g + "])"
	}
	return string(r)
}

// baseSetting names where a surface's base URL is set.
func (t Target) baseSetting(surface string) string {
	if t.FromEnv {
		return envvar.BaseURL
	}
	return fmt.Sprintf("Target.BaseURLs[%q]", surface)
}

// appSetting names where the other app's id is set.
func (t Target) otherAppSetting() string {
	if t.FromEnv {
		return envvar.OtherAppID
	}
	return "Target.OtherAppID"
}

// setupFailed ends the run before any scenario: a setup error becomes the run's outcome
// `error` with a `failure` of kind setup, and the message the report shows (exit 2).
func setupFailed(t *testing.T, err error) {
	t.Helper()
	var se *SetupError
	if errors.As(err, &se) {
		t.Attr("outcome", "error")
		t.Attr("failure", se.Attr())
	}
	t.Fatalf("%s %v", scenario.SuiteErrorPrefix, err)
}

// ids lists the suite's surface ids, in report order.
func (su *Suite) ids() []string {
	out := make([]string, 0, len(su.surfaces))
	for _, s := range su.surfaces {
		out = append(out, s.ID)
	}
	return out
}
