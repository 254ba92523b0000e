// Package runcmd is `clientconf run`: the whole conformance suite in-process, without `go
// test`, writing the same reports and exiting with the same status (0 / 1 / 2) as `make
// conformance`. It reads the same CONFORMANCE_* variables; the engine's non-testing runner
// (Suite.CollectRun) records the same typed attributes a `go test` run attaches, written as
// the same events file (events.json) and read back by the same parser as the report command.
package runcmd

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/conformance/reftarget"
	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/results"
	"github.com/clientconf/clientconf/conformance/scenario"
	"github.com/clientconf/clientconf/internal/cli/reportcmd"
	"github.com/clientconf/clientconf/reference"
	"github.com/clientconf/clientconf/reference/faults"
)

// Env is the process environment the command reads.
type Env struct {
	Lookup func(string) (string, bool) // os.LookupEnv in production
	// Environ lists the environment (os.Environ in production) for the warning about
	// CONFORMANCE_* names the suite does not know; nil: no such warning.
	Environ func() []string
	Stdout  io.Writer
	Stderr  io.Writer
}

func (e Env) getenv(k string) string {
	v, _ := e.Lookup(k)
	return v
}

type options struct {
	reports, run, faults string
	requireTarget        bool
	baseline             string
	strict               bool
}

// Main runs the command with args (without the command name) and returns its exit status: 0
// conformant (or only known failures), 1 non-conformant, 2 the suite could not check the
// target (the reports say why).
func Main(ctx context.Context, args []string, env Env) int {
	o, ok := parseFlags(args, env)
	if !ok {
		return report.ExitSuiteError
	}
	if err := os.MkdirAll(o.reports, 0o755); err != nil {
		fmt.Fprintln(env.Stderr, "run:", err)
		return report.ExitSuiteError
	}
	// The transcript goes to the reports unless CONFORMANCE_TRANSCRIPT says otherwise (set
	// empty: none), as in `make conformance`.
	transcript, set := env.Lookup(envvar.Transcript)
	if !set {
		transcript = filepath.Join(o.reports, "transcript.jsonl")
		_ = os.Remove(transcript) // an earlier run's would be read for coverage if this one never starts
	}
	getenv := func(k string) string {
		if k == envvar.Transcript {
			return transcript
		}
		return env.getenv(k)
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	var warnings []string
	if env.Environ != nil {
		warnings = conformance.EnvWarnings(env.Environ())
	}
	for _, w := range warnings {
		fmt.Fprintln(env.Stderr, "run:", w)
	}
	rec := execute(ctx, o, getenv, warnings, env.Stderr)
	ropts := &reportcmd.Options{Summary: o.path("summary.md"), Failures: o.path("failures.md"), JUnit: o.path("junit.xml"),
		Results: o.path("results.json"), Baseline: o.baseline, Strict: o.strict, Transcript: transcript,
		ExitFile: o.path("exit-status"), Getenv: getenv}
	code, err := report.ExitSuiteError, os.WriteFile(o.path("events.json"), rec.buf.Bytes(), 0o644)
	if err == nil {
		var run *results.Run
		if run, err = results.ReadEvents(bytes.NewReader(rec.buf.Bytes())); err == nil {
			code, err = reportcmd.RenderRun(run, ropts, env.Stdout)
		}
	}
	return ropts.Finish(code, err, env.Stderr)
}

// parseFlags reads the flags; false: a usage error, already told on stderr.
func parseFlags(args []string, env Env) (options, bool) {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var o options
	fs.StringVar(&o.reports, "reports", "reports", "folder of the reports: summary.md, failures.md, junit.xml, results.json, events.json, report.html, coverage.json, certificate.json/.md, transcript.jsonl, exit-status")
	fs.StringVar(&o.run, "run", "", "scenario `pattern`, as make conformance RUN=…: slash-separated regular expressions matched against the ID's segments, e.g. clients/conflict")
	fs.StringVar(&o.faults, "faults", "", "embedded reference server only: comma list of fault switches to turn on (clientconf serve -list-faults)")
	fs.BoolVar(&o.requireTarget, "require-target", env.getenv("REQUIRE_TARGET") == "1", "refuse to run without "+envvar.BaseURL+" (CI: a secret that was not injected must not turn into a green run against the embedded server); default $REQUIRE_TARGET=1, as scripts/conformance.sh")
	fs.StringVar(&o.baseline, "baseline", env.getenv("CONFORMANCE_BASELINE"), "known-failures file (YAML); default $CONFORMANCE_BASELINE")
	fs.BoolVar(&o.strict, "strict", env.getenv("CONFORMANCE_BASELINE_STRICT") == "1", "a fixed baseline entry fails the run; default $CONFORMANCE_BASELINE_STRICT=1")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: clientconf run [flags]\n\nRuns the suite against %s (empty: the embedded reference server) with the CONFORMANCE_* variables of the README.\n\n", envvar.BaseURL)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "run: unexpected arguments %q (flags only; see clientconf run -h)\n", fs.Args())
		return o, false
	}
	return o, true
}

