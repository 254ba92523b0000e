package bench

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// tools are the programs a user's run goes through, built once per bench run.
var tools struct {
	dir         string // scratch directory holding the binaries
	conformance string // go test -c ./conformance/
	report      string // go build ./cmd/report
	gotestsum   string // go tool -n gotestsum
	test2json   string // go tool -n test2json
}

// TestMain builds the conformance test binary and the report command once; every case then
// runs them as separate processes. In -short mode (the Makefile's -race pass) the bench is
// skipped without building anything.
func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "clientconf-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	code := 2
	if err := buildTools(dir); err != nil {
		fmt.Fprintln(os.Stderr, "bench: building the tools:", err)
	} else {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

func buildTools(dir string) error {
	root, err := goOutput("", "env", "GOMOD")
	if err != nil {
		return err
	}
	root = filepath.Dir(root)
	tools.dir = dir
	tools.conformance = filepath.Join(dir, "conformance.test")
	tools.report = filepath.Join(dir, "report")
	if _, err := goOutput(root, "test", "-c", "-o", tools.conformance, "./conformance/"); err != nil {
		return err
	}
	if _, err := goOutput(root, "build", "-o", tools.report, "./cmd/report"); err != nil {
		return err
	}
	// The same gotestsum the Makefile runs (`go tool gotestsum`), resolved once.
	if tools.gotestsum, err = goOutput(root, "tool", "-n", "gotestsum"); err != nil {
		return err
	}
	if tools.test2json, err = goOutput(root, "tool", "-n", "test2json"); err != nil {
		return err
	}
	return nil
}

func goOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}
