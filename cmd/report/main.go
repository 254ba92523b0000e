// Command report turns a conformance run into its verdict: reports/summary.md (at most 200
// lines), reports/failures.md (every detail), reports/junit.xml, reports/results.json and the
// evidence (report.html, coverage.json, certificate.json/.md), judged against a
// known-failures baseline (CONFORMANCE_BASELINE). `clientconf report` is the same command.
//
//	report [flags]                          render the reports of the last run
//	report baseline [-results F] [-out F]   write the last run's failures as a baseline
//	report diff OLD.json NEW.json           compare two runs' results.json
package main

import (
	"os"

	"github.com/clientconf/clientconf/internal/cli/reportcmd"
)

func main() {
	args := os.Args[1:]
	switch {
	case len(args) > 0 && args[0] == "baseline":
		os.Exit(reportcmd.Baseline(args[1:], os.Stdout, os.Stderr))
	case len(args) > 0 && args[0] == "diff":
		os.Exit(reportcmd.Diff(args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(reportcmd.Render(args, os.Getenv, os.Stdout, os.Stderr))
}
