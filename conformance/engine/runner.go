package engine

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/conformance/pipeline"
	"github.com/clientconf/clientconf/conformance/redact"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// Suite holds the surfaces, their loaded specs and the scenario catalogues they hand over.
// Load it once and run it against as many targets as needed; it is safe for concurrent use.
type Suite struct {
	surfaces  []Surface
	specs     map[string]*contract.Spec
	scenarios map[string][]scenario.Scenario
}

// NewSuite loads the spec of each surface and takes its catalogue.
func NewSuite(surfaces []Surface) (*Suite, error) {
	su := &Suite{surfaces: surfaces, specs: map[string]*contract.Spec{}, scenarios: map[string][]scenario.Scenario{}}
	for _, surface := range surfaces {
		sp, err := contract.Load(surface.ID)
		if err != nil {
			return nil, fmt.Errorf("load %s spec: %w", surface.ID, err)
		}
		su.specs[surface.ID] = sp
		su.scenarios[surface.ID] = surface.Catalogue(sp)
	}
	return su, nil
}

// Scenarios lists the scenarios of a surface, sorted by ID.
func (su *Suite) Scenarios(surface string) []scenario.Scenario { return su.scenarios[surface] }

// surface returns the suite's surface with that id.
func (su *Suite) surface(id string) Surface {
	for _, s := range su.surfaces {
		if s.ID == id {
			return s
		}
	}
	return Surface{ID: id}
}

// surfacesOf lists the target's surfaces in the suite's order.
func (su *Suite) surfacesOf(target Target) []string {
	var out []string
	for _, s := range su.surfaces {
		if _, ok := target.BaseURLs[s.ID]; ok {
			out = append(out, s.ID)
		}
	}
	return out
}

