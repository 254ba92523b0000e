package conformance_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/reftarget"
)

// TestFailureIsData checks that a broken rule comes out as a typed failure (what reports read),
// not only as message text.
func TestFailureIsData(t *testing.T) {
	su, err := conformance.NewSuite("clients")
	require.NoError(t, err)
	target, err := reftarget.Start(t.Cleanup, reftarget.Options{Faults: []string{"clients/conflict/duplicate-name-allowed"}, Surfaces: []string{"clients"}})
	require.NoError(t, err)
	results, err := su.Collect(t.Context(), target, func(sc conformance.Scenario) bool {
		return sc.ID == "clients/conflict/duplicate-name"
	})
	require.NoError(t, err)
	require.Len(t, results, 1)
	r := results[0]
	require.Equal(t, conformance.Failed, r.Outcome)
	require.NotEmpty(t, r.Failures)
	f := r.Failures[0]
	assert.Equal(t, "clients/conflict/duplicate-name: status", f.Rule)
	assert.Equal(t, conformance.KindStatus, f.Kind)
	assert.Equal(t, conformance.Assumed, f.Basis)
	assert.Equal(t, "createClient", f.Operation)
	assert.Equal(t, "POST", f.Method)
	assert.Equal(t, 201, f.Status)
	assert.Equal(t, "status 409", f.Expected)
	assert.NotContains(t, f.Message, "\n")
}

// TestSkipReasons checks that a scenario skipped for a missing role says so as data.
func TestSkipReasons(t *testing.T) {
	su, err := conformance.NewSuite("clients")
	require.NoError(t, err)
	target, err := reftarget.Start(t.Cleanup, reftarget.Options{Surfaces: []string{"clients"}})
	require.NoError(t, err)
	delete(target.Tokens, conformance.Other)
	target.AllowDestructive = false
	results, err := su.Collect(t.Context(), target, func(sc conformance.Scenario) bool {
		return sc.Destructive || len(sc.Roles) > 0 && sc.Roles[0] == conformance.Other
	})
	require.NoError(t, err)
	require.NotEmpty(t, results)
	for _, r := range results {
		require.Equal(t, conformance.Skipped, r.Outcome, r.ID)
		assert.Contains(t, []conformance.SkipReason{conformance.NotConfigured, conformance.DestructiveOff}, r.SkipReason, r.ID)
	}
}

// TestTranscriptShowsEveryCleanup runs the crud scenarios with a transcript: every resource a
// scenario created (a 2xx answer to an operation with x-cleanup) has its cleanup DELETE in the
// transcript, and the setup checks' requests are there too.
func TestTranscriptShowsEveryCleanup(t *testing.T) {
	su, err := conformance.NewSuite("clients")
	require.NoError(t, err)
	sp, err := contract.Load("clients")
	require.NoError(t, err)
	target, err := reftarget.Start(t.Cleanup, reftarget.Options{Surfaces: []string{"clients"}})
	require.NoError(t, err)
	target.Transcript = filepath.Join(t.TempDir(), "transcript.jsonl")
	_, err = su.Collect(t.Context(), target, func(sc conformance.Scenario) bool {
		return strings.HasPrefix(sc.ID, "clients/crud/") && !sc.Destructive
	})
	require.NoError(t, err)

	f, err := os.Open(target.Transcript)
	require.NoError(t, err)
	defer f.Close()
	created, cleanups, preflights := 0, 0, 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e struct {
			Purpose, Operation, Method, Scenario string
			Status                               int
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &e))
		switch e.Purpose {
		case conformance.PurposeScenario:
			if op := sp.Op(e.Operation); op != nil && op.Cleanup != nil && e.Status/100 == 2 {
				created++
			}
		case conformance.PurposeCleanup:
			assert.Equal(t, "DELETE", e.Method)
			assert.NotEmpty(t, e.Scenario, "a cleanup line names its scenario")
			cleanups++
		case conformance.PurposePreflight:
			preflights++
			if e.Method != "GET" {
				assert.Equal(t, 4, e.Status/100, "a setup probe creates nothing: %s %s", e.Method, e.Operation)
			}
		}
	}
	require.NoError(t, sc.Err())
	require.Positive(t, created)
	assert.GreaterOrEqual(t, cleanups, created, "every cleanup DELETE is in the transcript")
	// The setup checks: the list as main, the create probe, the list as each of the 5 other roles.
	assert.Equal(t, 7, preflights)
	t.Logf("%d resources created, %d cleanup DELETEs in the transcript", created, cleanups)
}
