package engine

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/conformance/pipeline"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// checkReachable sends one read per surface before any scenario runs, so an unreachable
// target or a rejected token gives one clear error instead of one timeout per scenario.
func (e *env) checkReachable(ctx context.Context) error {
	role := scenario.Main
	if !e.target.HasRole(role) {
		role = scenario.Admin
	}
	if !e.target.HasRole(role) {
		role = scenario.NoToken
	}
	for _, surface := range e.suite.surfacesOf(e.target) {
		sp := e.suite.specs[surface]
		var path string
		for _, op := range sp.Ops() {
			if op.Method == http.MethodGet && !containsParam(op.Path) {
				path = op.Path
				break
			}
		}
		if path == "" {
			continue
		}
		url := e.target.BaseURLs[surface] + path
		timeout := min(e.target.timeout(), 10*time.Second)
		r := &scenario.Response{Role: role, Method: http.MethodGet, Path: path, URL: url}
		r.Op, r.Params, _ = sp.Route(http.MethodGet, path)
		// The exchange reads the answer whole: a target that sends headers and then drips or
		// stalls must stop the run here, not cost a timeout in every scenario.
		err := e.exchange(ctx, r, outbound{Purpose: scenario.PurposePreflight, Timeout: timeout})
		var te *scenario.TokenError
		var be *pipeline.BodyError
		switch {
		case errors.As(err, &te):
			return te
		case errors.As(err, &be):
			return fmt.Errorf("the target sent no whole response, no scenario ran: GET %s: reading the body: %s; fix: check that the server is healthy, or raise "+envvar.Timeout+" (%s)",
				url, e.redactor.String(scenario.DescribeTransportError(be.Err)), timeout)
		case errors.Is(err, errBuild):
			return fmt.Errorf(envvar.BaseURL+" gives a bad request URL %q: %w", url, err)
		case err != nil:
			return fmt.Errorf("target unreachable, no scenario ran: GET %s: %s; fix: check "+envvar.BaseURL+" and that the server is up",
				url, e.redactor.String(scenario.DescribeTransportError(err)))
		}
		if r.Status == http.StatusUnauthorized {
			return fmt.Errorf("the target rejected the %s token (GET %s → 401), no scenario ran; fix: set %s to a valid, unexpired token",
				role, url, scenario.RoleVariable(role))
		}
	}
	return nil
}

func containsParam(path string) bool {
	for _, c := range path {
		if c == '{' {
			return true
		}
	}
	return false
}