// Run checks target with `go test`: one subtest per scenario, named by its ID, with its
// attributes (docs/results-format.md) attached; they reach the reports through test2json.
func (su *Suite) Run(t *testing.T, target Target) {
	target, err := target.Validate(su.ids())
	if err != nil {
		t.Fatalf("%s %v", scenario.SuiteErrorPrefix, err)
	}
	e, err := su.newEnv(t.Context(), target)
	if err != nil {
		setupFailed(t, err)
	}
	t.Logf("target: %s; surfaces: %v; run prefix: %s", target.Name, su.surfacesOf(target), e.prefix)
	t.Cleanup(func() {
		e.ledger.report(t)
		if err := e.closeTranscript(); err != nil {
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
	scs := su.selected(target, nil)
	prog, stopProgress := e.startProgress(len(runFiltered(t.Name(), scs)))
	defer stopProgress()
	var skipped atomic.Int64
	var why atomic.Value
	runPhases(ctx, scs, target.concurrency(), func(sc scenario.Scenario, stopped error) {
		ran := false // false: -run left it out
		ok := t.Run(sc.ID, func(t *testing.T) {
			ran = true
			if stopped != nil {
				skipped.Add(1)
				why.Store(stopped.Error())
				notStarted(t, sc, stopped)
			}
			e.runScenario(t, sc)
		})
		if ran {
			prog.finished(!ok)
		}
	})
	if n := skipped.Load(); n > 0 {
		// The run is incomplete: that is the suite's failure to check, not the target's.
		t.Errorf("%s %d scenarios not started: %s", scenario.SuiteErrorPrefix, n, why.Load())
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
func (su *Suite) Collect(ctx context.Context, target Target, filter func(scenario.Scenario) bool) ([]Result, error) {
	c, err := su.CollectRun(ctx, target, filter)
	if err != nil {
		return nil, err
	}
	return c.Results, nil
}

// CollectRun is Collect with the run-level facts a report needs besides the results (see
// Collection): what `go test` would log on TestConformance.
func (su *Suite) CollectRun(ctx context.Context, target Target, filter func(scenario.Scenario) bool) (*Collection, error) {
	target, err := target.Validate(su.ids())
	if err != nil {
		return nil, err
	}
	e, err := su.newEnv(ctx, target)
	if err != nil {
		return nil, err
	}
	defer e.closeTranscript()
	scs := su.selected(target, filter)
	prog, stopProgress := e.startProgress(len(scs))
	defer stopProgress()
	results := map[string]Result{}
	var mu sync.Mutex
	ctx, cancel := withDeadline(ctx, target.Deadline)
	defer cancel()
	ctx, stopWatching := e.watchTarget(ctx)
	defer stopWatching()
	runPhases(ctx, scs, target.concurrency(), func(sc scenario.Scenario, stopped error) {
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
		res := rec.result(sc.ID)
		prog.finished(res.Outcome == Failed || res.Outcome == Errored)
		mu.Lock()
		results[sc.ID] = res
		mu.Unlock()
	})
	out := make([]Result, 0, len(scs))
	for _, sc := range scs {
		out = append(out, results[sc.ID])
	}
	return e.collection(target, out), nil
}

// runPhases runs independent scenarios concurrently (at most limit at once), then the serial
// and destructive ones one by one: a collection delete must not race scenarios that rely on
// their own clients, and a list check must not race other scenarios' creates. run is called from several goroutines; t.Run allows that, which bounds
// concurrency by the target's setting rather than by -test.parallel (GOMAXPROCS here).
//
// Once ctx ends (deadline, interrupt), the scenarios not yet started are reported as not
// started instead of run.
func runPhases(ctx context.Context, scs []scenario.Scenario, limit int, run func(sc scenario.Scenario, notStarted error)) {
	var g errgroup.Group
	g.SetLimit(limit)
	start := func(sc scenario.Scenario) {
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

func (su *Suite) selected(target Target, filter func(scenario.Scenario) bool) []scenario.Scenario {
	var out []scenario.Scenario
	for _, surface := range su.surfacesOf(target) {
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
	pipe       *pipeline.Pipeline // the one road to the target (see send.go)
	http       *http.Client       // pipe.Client(): every request of the run
	redactor   *redact.Redactor
	ledger     *ledger
	prefix     string
	seq        atomic.Int64
	apps       sync.Map // scenario.Role → app id, found once per run
	transcript io.Closer
	stop       context.CancelCauseFunc // ends the run early (see watchTarget)
	scoped     scopedSources           // roles minted with fewer scopes (see Scoped)
}

func (su *Suite) newEnv(ctx context.Context, target Target) (*env, error) {
	e := &env{suite: su, target: target, prefix: target.RunPrefix, ledger: &ledger{}}
	if e.prefix == "" {
		e.prefix = newRunPrefix(time.Now())
	}
	var secrets []string
	for _, tok := range target.Tokens {
		secrets = append(secrets, tok)
	}
	e.redactor = redact.New(secrets...)
	for s := range target.BaseURLs {
		if su.specs[s] == nil {
			return nil, fmt.Errorf("surface %s is not loaded in this suite", s)
		}
	}
	tw, err := openTranscript(target.Transcript)
	if err != nil {
		return nil, err
	}
	if err := e.openPipeline(tw); err != nil {
		return nil, errors.Join(err, e.closeTranscript())
	}
	if err := e.checkSetup(ctx); err != nil {
		_ = e.closeTranscript()
		return nil, e.ledger.withLeftovers(err)
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
func (e *env) runScenario(tb scenario.TB, sc scenario.Scenario) {
	scenario.SetAttrs(tb, sc)
	v := &scenario.Verdict{}
	tb.Cleanup(func() { scenario.Finish(tb, v) })
	if e.target.SkipBasis[sc.Basis] {
		scenario.SkipTest(tb, v, scenario.BasisOff, fmt.Sprintf("skipped: basis %q is switched off by "+envvar.SkipBasis, sc.Basis))
	}
	if sc.Destructive && !e.target.AllowDestructive {
		scenario.SkipTest(tb, v, scenario.DestructiveOff, "skipped: destructive (deletes what the suite did not create); set "+envvar.AllowDestructive+"=1 to run it")
	}
	for _, r := range append([]scenario.Role{scenario.Main}, sc.Roles...) {
		if !e.target.HasRole(r) {
			scenario.SkipTest(tb, v, scenario.NotConfigured, fmt.Sprintf("skipped: needs the %s role; set %s", r, e.target.roleHint(r)))
		}
	}
	id := sc.Surface()
	sc.Run(scenario.New(tb, sc, e, e.suite.specs[id], e.target.BaseURLs[id], e.suite.surface(id).ErrorBody, v))
}

// notStarted reports a scenario the run did not start (deadline, interrupt, target gone): a
// skip, with its reason, never a pass.
func notStarted(tb scenario.TB, sc scenario.Scenario, why error) {
	scenario.SetAttrs(tb, sc)
	v := &scenario.Verdict{}
	tb.Cleanup(func() { scenario.Finish(tb, v) })
	scenario.SkipTest(tb, v, scenario.NotStarted, fmt.Sprintf("skipped: not started: %v", why))
}
