package engine

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/conformance/pipeline"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// checkSetup verifies the setup before any scenario runs, with harmless requests: the target
// answers, the base path is right, and each configured role's token is accepted and holds what
// the role needs (role checks in preflight_roles.go). A mistake there is one SetupError, not a
// list of vendor failures in every scenario that happens to use the role.
func (e *env) checkSetup(ctx context.Context) error {
	if err := e.checkDistinctTokens(); err != nil {
		return err
	}
	// The main token refused on one surface but fully allowed on another of the same vendor
	// (same token) is the first surface's permission rule at fault, not the setup.
	// Surfaces are checked at once (each request still paced): the checks cost two round
	// trips, not one per request.
	ids := e.suite.surfacesOf(e.target)
	fine := make([]bool, len(ids))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, surface := range ids {
		wg.Go(func() { fine[i], errs[i] = e.checkSurface(ctx, surface) })
	}
	wg.Wait()
	var refused error
	refusedVendor := ""
	allowed := map[string]bool{}
	for i, surface := range ids {
		vendor := e.suite.surface(surface).Vendor
		var se *SetupError
		switch err := errs[i]; {
		case errors.As(err, &se) && se.Check == "permission" && se.Setting == e.target.roleSetting(scenario.Main):
			if refused == nil {
				refused, refusedVendor = err, vendor
			}
		case err != nil:
			return err
		case fine[i]:
			allowed[vendor] = true
		}
	}
	if refused != nil && !allowed[refusedVendor] {
		return refused
	}
	return nil
}

// checkSurface reads the surface's collection as the main role (else admin, else no token):
// it must answer whole, not 404 (a base URL without its base path) and not 401; then the
// main token's create permission and the other roles. fine: the main token read and may create.
func (e *env) checkSurface(ctx context.Context, surface string) (fine bool, err error) {
	path := collectionPath(e.suite.specs[surface])
	if path == "" {
		return false, nil
	}
	role := scenario.Main
	if !e.target.HasRole(role) {
		role = scenario.Admin
	}
	if !e.target.HasRole(role) {
		role = scenario.NoToken
	}
	r, err := e.probe(ctx, surface, role, http.MethodGet, path, nil)
	if err != nil {
		return false, e.unreachable(surface, r, err)
	}
	switch r.Status {
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		return false, e.basePathError(surface, r)
	case http.StatusUnauthorized:
		return false, e.rejected(role, r)
	}
	if e.target.ReachOnly || role != scenario.Main {
		return false, nil
	}
	reads, post, err := e.probeRoles(ctx, surface, path)
	if err != nil {
		return false, err
	}
	refused := r.Status == http.StatusForbidden
	creates := post == nil || (post.Status != http.StatusForbidden && post.Status < 500)
	switch {
	case refused && !creates && readersRefused(reads):
		// Every token refused, the main one too: the target's permission rule is at fault
		// (a permission list read as all-of, say), for the scenarios to report.
		return false, nil
	case refused && !creates:
		return false, e.permissionError(role, r, "may neither read nor create",
			"use a token of an app with full client permissions (read, create, update, delete)")
	case post != nil && post.Status == http.StatusForbidden:
		return false, e.permissionError(role, post, "may read but not create (a create with an invalid body was refused before validation)",
			"use a token of an app with full client permissions (read, create, update, delete)")
	}
	for _, other := range e.suite.surface(surface).Roles {
		if rr := reads[other]; rr != nil {
			if err := e.checkRole(ctx, surface, path, rr, r); err != nil {
				return false, err
			}
		}
	}
	// A token that may create but not list is no setup anyone makes: the target's list rule
	// is then at fault, for the scenarios to report.
	return r.Status/100 == 2 && creates, nil
}

// probeRoles reads the collection as every other configured role and sends the main role's
// create probe, all at once. A role's token rejected (401) or not to be had is an error; a
// request without an answer after the reachability check is left to the scenarios.
func (e *env) probeRoles(ctx context.Context, surface, path string) (map[scenario.Role]*scenario.Response, *scenario.Response, error) {
	var roles []scenario.Role
	for _, other := range e.suite.surface(surface).Roles {
		if other != scenario.Main && e.target.HasRole(other) {
			roles = append(roles, other)
		}
	}
	answers := make([]*scenario.Response, len(roles))
	errs := make([]error, len(roles)+1)
	var post *scenario.Response
	var wg sync.WaitGroup
	for i, role := range roles {
		wg.Go(func() {
			r, err := e.probe(ctx, surface, role, http.MethodGet, path, nil)
			switch {
			case err != nil:
				errs[i] = e.tokenFailure(role, err)
			case r.Status == http.StatusUnauthorized:
				errs[i] = e.rejected(role, r)
			default:
				answers[i] = r
			}
		})
	}
	wg.Go(func() { post, errs[len(roles)] = e.checkCreate(ctx, surface, path) })
	wg.Wait()
	reads := map[scenario.Role]*scenario.Response{}
	for i, role := range roles {
		if errs[i] != nil {
			return nil, nil, errs[i]
		}
		if answers[i] != nil {
			reads[role] = answers[i]
		}
	}
	return reads, post, errs[len(roles)]
}

