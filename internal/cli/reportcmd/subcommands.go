package reportcmd

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/results"
)

// Baseline is `report baseline`: it writes the failures of the last run (its results.json)
// as a baseline file.
func Baseline(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report baseline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("results", "reports/results.json", "results.json of the run to accept")
	out := fs.String("out", "conformance-baseline.yaml", "baseline file to write")
	if err := fs.Parse(args); err != nil {
		return report.ExitSuiteError
	}
	f, err := results.ReadFile(*from)
	if err != nil {
		fmt.Fprintln(stderr, "report baseline:", err)
		return report.ExitSuiteError
	}
	entries := report.BaselineFromRun(f.Run)
	if err := report.WriteBaseline(*out, entries); err != nil {
		fmt.Fprintln(stderr, "report baseline:", err)
		return report.ExitSuiteError
	}
	fmt.Fprintf(stdout, "baseline: %d entries → %s (give each a reason; then CONFORMANCE_BASELINE=%s)\n", len(entries), *out, *out)
	return 0
}

// Diff is `report diff`: it compares two results.json files; with -exit-code it exits 1
// when a scenario newly fails.
func Diff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	exitCode := fs.Bool("exit-code", false, "exit 1 when a scenario newly fails")
	if err := fs.Parse(args); err != nil {
		return report.ExitSuiteError
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(stderr, "usage: report diff [-exit-code] OLD/results.json NEW/results.json")
		return report.ExitSuiteError
	}
	var runs [2]*results.Run
	for i, p := range fs.Args() {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			p = filepath.Join(p, "results.json") // a folder of reports, e.g. a CI artifact
		}
		f, err := results.ReadFile(p)
		if err != nil {
			fmt.Fprintln(stderr, "report diff:", err)
			return report.ExitSuiteError
		}
		runs[i] = f.Run
	}
	d := report.DiffRuns(runs[0], runs[1])
	if err := d.Write(stdout, fs.Arg(0), fs.Arg(1)); err != nil {
		fmt.Fprintln(stderr, "report diff:", err)
		return report.ExitSuiteError
	}
	if *exitCode && len(d.NewlyFailing) > 0 {
		return report.ExitNonConformant
	}
	return 0
}
