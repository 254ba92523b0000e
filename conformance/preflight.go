package conformance

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// checkReachable sends one read per surface before any scenario runs, so an unreachable
// target or a rejected token gives one clear error instead of one timeout per scenario.
func (e *env) checkReachable(ctx context.Context) error {
	role := Main
	if !e.target.hasRole(role) {
		role = Admin
	}
	for _, surface := range e.target.Surfaces() {
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
		rctx, cancel := context.WithTimeout(ctx, timeout)
		req, err := http.NewRequestWithContext(rctx, http.MethodGet, url, nil)
		if err != nil {
			cancel()
			return fmt.Errorf("CONFORMANCE_BASE_URL gives a bad request URL %q: %w", url, err)
		}
		tok, _, err := e.token(rctx, role)
		if err != nil {
			cancel()
			return err
		}
		if tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		resp, err := e.client.Do(req)
		if err != nil {
			cancel()
			return fmt.Errorf("target unreachable, no scenario ran: GET %s: %s; fix: check CONFORMANCE_BASE_URL and that the server is up",
				url, e.redactor.String(describeTransportError(err)))
		}
		// Read the answer whole: a target that sends headers and then drips or stalls must stop
		// the run here, not cost a timeout in every scenario.
		_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBody))
		resp.Body.Close()
		cancel()
		if err != nil {
			return fmt.Errorf("the target sent no whole response, no scenario ran: GET %s: reading the body: %s; fix: check that the server is healthy, or raise CONFORMANCE_TIMEOUT (%s)",
				url, e.redactor.String(describeTransportError(err)), timeout)
		}
		if resp.StatusCode == http.StatusUnauthorized {
			return fmt.Errorf("the target rejected the %s token (GET %s → 401), no scenario ran; fix: set %s to a valid, unexpired token",
				role, url, roleVariable(role))
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