// readersRefused reports whether some role expected to read (read-only, other-app, admin) is
// configured and none of them could.
func readersRefused(reads map[scenario.Role]*scenario.Response) bool {
	configured := false
	for role, rr := range reads {
		if role == scenario.NoPerm {
			continue
		}
		configured = true
		if rr.Status/100 == 2 {
			return false
		}
	}
	return configured
}

// collectionPath is the path of the surface's list: a GET without parameters, preferably one
// that also takes the POST that creates (its permission is checked too).
func collectionPath(sp *contract.Spec) string {
	var first string
	for _, op := range sp.Ops() {
		if op.Method != http.MethodGet || strings.Contains(op.Path, "{") {
			continue
		}
		if post, _, _ := sp.Route(http.MethodPost, op.Path); post != nil {
			return op.Path
		}
		if first == "" {
			first = op.Path
		}
	}
	return first
}

// invalidBody is a create body no server can create from (not an object): a POST with it
// checks the create permission without creating anything.
var invalidBody = []byte("[]")

// probe sends one preflight request through the engine's road.
func (e *env) probe(ctx context.Context, surface string, role scenario.Role, method, path string, body []byte) (*scenario.Response, error) {
	url := e.target.BaseURLs[surface] + path
	r := &scenario.Response{Role: role, Method: method, Path: path, URL: url}
	r.Op, r.Params, _ = e.suite.specs[surface].Route(method, path)
	out := outbound{Purpose: scenario.PurposePreflight, Timeout: min(e.target.timeout(), 10*time.Second), Body: body}
	if body != nil {
		out.ContentType = "application/json"
	}
	// The exchange reads the answer whole: a target that sends headers and then drips or
	// stalls must stop the run here, not cost a timeout in every scenario.
	return r, e.exchange(ctx, r, out)
}

// unreachable explains a preflight request that got no whole answer, naming the base URL's
// setting (its variable, or the Target field).
func (e *env) unreachable(surface string, r *scenario.Response, err error) error {
	var te *scenario.TokenError
	var be *pipeline.BodyError
	setting := e.target.baseSetting(surface)
	switch {
	case errors.As(err, &te):
		return te
	case errors.As(err, &be):
		timeout := envvar.Timeout
		if !e.target.FromEnv {
			timeout = "Target.Timeout"
		}
		return &SetupError{Check: "reachable", Setting: setting,
			Problem: fmt.Sprintf("names a target that sent no whole response (GET %s: reading the body: %s)",
				e.redactor.String(r.URL), e.redactor.String(scenario.DescribeTransportError(be.Err))),
			Fix: fmt.Sprintf("check that the server is healthy, or raise %s (%s)", timeout, min(e.target.timeout(), 10*time.Second))}
	case errors.Is(err, errBuild):
		return &SetupError{Check: "reachable", Setting: setting, Problem: fmt.Sprintf("gives a bad request URL %q: %v", r.URL, err),
			Fix: "set it to an absolute http(s) URL"}
	}
	return &SetupError{Check: "reachable", Setting: setting,
		Problem: fmt.Sprintf("names a target unreachable (GET %s: %s)", e.redactor.String(r.URL), e.redactor.String(scenario.DescribeTransportError(err))),
		Fix:     "check the URL and that the server is up"}
}

// basePathError: the collection is not there, so the base URL misses its base path (…:8080
// instead of …/cis) or points at another API.
func (e *env) basePathError(surface string, r *scenario.Response) error {
	base := e.target.BaseURLs[surface]
	mount := e.suite.surface(surface).Mount
	fix := "set it to the API's base URL, including its base path"
	if mount != "" && !strings.HasSuffix(base, mount) {
		fix += fmt.Sprintf(" (the %s API lives under %s: e.g. %s%s)", surface, mount, base, mount)
	}
	return &SetupError{Check: "base-path", Setting: e.target.baseSetting(surface),
		Problem: fmt.Sprintf("is %q, where the %s list is not found (%s %s → %d)", e.redactor.String(base), surface, r.Method, e.redactor.String(r.URL), r.Status),
		Fix:     fix}
}

// rejected: the target answered 401 to a role's token.
func (e *env) rejected(role scenario.Role, r *scenario.Response) error {
	if role == scenario.NoToken {
		return &SetupError{Check: "token", Setting: e.target.roleSetting(scenario.Main),
			Problem: fmt.Sprintf("is not set and the target demands a token (%s %s → 401)", r.Method, e.redactor.String(r.URL)),
			Fix:     "set it to a token of an app with full client permissions"}
	}
	fix := "set it to a valid, unexpired token"
	if e.target.TokenSources[role] != nil {
		fix = "check the role's client credentials and the token endpoint: the fetched token was refused"
	}
	if role == scenario.NoPerm {
		fix += " (of an app without client permissions: the target must know the token to answer 403)"
	}
	return &SetupError{Check: "token", Setting: e.target.roleSetting(role),
		Problem: fmt.Sprintf("was rejected by the target (%s %s → 401: unknown, expired or for another audience)", r.Method, e.redactor.String(r.URL)),
		Fix:     fix}
}

// permissionError: a role's token is accepted but holds the wrong permissions.
func (e *env) permissionError(role scenario.Role, r *scenario.Response, problem, fix string) error {
	return &SetupError{Check: "permission", Setting: e.target.roleSetting(role),
		Problem: fmt.Sprintf("%s (%s %s → %d)", problem, r.Method, e.redactor.String(r.URL), r.Status), Fix: fix}
}
