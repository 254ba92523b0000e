// Command report renders reports/summary.md from the `go test -json` events of a run
// (gotestsum --jsonfile).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/clientconf/clientconf/conformance/report"
)

func main() {
	events := flag.String("events", "reports/events.json", "go test -json events of the run")
	out := flag.String("out", "reports/summary.md", "where to write the summary")
	junit := flag.String("junit", "", "JUnit file to rewrite: suite errors become <error> elements")
	exitCode := flag.Bool("exit-code", false, "exit 1 when the target broke a rule, 2 when the suite could not check it")
	flag.Parse()
	t, err := run(*events, *out, *junit)
	if err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(ExitSuiteError)
	}
	code := exitStatus(t)
	fmt.Printf("outcome: %s (exit status %d)\n", outcomes[code], code)
	if *exitCode {
		os.Exit(code)
	}
}

// Exit statuses of `make conformance`, documented in the README.
const (
	ExitConformant    = 0 // every scenario that ran passed
	ExitNonConformant = 1 // the target broke at least one rule
	ExitSuiteError    = 2 // the suite could not check the target (no scenario ran, bad config, unreachable)
)

var outcomes = map[int]string{
	ExitConformant:    "conformant: every scenario that ran passed",
	ExitNonConformant: "non-conformant: the target broke at least one rule",
	ExitSuiteError:    "suite error: the suite could not check the target",
}

func exitStatus(t report.Counts) int {
	switch {
	case t.Error > 0 || t.Pass+t.Fail == 0:
		return ExitSuiteError
	case t.Fail > 0:
		return ExitNonConformant
	}
	return ExitConformant
}

func run(eventsPath, outPath, junitPath string) (report.Counts, error) {
	in, err := os.Open(eventsPath)
	if err != nil {
		return report.Counts{}, fmt.Errorf("open events (run the suite first): %w", err)
	}
	defer in.Close()
	r, err := report.Parse(in)
	if err != nil {
		return report.Counts{}, err
	}
	if junitPath != "" {
		if err := r.RewriteJUnit(junitPath); err != nil {
			return report.Counts{}, err
		}
	}
	f, err := os.Create(outPath)
	if err != nil {
		return report.Counts{}, fmt.Errorf("create summary: %w", err)
	}
	if err := r.WriteMarkdown(f); err != nil {
		f.Close()
		return report.Counts{}, fmt.Errorf("write summary: %w", err)
	}
	if err := f.Close(); err != nil {
		return report.Counts{}, fmt.Errorf("close summary: %w", err)
	}
	t := r.Totals()
	fmt.Printf("summary: %d scenarios, %d passed, %d failed, %d suite errors, %d skipped → %s\n",
		t.Total(), t.Pass, t.Fail, t.Error, t.Skip, outPath)
	return t, nil
}
