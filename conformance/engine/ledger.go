package engine

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/scenario"
)

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

// deleteCreated deletes one created resource, as the creating role and then as the others
// that may delete. Gone already (404) counts as deleted. It runs after the scenario's context
// ended, so it has its own; it goes through the same exchange as the scenario's requests
// (pacing, retries, transcript).
func (e *env) deleteCreated(scenarioID string, del *contract.Op, url string, creator scenario.Role) {
	surface := strings.SplitN(scenarioID, "/", 2)[0]
	if n := e.ledger.unanswered.Load(); n >= maxUnanswered {
		e.ledger.leftover(fmt.Sprintf("%s %s %s (not tried: the last %d deletes got no response)", surface, del.Method, e.redactor.String(url), n))
		return
	}
	var last string
	tried := map[scenario.Role]bool{}
	for _, role := range []scenario.Role{creator, scenario.Main, scenario.Admin} {
		if tried[role] || !e.hasRole(role) {
			continue
		}
		tried[role] = true
		r := &scenario.Response{Role: role, Method: del.Method, Path: strings.TrimPrefix(url, e.target.BaseURLs[surface]), URL: url, Op: del}
		err := e.exchange(context.Background(), r, outbound{Purpose: scenario.PurposeCleanup, Scenario: scenarioID})
		var te *scenario.TokenError
		if errors.As(err, &te) {
			continue
		}
		if err != nil {
			// No answer at all: another role's token will not get one either.
			last = e.redactor.String(scenario.DescribeTransportError(err))
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

// deleteStray deletes what a preflight create probe made: a target that creates from a body
// no server can create from (invalidBody) must not be left holding it. Whatever cannot be
// deleted is listed as left over, like a scenario's.
func (e *env) deleteStray(surface string, r *scenario.Response) {
	if r == nil || r.Status/100 != 2 || r.Op == nil || r.Op.Cleanup == nil {
		return
	}
	e.ledger.add()
	del, item, missing := scenario.CreatedResource(e.suite.specs[surface], r)
	if del == nil {
		why := "the spec names no delete operation"
		if missing != "" {
			why = "no value at " + missing
		}
		e.ledger.leftover(fmt.Sprintf("%s %s %s answered %d to a create probe with an invalid body; what it made cannot be deleted (%s)",
			surface, r.Method, e.redactor.String(r.URL), r.Status, why))
		return
	}
	e.deleteCreated(surface+"/setup", del, e.target.BaseURLs[surface]+item, r.Role)
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

// leftoverAttr is the attribute on TestConformance that names one resource the run could not
// delete (docs/results-format.md); the reports list these.
const leftoverAttr = "leftover"

// report records the run's cleanup result: a log line, and one attribute per leftover.
func (l *ledger) report(tb scenario.TB) {
	l.mu.Lock()
	defer l.mu.Unlock()
	tb.Logf("cleanup: %d resources created, %d left over", l.created, len(l.leftovers))
	for _, lo := range l.leftovers {
		tb.Attr(leftoverAttr, scenario.OneLine(lo))
	}
}

// withLeftovers adds to a setup error what the setup checks made and could not delete.
func (l *ledger) withLeftovers(err error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.leftovers) == 0 {
		return err
	}
	return fmt.Errorf("%w; left over on the target: %s", err, strings.Join(l.leftovers, "; "))
}
