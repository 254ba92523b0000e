package conformance

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/conformance/redact"
	"golang.org/x/sync/errgroup"
)

// Suite holds the loaded specs and the scenario tables derived from them. Load it once and
// run it against as many targets as needed; it is safe for concurrent use.
type Suite struct {
	specs     map[string]*contract.Spec
	scenarios map[string][]Scenario
}

// NewSuite loads the specs of the given surfaces (every surface when none is given).
func NewSuite(surfaces ...string) (*Suite, error) {
	if len(surfaces) == 0 {
		surfaces = SurfaceIDs()
	}
	su := &Suite{specs: map[string]*contract.Spec{}, scenarios: map[string][]Scenario{}}
	for _, id := range surfaces {
		surface, ok := SurfaceByID(id)
		if !ok {
			return nil, fmt.Errorf("unknown surface %q (known: %v)", id, SurfaceIDs())
		}
		sp, err := contract.Load(id)
		if err != nil {
			return nil, fmt.Errorf("load %s spec: %w", id, err)
		}
		su.specs[id] = sp
		su.scenarios[id] = surface.Catalogue(sp)
	}
	return su, nil
}

// Scenarios lists the scenarios of a surface, sorted by ID.
func (su *Suite) Scenarios(surface string) []Scenario { return su.scenarios[surface] }

// Run checks target with `go test`: one subtest per scenario, named by its ID, with the basis
// and requirement attached as test attributes (they reach the JUnit file through gotestsum).
func Run(t *testing.T, target Target) {
	t.Helper()
	su, err := NewSuite(target.Surfaces()...)
	if err != nil {
		t.Fatalf("%s could not load the specs: %v", suiteErrorPrefix, err)
	}
	su.Run(t, target)
}

