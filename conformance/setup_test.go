package conformance_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/reftarget"
	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference"
)

// countingReference serves a fresh reference server (with faults) and counts the requests
// that are not harmless: any write except the create probe's invalid body "[]".
func countingReference(t *testing.T, faults ...string) (root string, writes *atomic.Int64) {
	t.Helper()
	h, err := reference.New(reference.Options{Faults: faults})
	require.NoError(t, err)
	writes = &atomic.Int64{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && !strings.HasSuffix(r.URL.Path, "/token") {
			buf := make([]byte, 3)
			n, _ := r.Body.Read(buf)
			if string(buf[:n]) != "[]" {
				writes.Add(1)
			}
			r.Body = readAgain(buf[:n], r)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, writes
}

func fixtureToken(t *testing.T, role conformance.Role) string {
	t.Helper()
	tenant, err := fixtures.ReferenceTenant()
	require.NoError(t, err)
	for _, tok := range tenant.Tokens {
		if tok.Role == string(role) {
			return tok.Token
		}
	}
	t.Fatalf("no fixture token for %s", role)
	return ""
}

// TestSetupMistakesStopTheRun: each setup mistake of issue 10 is one setup error naming what
// to change, before any scenario runs and without writing anything to the target.
func TestSetupMistakesStopTheRun(t *testing.T) {
	for _, tc := range []struct {
		name    string
		bend    func(t *testing.T, target *conformance.Target, root string)
		check   string
		setting string
		words   []string
	}{
		{"base path missing", func(_ *testing.T, target *conformance.Target, root string) { target.BaseURLs["clients"] = root },
			"base-path", `Target.BaseURLs["clients"]`, []string{"→ 404", "/cis"}},
		{"main token lacking permissions", func(t *testing.T, target *conformance.Target, _ string) {
			target.Tokens[conformance.Main] = fixtureToken(t, conformance.ReadOnly)
			target.Tokens[conformance.ReadOnly] = ""
		}, "permission", "Target.Tokens[conformance.Main]", []string{"may read but not create", "→ 403"}},
		{"expired read-only token", func(_ *testing.T, target *conformance.Target, _ string) {
			target.Tokens[conformance.ReadOnly] = "refro-expired-0000"
		}, "token", "Target.Tokens[conformance.ReadOnly]", []string{"→ 401", "unexpired"}},
		{"no-permission token unknown to the target", func(_ *testing.T, target *conformance.Target, _ string) {
			target.Tokens[conformance.NoPerm] = "refnoperm-wrong-0000"
		}, "token", "Target.Tokens[conformance.NoPerm]", []string{"→ 401", "without client permissions"}},
		{"no-permission token with permissions", func(t *testing.T, target *conformance.Target, _ string) {
			target.Tokens[conformance.NoPerm] = fixtureToken(t, conformance.Other)
		}, "permission", "Target.Tokens[conformance.NoPerm]", []string{"holds client permissions"}},
		{"no-permission token is the main token", func(t *testing.T, target *conformance.Target, _ string) {
			target.Tokens[conformance.NoPerm] = target.Tokens[conformance.Main]
		}, "token", "Target.Tokens[conformance.NoPerm]", []string{"same token as Target.Tokens[conformance.Main]"}},
		{"other-app token of the main app", func(t *testing.T, target *conformance.Target, _ string) {
			target.Tokens[conformance.Other] = fixtureToken(t, conformance.ReadOnly)
			target.OtherAppID = ""
		}, "other-app", "Target.Tokens[conformance.Other]", []string{`sees the main role's app "app-main"`}},
		{"other-app id not the token's app", func(_ *testing.T, target *conformance.Target, _ string) {
			target.OtherAppID = "app-elsewhere"
		}, "other-app", "Target.Tokens[conformance.Other]", []string{`Target.OtherAppID "app-elsewhere"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, writes := countingReference(t)
			target, err := reftarget.DescribeWith(root, reftarget.Options{Surfaces: []string{"clients"}})
			require.NoError(t, err)
			tc.bend(t, &target, root)
			su, err := conformance.NewSuite("clients")
			require.NoError(t, err)
			results, err := su.Collect(t.Context(), target, nil)
			require.Error(t, err)
			assert.Empty(t, results, "no scenario runs")
			var se *conformance.SetupError
			require.True(t, errors.As(err, &se), "want a SetupError, got %v", err)
			assert.Equal(t, tc.check, se.Check)
			assert.Equal(t, tc.setting, se.Setting)
			for _, w := range append(tc.words, "fix:") {
				assert.Contains(t, err.Error(), w)
			}
			assert.NotContains(t, err.Error(), "CONFORMANCE_", "a Go target's error names Target fields")
			assert.Zero(t, writes.Load(), "the setup checks write nothing")
			for _, tok := range target.Tokens {
				if tok != "" {
					assert.NotContains(t, err.Error(), tok, "a setup error never prints a token")
				}
			}
		})
	}
}

// TestSetupErrorNamesVariablesForEnvTargets: the same mistake, configured through the
// environment, names the variable.
func TestSetupErrorNamesVariablesForEnvTargets(t *testing.T) {
	root, _ := countingReference(t)
	env := map[string]string{"CONFORMANCE_BASE_URL": root, "CONFORMANCE_SURFACES": "clients",
		"CONFORMANCE_TOKEN": fixtureToken(t, conformance.Main), "CONFORMANCE_READONLY_TOKEN": "refro-expired-0000"}
	cfg, err := conformance.ConfigFromEnv(func(k string) string { return env[k] })
	require.NoError(t, err)
	su, err := conformance.NewSuite("clients")
	require.NoError(t, err)
	_, err = su.Collect(t.Context(), conformance.TargetFromConfig(cfg), nil)
	var se *conformance.SetupError
	require.True(t, errors.As(err, &se), "want a SetupError, got %v", err)
	assert.Equal(t, "CONFORMANCE_BASE_URL", se.Setting, "the base path is checked first")
	assert.Contains(t, se.Fix, root+"/cis")

	env["CONFORMANCE_BASE_URL"] = root + "/cis/"
	cfg, err = conformance.ConfigFromEnv(func(k string) string { return env[k] })
	require.NoError(t, err)
	_, err = su.Collect(t.Context(), conformance.TargetFromConfig(cfg), nil)
	require.True(t, errors.As(err, &se), "want a SetupError, got %v", err)
	assert.Equal(t, "CONFORMANCE_READONLY_TOKEN", se.Setting)
}

// TestNoFaultSwitchReadsAsSetup: every fault switch breaks the target, not the setup, so the
// setup checks pass against each (none of them may turn a vendor failure into a setup error).
func TestNoFaultSwitchReadsAsSetup(t *testing.T) {
	su, err := conformance.NewSuite()
	require.NoError(t, err)
	none := func(conformance.Scenario) bool { return false }
	for _, f := range reference.Faults() {
		t.Run(f.Name, func(t *testing.T) {
			root, writes := countingReference(t, f.Name)
			for _, surfaces := range [][]string{{"clients", "applications"}, {"auth0"}} {
				target, err := reftarget.DescribeWith(root, reftarget.Options{Surfaces: surfaces})
				require.NoError(t, err)
				_, err = su.Collect(t.Context(), target, none)
				assert.NoError(t, err, "%v", surfaces)
			}
			assert.Zero(t, writes.Load())
		})
	}
}

// readAgain puts the bytes read from r's body back in front of the rest.
func readAgain(head []byte, r *http.Request) io.ReadCloser {
	return struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), r.Body), r.Body}
}

// TestUnreachableNamesTheField: a Go target that does not answer is told in Go terms.
func TestUnreachableNamesTheField(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	root := srv.URL
	srv.Close() // nothing listens there any more
	su, err := conformance.NewSuite("auth0")
	require.NoError(t, err)
	_, err = su.Collect(t.Context(), conformance.Target{BaseURLs: map[string]string{"auth0": root + "/api/v2"},
		Tokens: map[conformance.Role]string{conformance.Main: "tok-main-123456"}}, nil)
	var se *conformance.SetupError
	require.True(t, errors.As(err, &se), "want a SetupError, got %v", err)
	assert.Equal(t, "reachable", se.Check)
	assert.Equal(t, `Target.BaseURLs["auth0"]`, se.Setting)
	assert.Contains(t, err.Error(), "target unreachable")
	assert.NotContains(t, err.Error(), "CONFORMANCE_")
}
