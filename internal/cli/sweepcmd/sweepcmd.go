// Package sweepcmd is the sweep command shared by cmd/sweep and `clientconf sweep`: it deletes what earlier conformance runs left in a target: everything whose name
// starts with the run prefix (default "ccs-", every run). It reads the same CONFORMANCE_*
// variables as the suite, sends every request (token requests included) through the suite's
// pipeline (CONFORMANCE_RPS, CONFORMANCE_TIMEOUT, retries, the target's rate-limit headers), and
// never touches anything named otherwise.
package sweepcmd

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/pipeline"
	"github.com/clientconf/clientconf/conformance/sweep"
	"github.com/clientconf/clientconf/conformance/tokens"
)

// Main runs the command with args (without the command name) and returns its exit status:
// 0, or 2 when the sweep could not run or not finish.
func Main(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sweep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	prefix := fs.String("prefix", sweep.DefaultPrefix, "name prefix of what to delete (a run prefix such as ccs-1123T1856-c52559-, or ccs- for every run)")
	dryRun := fs.Bool("dry-run", false, "list what would be deleted, delete nothing")
	transcript := fs.String("transcript", "", "write a redacted JSON-lines transcript of every exchange to this file (purpose \"sweep\" and \"token\")")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := run(*prefix, *dryRun, *transcript, getenv, stdout); err != nil {
		fmt.Fprintln(stderr, "sweep:", err)
		return 2
	}
	return 0
}

func run(prefix string, dryRun bool, transcriptPath string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := conformance.ConfigFromEnv(getenv)
	if err != nil {
		return err
	}
	if cfg.BaseURL == "" {
		return fmt.Errorf("CONFORMANCE_BASE_URL is empty: the sweep needs a target (the embedded reference server keeps nothing between runs)")
	}
	target := conformance.TargetFromConfig(cfg)
	var out io.Writer
	if transcriptPath != "" {
		f, err := os.OpenFile(transcriptPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			return fmt.Errorf("-transcript: cannot write %s: %w", transcriptPath, err)
		}
		defer f.Close()
		out = f
	}
	roles := pipeline.RoleMap{}
	for _, r := range []conformance.Role{conformance.Main, conformance.Admin} {
		if src := target.TokenSources[r]; src != nil {
			roles[string(r)] = pipeline.Credential{Source: src}
		} else if tok := target.Tokens[r]; tok != "" {
			roles[string(r)] = pipeline.Credential{Token: tok}
		}
	}
	p, err := pipeline.New(pipeline.Config{Base: cfg.BaseURL, RPS: target.RPS, AttemptTimeout: target.Timeout,
		Transcript: out, TranscriptBody: true, Roles: roles})
	if err != nil {
		return err
	}
	for _, src := range target.TokenSources {
		if cc, ok := src.(*tokens.ClientCredentials); ok {
			cc.HTTPClient = p.Client() // token requests take the same road (paced, recorded)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	items, err := sweep.Run(ctx, sweep.Target{BaseURLs: target.BaseURLs, Client: p.Client(), HasRole: func(role string) bool {
		_, ok := roles[role]
		return ok
	}}, prefix, dryRun)
	for _, it := range items {
		state := "would delete"
		switch {
		case it.Deleted:
			state = "deleted"
		case it.Err != "":
			state = "NOT deleted (" + p.Redactor().String(it.Err) + ")"
		}
		fmt.Fprintf(stdout, "%-13s %-12s %-40s %s  %s\n", it.Surface, it.Kind, it.ID, strings.TrimSpace(it.Name), state)
	}
	fmt.Fprintf(stdout, "%d leftovers with prefix %q\n", len(items), prefix)
	if err != nil {
		return fmt.Errorf("%s", p.Redactor().String(err.Error()))
	}
	return nil
}
