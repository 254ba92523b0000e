// Command refserver serves the reference server (every surface) on an address and prints the
// CONFORMANCE_* lines that point the suite at it. `clientconf serve` is the same command.
package main

import (
	"os"

	"github.com/clientconf/clientconf/internal/cli/servecmd"
)

func main() {
	os.Exit(servecmd.Main("refserver", os.Args[1:], os.Stdout, os.Stderr))
}
