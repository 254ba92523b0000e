package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/clientconf/clientconf/conformance/pipeline"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// The engine's one road to the target is the run's pipeline (conformance/pipeline): scenario
// requests, cleanup deletes, the preflight and every token request go through e.http, so
// pacing (CONFORMANCE_RPS and the target's x-ratelimit-* headers), the retry policy, the token
// and the transcript apply to each of them alike. The engine keeps what is about checking:
// the answer goes into a scenario.Response, a failed exchange into an error the callers judge.

// outbound is one request to send (scenario.Request: its purpose, scenario, body…).
type outbound = scenario.Request

// errBuild: the request could not be built (a bad URL); never sent.
var errBuild = errors.New("cannot build the request")

// exchange sends out as r.Role to r.URL through the pipeline and reads the answer into r (its
// body cut at scenario.MaxBody, r.CutOff; the pipeline has learned it as a possible secret and
// written the transcript line). It returns an error only when no usable response came: a
// *scenario.TokenError when the role's token could not be had.
func (e *env) exchange(ctx context.Context, r *scenario.Response, out outbound) error {
	if out.Timeout > 0 {
		// A tighter bound than the pipeline's per-attempt one (the preflight's).
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, out.Timeout)
		defer cancel()
	}
	x := pipeline.Exchange{Purpose: pipeline.Purpose(out.Purpose), Scenario: out.Scenario, Role: string(r.Role)}
	if r.Op != nil {
		x.Operation, x.PathTemplate = r.Op.ID, r.Op.Path
	}
	req, err := http.NewRequestWithContext(pipeline.WithExchange(ctx, x), r.Method, r.URL, bytes.NewReader(out.Body))
	if err != nil {
		return fmt.Errorf("%w: %w", errBuild, err)
	}
	if out.Header != nil {
		req.Header = out.Header.Clone()
	}
	if out.ContentType != "" {
		req.Header.Set("Content-Type", out.ContentType)
	}
	req.Header.Set("Accept", "application/json")
	if r.Role == scenario.BadToken && req.Header.Get("Authorization") == "" {
		// A well-formed token no target issued; the pipeline never overrides a set header.
		req.Header.Set("Authorization", "Bearer clientconf-not-a-valid-token-"+strings.TrimSuffix(e.prefix, "-"))
	}
	resp, err := e.http.Do(req)
	if err != nil {
		r.Retries = pipeline.RetriesOf(err)
		var te *pipeline.TokenError
		if errors.As(err, &te) {
			return &scenario.TokenError{Err: te}
		}
		return err
	}
	defer resp.Body.Close()
	res, _ := pipeline.ResultOf(resp)
	r.Status, r.Header, r.Body = resp.StatusCode, resp.Header, res.Body
	r.Retries, r.CutOff, r.Elapsed = res.Retries, res.Truncated, res.Elapsed
	return nil
}
