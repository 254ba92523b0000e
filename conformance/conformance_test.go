package conformance_test

import (
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/reftarget"
)

// TestConformance runs the whole suite: against CONFORMANCE_BASE_URL when set, otherwise
// against the embedded reference server (which must pass with zero failures).
func TestConformance(t *testing.T) {
	cfg, warnings, err := conformance.ConfigFromEnviron(os.Environ())
	for _, w := range warnings {
		t.Log(w)
	}
	if err != nil {
		t.Fatalf("SUITE ERROR (not a conformance failure): %v", err)
	}
	var target conformance.Target
	if cfg.BaseURL == "" {
		target, err = reftarget.Start(t.Cleanup, reftarget.Options{Surfaces: cfg.Surfaces})
		if err != nil {
			t.Fatalf("SUITE ERROR (not a conformance failure): %v", err)
		}
		target.SkipBasis = cfg.SkipBasis
		target.Transcript = cfg.Transcript // the embedded run writes its transcript too (coverage needs it)
		target.Progress, target.ProgressFile = cfg.Progress, cfg.ProgressFile
	} else {
		target = conformance.TargetFromConfig(cfg)
	}
	conformance.Run(t, target)
}

// TestMain stops at once, with one message, on a bad configuration.
func TestMain(m *testing.M) {
	// Warnings about unknown variables are printed with the error they may explain; in a run
	// that starts, TestConformance logs them.
	_, warnings, err := conformance.ConfigFromEnviron(os.Environ())
	if err != nil {
		var ce *conformance.ConfigError
		if errors.As(err, &ce) {
			fmt.Fprintln(os.Stderr, err) // first: the report shows the first line
			for _, w := range warnings {
				fmt.Fprintln(os.Stderr, w)
			}
			os.Exit(2)
		}
	}
	os.Exit(m.Run())
}
