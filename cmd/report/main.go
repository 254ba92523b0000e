// Command report turns a conformance run into its verdict: reports/summary.md (at most 200
// lines), reports/failures.md (every detail), reports/junit.xml and reports/results.json,
// judged against a known-failures baseline (CONFORMANCE_BASELINE).
//
//	report [flags]                          render the reports of the last run
//	report baseline [-results F] [-out F]   write the last run's failures as a baseline
//	report diff OLD.json NEW.json           compare two runs' results.json
package main

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

func main() {
	args := os.Args[1:]
	var code int
	switch {
	case len(args) > 0 && args[0] == "baseline":
		code = baselineCmd(args[1:], os.Stdout, os.Stderr)
	case len(args) > 0 && args[0] == "diff":
		code = diffCmd(args[1:], os.Stdout, os.Stderr)
	default:
		code = renderCmd(args, os.Getenv, os.Stdout, os.Stderr)
	}
	os.Exit(code)
}

// renderCmd writes the reports and returns the exit status (0 unless -exit-code, or on a
// problem with the report's own inputs, which is 2).
func renderCmd(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	events := fs.String("events", "reports/events.json", "go test -json events of the run (gotestsum --jsonfile)")
	summary := fs.String("summary", "reports/summary.md", "the verdict, at most 200 lines")
	failures := fs.String("failures", "reports/failures.md", "every failure in full")
	junit := fs.String("junit", "reports/junit.xml", "JUnit file to write (empty: none)")
	resultsPath := fs.String("results", "reports/results.json", "machine-readable results, for diff and baseline")
	baseline := fs.String("baseline", getenv("CONFORMANCE_BASELINE"), "known-failures file (YAML); default $CONFORMANCE_BASELINE")
	strict := fs.Bool("strict", getenv("CONFORMANCE_BASELINE_STRICT") == "1", "a fixed baseline entry fails the run; default $CONFORMANCE_BASELINE_STRICT=1")
	exitCode := fs.Bool("exit-code", false, "exit 1 when the target broke a rule the baseline does not excuse, 2 when the suite could not check it")
	exitFile := fs.String("exit-file", "", "also write the exit status to this file (e.g. reports/exit-status)")
	transcript := fs.String("transcript", getenv("CONFORMANCE_TRANSCRIPT"), "the run's transcript, for coverage and the HTML report's exchanges; default $CONFORMANCE_TRANSCRIPT")
	evidenceDir := fs.String("evidence", "", "where report.html, coverage.json and certificate.json/.md go (default: the summary's folder; \"-\": none)")
	if err := fs.Parse(args); err != nil {
		return report.ExitSuiteError
	}
	if *evidenceDir == "" {
		*evidenceDir = filepath.Dir(*summary)
	}
	o := renderOpts{events: *events, summary: *summary, failures: *failures, junit: *junit, results: *resultsPath,
		baseline: *baseline, strict: *strict, transcript: *transcript, evidence: *evidenceDir, getenv: getenv}
	code, err := render(o, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "report:", err)
		code = report.ExitSuiteError
	}
	if *exitFile != "" {
		if err := os.WriteFile(*exitFile, []byte(fmt.Sprintln(code)), 0o644); err != nil {
			fmt.Fprintln(stderr, "report:", err)
		}
	}
	if *exitCode || err != nil {
		return code
	}
	return 0
}

type renderOpts struct {
	events, summary, failures, junit, results, baseline string
	strict                                              bool
	transcript, evidence                                string // evidence "-": none
	getenv                                              func(string) string
}

func render(o renderOpts, stdout io.Writer) (int, error) {
	var b *report.Baseline
	if o.baseline != "" {
		var err error
		if b, err = report.LoadBaseline(o.baseline); err != nil {
			return report.ExitSuiteError, err
		}
	}
	run, err := results.ReadEventsFile(o.events)
	if err != nil {
		return report.ExitSuiteError, err
	}
	report.Legacy(run) // TEMPORARY: leftovers are still log lines (see legacy.go)
	v := report.Judge(run, b, o.strict, time.Now())
	meta := report.CurrentMeta()
	outputs := []struct {
		path  string
		write func(io.Writer) error
	}{
		{o.summary, func(w io.Writer) error { return v.WriteSummary(w, meta) }},
		{o.failures, v.WriteFailures},
		{o.junit, v.WriteJUnit},
	}
	for _, out := range outputs {
		if err := writeFile(out.path, out.write); err != nil {
			return report.ExitSuiteError, err
		}
	}
	if o.results != "" {
		f := &results.File{Suite: meta.Suite, Specs: meta.Specs, Run: run, RunError: v.RunError, ExitStatus: v.ExitStatus(), Baseline: classes(v)}
		if err := results.WriteFile(o.results, f); err != nil {
			return report.ExitSuiteError, err
		}
	}
	if err := writeEvidence(o, run, v, meta); err != nil {
		return report.ExitSuiteError, err
	}
	t := run.Totals()
	fmt.Fprintf(stdout, "summary: %d scenarios, %d passed, %d failed (%d new, %d known), %d suite errors, %d skipped → %s\n",
		t.Total(), t.Pass, t.Fail, len(v.New), len(v.Known), t.Error, t.Skip, o.summary)
	if len(v.Fixed) > 0 && !o.strict {
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
