package conformance

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/clientconf/clientconf/conformance/contract"
)

// leftoverMarker starts the log line of each resource the run could not delete; the report
// command lists these lines in the summary.
const leftoverMarker = "LEFTOVER:"

// ledger tracks what the run created and what it failed to delete.
type ledger struct {
	mu         sync.Mutex
	created    int
	leftovers  []string
	unanswered atomic.Int64 // deletes in a row that got no response
}

// maxUnanswered deletes in a row without any response mean the target answers no more: the
// rest are listed as left over at once instead of each waiting out a timeout.
const maxUnanswered = 5

// registerCleanup schedules deletion of what r created, using the x-cleanup of its operation.
// Cleanups run in reverse order of creation, after the scenario, even when it failed.
func (s *S) registerCleanup(r *Response) {
	cl := r.Op.Cleanup
	del := s.spec.Op(cl.OperationID)
	params := map[string]string{}
	for name, expr := range cl.Parameters {
		v, ok := resolveExpression(expr, r)
		if !ok || v == "" {
			s.fail(r, "x-cleanup", fmt.Sprintf("a value at %s to delete the created resource", expr), "nothing there")
			return
		}
		params[name] = v
	}
	if del == nil {
		s.SuiteErrorf("x-cleanup of %s names unknown operation %q", r.Op.ID, cl.OperationID)
		return
	}
	path := del.Expand(params)
	s.env.ledger.add()
	role := r.Role
	if s.env.minted(role) {
		// A minted token's scopes were picked for a check, not for deleting: Main deletes.
		role = Main
	}
	s.T.Cleanup(func() { s.env.deleteCreated(s.sc.ID, s.sc.Surface(), del, path, role) })
}

// resolveExpression evaluates the two OpenAPI runtime expressions x-cleanup uses.
func resolveExpression(expr string, r *Response) (string, bool) {
	switch {
	case strings.HasPrefix(expr, "$response.body#"):
		v, ok := lookup(r.JSON(), strings.TrimPrefix(expr, "$response.body#"))
		s, isString := v.(string)
		return s, ok && isString
	case strings.HasPrefix(expr, "$request.path."):
		v, ok := r.Params[strings.TrimPrefix(expr, "$request.path.")]
		return v, ok
	}
	return "", false
}

// deleteCreated deletes one created resource, as the creating role and then as the others
// that may delete. Gone already (404) counts as deleted. It runs after the scenario's context
// ended, so it has its own; it goes through the same exchange as the scenario's requests
// (pacing, retries, transcript).
func (e *env) deleteCreated(scenario, surface string, del *contract.Op, path string, creator Role) {
	url := e.target.BaseURLs[surface] + path
	if n := e.ledger.unanswered.Load(); n >= maxUnanswered {
		e.ledger.leftover(fmt.Sprintf("%s %s %s (not tried: the last %d deletes got no response)", surface, del.Method, e.redactor.String(url), n))
		return
	}
	var last string
	tried := map[Role]bool{}
	for _, role := range []Role{creator, Main, Admin} {
		if tried[role] || !e.hasRole(role) {
			continue
		}
		tried[role] = true
		r := &Response{Role: role, Method: del.Method, Path: path, URL: url, Op: del}
		err := e.exchange(context.Background(), r, outbound{purpose: PurposeCleanup, scenario: scenario})
		var te *tokenError
		if errors.As(err, &te) {
			continue
		}
		if err != nil {
			// No answer at all: another role's token will not get one either.
			last = e.redactor.String(describeTransportError(err))
			e.ledger.unanswered.Add(1)
			break
		}
		e.ledger.unanswered.Store(0)
		if r.Status/100 == 2 || r.Status == http.StatusNotFound {
			return
		}
		last = fmt.Sprintf("status %d as %s", r.Status, role)
	}
	e.ledger.leftover(fmt.Sprintf("%s %s %s (%s)", surface, del.Method, e.redactor.String(url), last))
}

func (l *ledger) add() {
	l.mu.Lock()
	l.created++
	l.mu.Unlock()
}

func (l *ledger) leftover(what string) {
	l.mu.Lock()
	l.leftovers = append(l.leftovers, what)
	l.mu.Unlock()
}

// report logs the run's cleanup result: one marked line per leftover.
func (l *ledger) report(tb TB) {
	l.mu.Lock()
	defer l.mu.Unlock()
	tb.Logf("cleanup: %d resources created, %d left over", l.created, len(l.leftovers))
	for _, lo := range l.leftovers {
		tb.Logf("%s %s", leftoverMarker, lo)
	}
}

// Name returns a unique name for something the scenario creates, with the run's prefix so
// leftovers can be found and swept.
func (s *S) Name(tag string) string {
	return fmt.Sprintf("%s%s-%d", s.env.prefix, tag, s.env.seq.Add(1))
}
