// Command docgen writes the generated documentation: docs/requirements.md (the requirements
// catalogue, from the scenario declarations) and docs/traceability.md (the contract's rules
// mapped to scenarios, from docs/traceability.yaml). `make docs` runs it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/clientconf/clientconf/internal/catalogue"
	"github.com/clientconf/clientconf/internal/traceability"
)

func main() {
	dir := flag.String("docs", "docs", "the docs directory to write into")
	flag.Parse()
	if err := run(context.Background(), *dir); err != nil {
		fmt.Fprintln(os.Stderr, "docgen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dir string) error {
	cat, err := catalogue.Load(ctx)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "requirements.md"), cat.Requirements(), 0o644); err != nil {
		return fmt.Errorf("write requirements.md: %w", err)
	}
	m, err := traceability.Load(filepath.Join(dir, traceability.MatrixFile))
	if err != nil {
		return err
	}
	md, err := m.Render(cat)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "traceability.md"), md, 0o644); err != nil {
		return fmt.Errorf("write traceability.md: %w", err)
	}
	return nil
}
