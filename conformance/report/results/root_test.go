package results_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report/results"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// TestRootLeftoversAndNotes: TestConformance's leftover attributes become the run's leftovers,
// and its log lines its notes without go test's file:line prefix.
func TestRootLeftoversAndNotes(t *testing.T) {
	t.Parallel()
	const events = `{"Action":"run","Test":"TestConformance"}
{"Action":"output","Test":"TestConformance","Output":"    runner.go:70: target: embedded reference server; surfaces: [clients]\n"}
{"Action":"attr","Test":"TestConformance","Key":"leftover","Value":"clients DELETE https://x/v1/clients/c1 (status 500 as main)"}
{"Action":"fail","Test":"TestConformance"}
`
	r, err := results.ReadEvents(strings.NewReader(events))
	require.NoError(t, err)
	assert.Equal(t, []string{"clients DELETE https://x/v1/clients/c1 (status 500 as main)"}, r.Leftovers)
	assert.Equal(t, []string{"target: embedded reference server; surfaces: [clients]"}, r.Notes)
}

// TestFailureMatchesTheWriter: the reader's Failure is the writer's (scenario.Failure) field
// for field, so a field added on one side only fails here rather than vanishing from reports.
func TestFailureMatchesTheWriter(t *testing.T) {
	t.Parallel()
	written := scenario.Failure{Rule: "r", Basis: scenario.Basis("spec"), Kind: "k", Operation: "op", Method: "GET",
		Path: "/p", URL: "https://x/p", Role: scenario.Main, Status: 400, Field: "/f", Expected: "e", Actual: "a",
		Setup: true, Message: "m"}
	raw, err := json.Marshal(written)
	require.NoError(t, err)
	var asMap map[string]any
	require.NoError(t, json.Unmarshal(raw, &asMap))
	var read results.Failure
	require.NoError(t, json.Unmarshal(raw, &read))
	back, err := json.Marshal(read)
	require.NoError(t, err)
	var backMap map[string]any
	require.NoError(t, json.Unmarshal(back, &backMap))
	assert.Len(t, asMap, reflect.TypeOf(written).NumField(), "every field of scenario.Failure is set above")
	assert.Equal(t, asMap, backMap, "results.Failure reads every field scenario.Failure writes, and no other")
}
