package crosscheck_test

import (
	"fmt"
	"go/parser"
	"go/token"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/crosscheck/altserver"
)

// crossCase is one server configuration to run the suite against.
type crossCase struct {
	name string
	opts altserver.Options
	// caughtIn is empty for a conforming configuration (no scenario may fail or error);
	// otherwise at least one scenario whose ID starts with it must fail.
	caughtIn string
}

// cases lists the server without variants, each conforming variant alone, every conforming
// variant at once (taken in both orders, so that each side of a mutually exclusive pair is
// combined with all the rest), and the non-conforming variants, each of which must be caught.
// Built from altserver's own lists, so a variant added there is cross-checked here at once.
func cases(t *testing.T) []crossCase {
	t.Helper()
	out := []crossCase{{name: "none"}}
	conforming := altserver.ConformingVariants()
	for _, v := range conforming {
		opts, err := altserver.ParseVariants(v)
		require.NoError(t, err)
		out = append(out, crossCase{name: v, opts: opts})
	}
	out = append(out,
		crossCase{name: "all-compatible", opts: allCompatible(t, conforming)},
		crossCase{name: "all-compatible-reversed", opts: allCompatible(t, reversed(conforming))})
	for _, v := range altserver.Variants() {
		if slices.Contains(conforming, v) {
			continue
		}
		opts, err := altserver.ParseVariants(v)
		require.NoError(t, err)
		out = append(out, crossCase{name: v, opts: opts, caughtIn: caughtIn(t, v)})
	}
	return out
}

// caughtIn says where the suite must catch each non-conforming variant.
func caughtIn(t *testing.T, variant string) string {
	t.Helper()
	where := map[string]string{
		// Filling a missing required member of a nested object accepts a body the contract
		// refuses with 400.
		"lenient-nested": "clients/bad-request/",
	}[variant]
	require.NotEmpty(t, where, "non-conforming variant %s: say in caughtIn which scenarios must catch it", variant)
	return where
}

// allCompatible turns on the variants of names in order, leaving out each one that excludes a
// variant already on (e.g. protocol-strict after protocol-ignore).
func allCompatible(t *testing.T, names []string) altserver.Options {
	t.Helper()
	var on []string
	for _, n := range names {
		if _, err := altserver.ParseVariants(append(slices.Clone(on), n)...); err == nil {
			on = append(on, n)
		}
	}
	opts, err := altserver.ParseVariants(on...)
	require.NoError(t, err)
	return opts
}

func reversed(s []string) []string {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

// TestCrossCheck runs the clients suite against altserver in every configuration of cases.
// A conforming configuration must pass every scenario: a failure there is the suite asking
// for more than the contract (or altserver breaking it; the messages tell which). A
// non-conforming one must be caught, which shows this cross-check can fail at all.
func TestCrossCheck(t *testing.T) {
	su, err := conformance.NewSuite("clients")
	require.NoError(t, err)
	for _, tc := range cases(t) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			t.Logf("variants: %v", tc.opts.Names())
			start := time.Now()
			results := collect(t, su, tc)
			skipped := 0 // a skipped scenario checks nothing: worth seeing in the log
			for _, r := range results {
				if r.Outcome == conformance.Skipped {
					skipped++
				}
			}
			t.Logf("%d scenarios (%d skipped) in %s", len(results), skipped, time.Since(start).Round(time.Millisecond))
			require.NotEmpty(t, results, "the suite selected no scenario")
			if tc.caughtIn == "" {
				if bad := describe(results, conformance.Failed, conformance.Errored); len(bad) > 0 {
					t.Errorf("%d of %d scenarios did not pass against a conforming server: the suite asks for more "+
						"than the contract, or altserver breaks it:\n\n%s", len(bad), len(results), strings.Join(bad, "\n\n"))
				}
				return
			}
			if errored := describe(results, conformance.Errored); len(errored) > 0 {
				t.Errorf("a broken rule must read as non-conformance, not as a suite error:\n\n%s", strings.Join(errored, "\n\n"))
			}
			var caught []string
			for _, r := range results {
				if r.Outcome == conformance.Failed && strings.HasPrefix(r.ID, tc.caughtIn) {
					caught = append(caught, r.ID)
				}
			}
			if len(caught) == 0 {
				t.Fatalf("variant %s is caught by no %s scenario; the failures were:\n\n%s",
					tc.name, tc.caughtIn, strings.Join(describe(results, conformance.Failed), "\n\n"))
			}
			t.Logf("caught by %v", caught)
		})
	}
}

// collect serves a fresh altserver with tc's options and runs every clients scenario on it.
func collect(t *testing.T, su *conformance.Suite, tc crossCase) []conformance.Result {
	t.Helper()
	srv := httptest.NewServer(altserver.New(tc.opts))
	t.Cleanup(srv.Close)
	target := conformance.Target{
		Name:     "altserver (" + tc.name + ")",
		BaseURLs: map[string]string{"clients": srv.URL + "/cis"},
		Tokens: map[conformance.Role]string{
			conformance.Main:     altserver.MainToken,
			conformance.ReadOnly: altserver.ReadOnlyToken,
			conformance.NoPerm:   altserver.NoPermToken,
			conformance.Other:    altserver.OtherAppToken,
			conformance.Admin:    altserver.AdminToken,
		},
		AppID:      altserver.AppID,
		OtherAppID: altserver.OtherAppID,
		// The server is private to this test: collection deletes harm nobody.
		AllowDestructive: true,
		// A hung run ends as errored scenarios that say so, not as a test timeout.
		Deadline: 2 * time.Minute,
	}
	results, err := su.Collect(t.Context(), target, nil)
	require.NoError(t, err)
	return results
}

// describe lists the results with one of outcomes, each with its messages (which say what
// was sent, what came back and which rule it broke).
func describe(results []conformance.Result, outcomes ...conformance.Outcome) []string {
	var out []string
	for _, r := range results {
		if slices.Contains(outcomes, r.Outcome) {
			out = append(out, fmt.Sprintf("%s (%s):\n%s", r.ID, r.Outcome, strings.Join(r.Messages, "\n")))
		}
	}
	return out
}

// TestAltserverIndependent keeps altserver a second opinion: it may import the standard
// library only, so it can share neither code nor assumptions with the reference server or
// the suite.
func TestAltserverIndependent(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("altserver", "*.go"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	fset := token.NewFileSet()
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		parsed, err := parser.ParseFile(fset, f, src, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range parsed.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			require.NoError(t, err)
			first, _, _ := strings.Cut(path, "/")
			assert.NotContains(t, first, ".", "%s imports %s: altserver may use the standard library only", f, path)
		}
	}
}

// TestVariantOptions checks the option table the cross-check is built from.
func TestVariantOptions(t *testing.T) {
	all := altserver.Variants()
	for _, v := range all {
		opts, err := altserver.ParseVariants(v)
		require.NoError(t, err)
		assert.Equal(t, []string{v}, opts.Names(), "variant %s must turn on itself only", v)
	}
	_, err := altserver.ParseVariants("no-such-variant")
	assert.ErrorContains(t, err, "unknown variant")
	for _, pair := range [][]string{{"protocol-ignore", "protocol-strict"}, {"seconds", "nanos"}, {"offset", "seconds"}} {
		_, err := altserver.ParseVariants(pair...)
		assert.Error(t, err, "%v exclude each other", pair)
	}
	assert.Panics(t, func() { altserver.New(altserver.Options{ProtocolIgnore: true, ProtocolStrict: true}) },
		"New must refuse options that exclude each other")
}