// Run is the Suite form of the package-level Run.
func (su *Suite) Run(t *testing.T, target Target) {
	e, err := su.newEnv(t.Context(), target)
	if err != nil {
		t.Fatalf("%s %v", suiteErrorPrefix, err)
	}
	if len(target.Surfaces()) == 0 {
		t.Fatalf("%s no surface selected: set CONFORMANCE_TOKEN (and "+envvar.Surfaces+") for the target", suiteErrorPrefix)
	}
	t.Logf("target: %s; surfaces: %v; run prefix: %s", target.Name, target.Surfaces(), e.prefix)
	t.Cleanup(func() {
		e.ledger.report(t)
		if err := e.transcript.close(); err != nil {
			t.Logf("transcript: %v", err)
		}
	})
	// SIGINT/SIGTERM stop new scenarios; the running ones finish and every cleanup runs.
	ctx, stop := signal.NotifyContext(t.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := withDeadline(ctx, target.Deadline)
	defer cancel()
	ctx, stopWatching := e.watchTarget(ctx)
	defer stopWatching()
	var skipped atomic.Int64
	var why atomic.Value
	runPhases(ctx, su.selected(target, nil), target.concurrency(), func(sc Scenario, stopped error) {
		t.Run(sc.ID, func(t *testing.T) {
			if stopped != nil {
				skipped.Add(1)
				why.Store(stopped.Error())
				notStarted(t, sc, stopped)
			}
			e.runScenario(t, sc)
		})
	})
	if n := skipped.Load(); n > 0 {
		// The run is incomplete: that is the suite's failure to check, not the target's.
		t.Errorf("%s %d scenarios not started: %s", suiteErrorPrefix, n, why.Load())
	}
}

func withDeadline(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// whyStopped explains a stopped run context.
func whyStopped(ctx context.Context) error {
	var gone *targetGone
	if errors.As(context.Cause(ctx), &gone) {
		return gone
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return errors.New("the run's deadline (" + envvar.Deadline + ") passed")
	}
	return errors.New("the run was interrupted")
}

// Collect runs the selected scenarios against target without a testing.T and returns their
// results, ordered by ID. A nil filter selects every scenario of the target's surfaces.
func (su *Suite) Collect(ctx context.Context, target Target, filter func(Scenario) bool) ([]Result, error) {
	e, err := su.newEnv(ctx, target)
	if err != nil {
		return nil, err
	}
	defer e.transcript.close()
	scs := su.selected(target, filter)
	results := map[string]Result{}
	var mu sync.Mutex
	ctx, cancel := withDeadline(ctx, target.Deadline)
	defer cancel()
	ctx, stopWatching := e.watchTarget(ctx)
	defer stopWatching()
	runPhases(ctx, scs, target.concurrency(), func(sc Scenario, stopped error) {
		rec := &recorder{ctx: ctx}
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer rec.runCleanups()
			if stopped != nil {
				notStarted(rec, sc, stopped)
			}
			e.runScenario(rec, sc)
		}()
		<-done
		mu.Lock()
		results[sc.ID] = rec.result(sc.ID)
		mu.Unlock()
	})
	out := make([]Result, 0, len(scs))
	for _, sc := range scs {
		out = append(out, results[sc.ID])
	}
	return out, nil
}

// runPhases runs independent scenarios concurrently (at most limit at once), then the serial
// and destructive ones one by one: a collection delete must not race scenarios that rely on
// their own clients, and a list check must not race other scenarios' creates. run is called from several goroutines; t.Run allows that, which bounds
// concurrency by the target's setting rather than by -test.parallel (GOMAXPROCS here).
//
// Once ctx ends (deadline, interrupt), the scenarios not yet started are reported as not
// started instead of run.
func runPhases(ctx context.Context, scs []Scenario, limit int, run func(sc Scenario, notStarted error)) {
	var g errgroup.Group
	g.SetLimit(limit)
	start := func(sc Scenario) {
		// Go blocks while limit scenarios run; one that gets its slot after ctx ended is
		// reported as not started instead of run.
		g.Go(func() error {
			if ctx.Err() != nil {
				run(sc, whyStopped(ctx))
				return nil
			}
			run(sc, nil)
			return nil
		})
	}
	for _, sc := range scs {
		if !sc.Destructive && !sc.Serial {
			start(sc)
		}
	}
	_ = g.Wait() // run reports every outcome itself; nothing returns an error
	// Serial ones, then destructive ones last: deleting a whole collection may cost the main
	// token its own client, and nothing after it should depend on that token.
	for _, last := range []bool{false, true} {
		for _, sc := range scs {
			if (!sc.Destructive && !sc.Serial) || sc.Destructive != last {
				continue
			}
			if ctx.Err() != nil {
				run(sc, whyStopped(ctx))
				continue
			}
			run(sc, nil)
		}
	}
}

func (su *Suite) selected(target Target, filter func(Scenario) bool) []Scenario {
	var out []Scenario
	for _, surface := range target.Surfaces() {
		for _, sc := range su.scenarios[surface] {
			if filter == nil || filter(sc) {
				out = append(out, sc)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// env is the state of one run against one target, shared by its scenarios.
type env struct {
	suite      *Suite
	target     Target
	client     *http.Client
	redactor   *redact.Redactor
	ledger     *ledger
	prefix     string
	seq        atomic.Int64
	apps       appIDs
	pacing     *pacing
	transcript *transcript
	stop       context.CancelCauseFunc // ends the run early (see watchTarget)
	failStreak atomic.Int64            // exchanges in a row that got no response
	scoped     scopedSources           // roles minted with fewer scopes (see Scoped)
}

func (su *Suite) newEnv(ctx context.Context, target Target) (*env, error) {
	e := &env{suite: su, target: target, client: newHTTPClient(target), prefix: target.RunPrefix}
	if e.prefix == "" {
		e.prefix = newRunPrefix(time.Now())
	}
	var secrets []string
	for _, tok := range target.Tokens {
		secrets = append(secrets, tok)
	}
	e.redactor = redact.New(secrets...)
	e.ledger = &ledger{}
	e.pacing = newPacing(target.RPS, defaultWaitBudget)
	for _, s := range target.Surfaces() {
		if su.specs[s] == nil {
			return nil, fmt.Errorf("surface %s is not loaded in this suite", s)
		}
	}
	var err error
	if e.transcript, err = openTranscript(target.Transcript); err != nil {
		return nil, err
	}
	if err := e.checkReachable(ctx); err != nil {
		_ = e.transcript.close()
		return nil, err
	}
	return e, nil
}

// newRunPrefix makes the per-run name prefix, so leftovers of a run can be found and swept.
func newRunPrefix(now time.Time) string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return "ccs-" + now.UTC().Format("0102T1504") + "-" + hex.EncodeToString(b) + "-"
}

// runScenario runs one scenario on tb, after the checks that decide whether it applies. Its
// attributes are set first, its outcome last (the first cleanup registered runs last).
func (e *env) runScenario(tb TB, sc Scenario) {
	describeScenario(tb, sc)
	v := &verdict{}
	tb.Cleanup(func() { finish(tb, v) })
	if e.target.SkipBasis[sc.Basis] {
		skip(tb, v, BasisOff, fmt.Sprintf("skipped: basis %q is switched off by "+envvar.SkipBasis, sc.Basis))
	}
	if sc.Destructive && !e.target.AllowDestructive {
		skip(tb, v, DestructiveOff, "skipped: destructive (deletes what the suite did not create); set "+envvar.AllowDestructive+"=1 to run it")
	}
	for _, r := range append([]Role{Main}, sc.Roles...) {
		if !e.target.hasRole(r) {
			skip(tb, v, NotConfigured, fmt.Sprintf("skipped: needs the %s role; set %s", r, roleHint(r)))
		}
	}
	surface, _ := SurfaceByID(sc.Surface())
	s := &S{T: tb, verdict: v, sc: sc, surface: surface, env: e, spec: e.suite.specs[sc.Surface()], base: e.target.BaseURLs[sc.Surface()]}
	sc.Run(s)
}

// notStarted reports a scenario the run did not start (deadline, interrupt, target gone): a
// skip, with its reason, never a pass.
func notStarted(tb TB, sc Scenario, why error) {
	describeScenario(tb, sc)
	v := &verdict{}
	tb.Cleanup(func() { finish(tb, v) })
	skip(tb, v, NotStarted, fmt.Sprintf("skipped: not started: %v", why))
}

// roleHint tells how to configure a role: its token variable, or its client credentials.
func roleHint(r Role) string {
	if rv, ok := envvar.ForRole(string(r)); ok {
		return rv.Token + " (or " + rv.ClientID + " and " + rv.ClientSecret + ")"
	}
	return string(r)
}

// roleVariable is the token variable of a role.
func roleVariable(r Role) string {
	if rv, ok := envvar.ForRole(string(r)); ok {
		return rv.Token
	}
	return string(r)
}