func (o options) path(name string) string { return filepath.Join(o.reports, name) }

// execute runs the suite and returns its events. A problem before any scenario ran (bad
// configuration, unreachable target) is a run error in them, with its message on stderr.
func execute(ctx context.Context, o options, getenv func(string) string, warnings []string, stderr io.Writer) *recording {
	rec := newRecording()
	rec.warnings = warnings
	fail := func(err error) *recording {
		fmt.Fprintln(stderr, "run:", scenario.SuiteErrorPrefix, err)
		return rec.suiteError(err)
	}
	cfg, err := conformance.ConfigFromEnv(getenv)
	if err == nil {
		err = checkOptions(o, cfg)
	}
	var ce *conformance.ConfigError
	if errors.As(err, &ce) {
		fmt.Fprintln(stderr, err)
		return rec.configError(err)
	}
	if err != nil {
		return fail(err)
	}
	filter, err := compileFilter(o.run)
	if err != nil {
		fmt.Fprintln(stderr, "run:", err)
		return rec.configError(err)
	}
	var cleanups []func()
	defer func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			cleanups[i]()
		}
	}()
	target, err := targetFor(cfg, o, func(f func()) { cleanups = append(cleanups, f) })
	if err != nil {
		return fail(err)
	}
	su, err := conformance.NewSuite(target.Surfaces()...)
	if err != nil {
		return fail(fmt.Errorf("could not load the specs: %w", err))
	}
	if len(target.BaseURLs) == 0 {
		return fail(fmt.Errorf("no surface selected: set %s (and %s) for the target", envvar.Roles()[0].Token, envvar.Surfaces))
	}
	fmt.Fprintf(stderr, "run: %s, surfaces %s\n", target.Name, strings.Join(target.Surfaces(), ", "))
	c, err := su.CollectRun(ctx, target, filter)
	if err != nil {
		return fail(err)
	}
	return rec.collected(c)
}

// checkOptions rejects flag and variable combinations that cannot be meant.
func checkOptions(o options, cfg conformance.Config) error {
	switch {
	case o.requireTarget && cfg.BaseURL == "":
		return &conformance.ConfigError{Variable: envvar.BaseURL, Problem: "is empty and -require-target is set",
			Fix: "set it (a CI secret) to the API base URL of the target"}
	case o.faults != "" && cfg.BaseURL != "":
		return &conformance.ConfigError{Variable: envvar.BaseURL, Problem: "is set, and -faults only breaks the embedded reference server",
			Fix: "unset it to run against the embedded server, or serve a broken one with clientconf serve -faults"}
	}
	for _, name := range splitList(o.faults) {
		if !slices.ContainsFunc(reference.Faults(), func(f faults.Info) bool { return f.Name == name }) {
			return &conformance.ConfigError{Variable: "-faults", Problem: fmt.Sprintf("names %q, no fault switch of the reference server", name),
				Fix: "pick names from clientconf serve -list-faults"}
		}
	}
	return nil
}

// splitList splits a comma list, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// targetFor is the target TestConformance would check: the configured one, or the embedded
// reference server (with its transcript and skipped bases) when no base URL is set.
func targetFor(cfg conformance.Config, o options, cleanup func(func())) (conformance.Target, error) {
	if cfg.BaseURL != "" {
		return conformance.TargetFromConfig(cfg), nil
	}
	target, err := reftarget.Start(cleanup, reftarget.Options{Surfaces: cfg.Surfaces, Faults: splitList(o.faults)})
	if err != nil {
		return target, err
	}
	target.SkipBasis = cfg.SkipBasis
	target.Transcript = cfg.Transcript
	target.Progress, target.ProgressFile = cfg.Progress, cfg.ProgressFile
	return target, nil
}
