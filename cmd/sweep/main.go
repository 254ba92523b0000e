// Command sweep deletes what earlier conformance runs left in a target: everything whose name
// starts with the run prefix (default "ccs-", every run). `clientconf sweep` is the same
// command; see package internal/cli/sweepcmd.
package main

import (
	"os"

	"github.com/clientconf/clientconf/internal/cli/sweepcmd"
)

func main() {
	os.Exit(sweepcmd.Main(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}
