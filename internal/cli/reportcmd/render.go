// Command report turns a conformance run into its verdict: reports/summary.md (at most 200
// lines), reports/failures.md (every detail), reports/junit.xml and reports/results.json,
// judged against a known-failures baseline (CONFORMANCE_BASELINE).
//
//	report [flags]                          render the reports of the last run
//	report baseline [-results F] [-out F]   write the last run's failures as a baseline
//	report diff OLD.json NEW.json           compare two runs' results.json
package reportcmd

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/results"
)

// Render is `report [flags]`: it reads the events of a `go test` run and writes the reports.
// It returns the exit status: 0 unless -exit-code, or 2 on a problem with the report's own
// inputs.
func Render(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	events := fs.String("events", "reports/events.json", "go test -json events of the run (gotestsum --jsonfile)")
	o := Flags(fs, "reports", getenv)
	exitCode := fs.Bool("exit-code", false, "exit 1 when the target broke a rule the baseline does not excuse, 2 when the suite could not check it")
	if err := fs.Parse(args); err != nil {
		return report.ExitSuiteError
	}
	code, err := renderEvents(*events, o.resolve(), stdout)
	code = o.Finish(code, err, stderr)
	if *exitCode || err != nil {
		return code
	}
	return 0
}

// Options say where the reports go and how the run is judged.
type Options struct {
	Summary, Failures, JUnit, Results string // "": not written
	Baseline                          string // known-failures file ("": none)
	Strict                            bool
	Transcript                        string // the run's transcript, for coverage and the HTML report
	Evidence                          string // folder of report.html, coverage.json, certificate.*; "-": none
	ExitFile                          string // also write the exit status here ("": no)
	Getenv                            func(string) string
}

// Flags declares the report flags on fs, with their defaults in the folder dir (the
// CONFORMANCE_* variables give the baseline, strict mode and transcript); read the result
// after fs.Parse.
func Flags(fs *flag.FlagSet, dir string, getenv func(string) string) *Options {
	o := &Options{Getenv: getenv}
	fs.StringVar(&o.Summary, "summary", filepath.Join(dir, "summary.md"), "the verdict, at most 200 lines")
	fs.StringVar(&o.Failures, "failures", filepath.Join(dir, "failures.md"), "every failure in full")
	fs.StringVar(&o.JUnit, "junit", filepath.Join(dir, "junit.xml"), "JUnit file to write (empty: none)")
	fs.StringVar(&o.Results, "results", filepath.Join(dir, "results.json"), "machine-readable results, for diff and baseline")
	fs.StringVar(&o.Baseline, "baseline", getenv("CONFORMANCE_BASELINE"), "known-failures file (YAML); default $CONFORMANCE_BASELINE")
	fs.BoolVar(&o.Strict, "strict", getenv("CONFORMANCE_BASELINE_STRICT") == "1", "a fixed baseline entry fails the run; default $CONFORMANCE_BASELINE_STRICT=1")
	fs.StringVar(&o.ExitFile, "exit-file", "", "also write the exit status to this file (e.g. reports/exit-status)")
	fs.StringVar(&o.Transcript, "transcript", getenv("CONFORMANCE_TRANSCRIPT"), "the run's transcript, for coverage and the HTML report's exchanges; default $CONFORMANCE_TRANSCRIPT")
	fs.StringVar(&o.Evidence, "evidence", "", "where report.html, coverage.json and certificate.json/.md go (default: the summary's folder; \"-\": none)")
	return o
}

// resolve fills the defaults that depend on other flags.
func (o *Options) resolve() Options {
	out := *o
	if out.Evidence == "" {
		out.Evidence = filepath.Dir(out.Summary)
	}
	if out.Getenv == nil {
		out.Getenv = os.Getenv
	}
	return out
}

