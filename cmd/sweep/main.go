// Command sweep deletes what earlier conformance runs left in a target: everything whose name
// starts with the run prefix (default "ccs-", every run). It reads the same CONFORMANCE_*
// variables as the suite and never touches anything named otherwise.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/sweep"
)

func main() {
	prefix := flag.String("prefix", sweep.DefaultPrefix, "name prefix of what to delete (a run prefix such as ccs-1123T1856-c52559-, or ccs- for every run)")
	dryRun := flag.Bool("dry-run", false, "list what would be deleted, delete nothing")
	flag.Parse()
	if err := run(*prefix, *dryRun); err != nil {
		fmt.Fprintln(os.Stderr, "sweep:", err)
		os.Exit(2)
	}
}

func run(prefix string, dryRun bool) error {
	cfg, err := conformance.ConfigFromEnv(os.Getenv)
	if err != nil {
		return err
	}
	if cfg.BaseURL == "" {
		return fmt.Errorf("CONFORMANCE_BASE_URL is empty: the sweep needs a target (the embedded reference server keeps nothing between runs)")
	}
	target := conformance.TargetFromConfig(cfg)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	mainTok, err := roleToken(ctx, target, conformance.Main)
	if err != nil {
		return err
	}
	adminTok, err := roleToken(ctx, target, conformance.Admin)
	if err != nil {
		return err
	}
	items, err := sweep.Run(ctx, sweep.Target{BaseURLs: target.BaseURLs, Token: mainTok, AdminToken: adminTok}, prefix, dryRun)
	for _, it := range items {
		state := "would delete"
		switch {
		case it.Deleted:
			state = "deleted"
		case it.Err != "":
			state = "NOT deleted (" + it.Err + ")"
		}
		fmt.Printf("%-13s %-12s %-40s %s  %s\n", it.Surface, it.Kind, it.ID, strings.TrimSpace(it.Name), state)
	}
	fmt.Printf("%d leftovers with prefix %q\n", len(items), prefix)
	return err
}

// roleToken returns the role's fixed token, or fetches one with its client credentials.
func roleToken(ctx context.Context, t conformance.Target, r conformance.Role) (string, error) {
	if src := t.TokenSources[r]; src != nil {
		tok, err := src.Token(ctx)
		if err != nil {
			return "", fmt.Errorf("token for the %s role: %w", r, err)
		}
		return tok, nil
	}
	return t.Tokens[r], nil
}
