// Command clientconf is the conformance suite as one program, for a QA engineer who never
// clones the repository:
//
//	go install github.com/clientconf/clientconf/cmd/clientconf@latest
//	clientconf run                      # the suite; reports/ and exit status as `make conformance`
//
// Every subcommand reads the same CONFORMANCE_* variables (README, "Variables"):
//
//	clientconf run [-reports DIR] [-run clients/conflict] [-faults NAME,…] [-baseline FILE] [-strict]
//	clientconf serve [-addr HOST:PORT] [-faults NAME,…] [-list-faults]
//	clientconf sweep [-dry-run] [-prefix ccs-…] [-transcript FILE]
//	clientconf report [-events reports/events.json] [-exit-code] …
//	clientconf baseline [-results reports/results.json] [-out conformance-baseline.yaml]
//	clientconf diff [-exit-code] OLD/results.json NEW/results.json
//	clientconf version
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/internal/cli/reportcmd"
	"github.com/clientconf/clientconf/internal/cli/runcmd"
	"github.com/clientconf/clientconf/internal/cli/servecmd"
	"github.com/clientconf/clientconf/internal/cli/sweepcmd"
)

func main() {
	os.Exit(dispatch(os.Args[1:], runcmd.Env{Lookup: os.LookupEnv, Environ: os.Environ, Stdout: os.Stdout, Stderr: os.Stderr}))
}

// dispatch runs one subcommand and returns its exit status; usage mistakes are 2, like a
// setup error.
func dispatch(args []string, env runcmd.Env) int {
	if len(args) == 0 {
		usage(env.Stderr)
		return report.ExitSuiteError
	}
	getenv := func(k string) string {
		v, _ := env.Lookup(k)
		return v
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "run":
		return runcmd.Main(context.Background(), rest, env)
	case "serve":
		return servecmd.Main("serve", rest, env.Stdout, env.Stderr)
	case "sweep":
		return sweepcmd.Main(rest, getenv, env.Stdout, env.Stderr)
	case "report":
		return reportcmd.Render(rest, getenv, env.Stdout, env.Stderr)
	case "baseline":
		return reportcmd.Baseline(rest, env.Stdout, env.Stderr)
	case "diff":
		return reportcmd.Diff(rest, env.Stdout, env.Stderr)
	case "version":
		fmt.Fprintln(env.Stdout, "clientconf", report.CurrentMeta().Suite)
		return 0
	case "help", "-h", "-help", "--help":
		usage(env.Stdout)
		return 0
	}
	fmt.Fprintf(env.Stderr, "clientconf: unknown command %q\n\n", cmd)
	usage(env.Stderr)
	return report.ExitSuiteError
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: clientconf COMMAND [flags]   (COMMAND -h lists its flags)

  run       run the suite against CONFORMANCE_BASE_URL (empty: the embedded reference server);
            writes reports/ and exits 0 conformant, 1 non-conformant, 2 could not check
  serve     serve the reference server and print the CONFORMANCE_* lines for it
  sweep     delete what earlier runs left in the target (names starting with ccs-)
  report    render the reports of a go test run (its events.json)
  baseline  write the last run's failures (reports/results.json) as a known-failures file
  diff      compare two runs' results.json: newly failing, newly passing, changed reasons
  version   print the suite version

Configuration: the CONFORMANCE_* variables, see
https://github.com/clientconf/clientconf#variables
`)
}