// Finish reports err (then the status is 2) and writes the exit-status file; it returns the
// status.
func (o *Options) Finish(code int, err error, stderr io.Writer) int {
	if err != nil {
		fmt.Fprintln(stderr, "report:", err)
		code = report.ExitSuiteError
	}
	if o.ExitFile != "" {
		if err := os.WriteFile(o.ExitFile, []byte(fmt.Sprintln(code)), 0o644); err != nil {
			fmt.Fprintln(stderr, "report:", err)
		}
	}
	return code
}

func renderEvents(events string, o Options, stdout io.Writer) (int, error) {
	run, err := results.ReadEventsFile(events)
	if err != nil {
		return report.ExitSuiteError, err
	}
	return RenderRun(run, &o, stdout)
}

// RenderRun judges run and writes its reports as o says; it returns the exit status (0, 1,
// 2) and prints the outcome on stdout.
func RenderRun(run *results.Run, opts *Options, stdout io.Writer) (int, error) {
	o := opts.resolve()
	var b *report.Baseline
	if o.Baseline != "" {
		var err error
		if b, err = report.LoadBaseline(o.Baseline); err != nil {
			return report.ExitSuiteError, err
		}
	}
	v := report.Judge(run, b, o.Strict, time.Now())
	meta := report.CurrentMeta()
	// The evidence comes first: its coverage section closes the summary, within its bound. If
	// it fails, the other reports are still written.
	var evidenceErr error
	meta.Appendix, evidenceErr = writeEvidence(o, run, v, meta)
	outputs := []struct {
		path  string
		write func(io.Writer) error
	}{
		{o.Summary, func(w io.Writer) error { return v.WriteSummary(w, meta) }},
		{o.Failures, v.WriteFailures},
		{o.JUnit, v.WriteJUnit},
	}
	for _, out := range outputs {
		if err := writeFile(out.path, out.write); err != nil {
			return report.ExitSuiteError, err
		}
	}
	if o.Results != "" {
		f := &results.File{Suite: meta.Suite, Specs: meta.Specs, Run: run, RunError: v.RunError, ExitStatus: v.ExitStatus(), Baseline: classes(v)}
		if err := results.WriteFile(o.Results, f); err != nil {
			return report.ExitSuiteError, err
		}
	}
	if evidenceErr != nil {
		return report.ExitSuiteError, evidenceErr
	}
	t := run.Totals()
	fmt.Fprintf(stdout, "summary: %d scenarios, %d passed, %d failed (%d new, %d known), %d suite errors, %d skipped → %s\n",
		t.Total(), t.Pass, t.Fail, len(v.New), len(v.Known), t.Error, t.Skip, o.Summary)
	if len(v.Fixed) > 0 && !o.Strict {
		fmt.Fprintf(stdout, "warning: %d baseline entries are fixed; remove them from %s (the baseline only shrinks)\n", len(v.Fixed), b.Path)
	}
	if len(v.Stale) > 0 {
		fmt.Fprintf(stdout, "warning: %d baseline entries name no scenario of this run (stale)\n", len(v.Stale))
	}
	code := v.ExitStatus()
	fmt.Fprintf(stdout, "outcome: %s (exit status %d)\n", v.Headline(), code)
	return code, nil
}

// classes lists the baseline classification by scenario ID for results.json.
func classes(v *report.Verdict) map[string][]string {
	if v.Baseline == nil {
		return nil
	}
	ids := func(ss []*results.Scenario) []string {
		out := make([]string, 0, len(ss))
		for _, s := range ss {
			out = append(out, s.ID)
		}
		return out
	}
	entries := func(es []report.Entry) []string {
		out := make([]string, 0, len(es))
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	return map[string][]string{"new": ids(v.New), "known": ids(v.Known), "fixed": entries(v.Fixed),
		"stale": entries(v.Stale), "expired": entries(v.Expired)}
}

// writeFile renders into memory first, so a failed render leaves no half-written file.
func writeFile(path string, write func(io.Writer) error) error {
	if path == "" {
		return nil
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return fmt.Errorf("render %s: %w", filepath.Base(path), err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
