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
func (l *ledger) report(tb scenario.TB) {
	l.mu.Lock()
	defer l.mu.Unlock()
	tb.Logf("cleanup: %d resources created, %d left over", l.created, len(l.leftovers))
	for _, lo := range l.leftovers {
		tb.Logf("%s %s", leftoverMarker, lo)
	}
}
