package results_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report/results"
)

func TestReadEvents(t *testing.T) {
	t.Parallel()
	run, err := results.ReadEventsFile("testdata/events.json")
	require.NoError(t, err)

	assert.Equal(t, results.Counts{Pass: 1, Fail: 1, Error: 1, Skip: 1}, run.Totals())
	require.Len(t, run.Scenarios, 4, "a subtest of a scenario is not a scenario")
	assert.Equal(t, "fail", run.RootOutcome)
	assert.Equal(t, 3*time.Second, run.Elapsed)
	assert.Equal(t, []string{"embedded"}, run.Info["target"])
	assert.Equal(t, []string{"clients DELETE https://host/cis/v1/clients/c1 (status 500 as main)"}, run.Leftovers)
	assert.Contains(t, run.Notes[0], "target: embedded reference server")
	assert.Contains(t, run.Errors, "not json: build output")

	life := run.Scenario("clients/crud/lifecycle")
	require.NotNil(t, life)
	assert.True(t, life.Flaky)
	assert.Equal(t, 250*time.Millisecond, life.Elapsed)

	def := run.Scenario("clients/defaults/client_type")
	require.NotNil(t, def)
	assert.Equal(t, "spec", def.Basis)
	assert.True(t, def.Derived)
	assert.Equal(t, results.Fail, def.Outcome)
	require.Len(t, def.Failures, 2)
	assert.Equal(t, results.Failure{
		Rule: "response-schema", Basis: "spec", Kind: "schema", Operation: "createClient",
		Method: "POST", Path: "/v1/clients", URL: "https://host/cis/v1/clients", Role: "main",
		Status: 201, Field: "/created_at", Expected: "date-time", Actual: `"yesterday"`,
		Setup: true, Message: "created_at is not a date-time",
	}, def.Failures[0])
	assert.Equal(t, []results.Observation{{Point: "secret-length", Saw: "32 characters"}}, def.Observations)
	assert.Equal(t, "created_at is not a date-time", def.Reason())
	assert.Equal(t, []string{"    failure.go:18: created_at is not a date-time"}, def.Output, "markers dropped")

	skip := run.Scenario("clients/permissions/read-only/getClients")
	require.NotNil(t, skip)
	assert.Equal(t, results.NotConfigured, skip.SkipReason)
	assert.Equal(t, "clients", skip.Surface, "surface falls back to the ID")
	assert.Equal(t, "permissions", skip.Category)
}

func TestReadEventsWithoutAttributes(t *testing.T) {
	t.Parallel()
	const old = `{"Action":"run","Test":"TestConformance/clients/crud/a"}
{"Action":"pass","Test":"TestConformance/clients/crud/a"}
{"Action":"fail","Test":"TestConformance/clients/crud/b"}
{"Action":"skip","Test":"TestConformance/clients/crud/c"}
`
	run, err := results.ReadEvents(strings.NewReader(old))
	require.NoError(t, err)
	assert.Equal(t, results.Counts{Pass: 1, Fail: 1, Skip: 1}, run.Totals())
	assert.False(t, run.Scenarios[0].Attributed)
}

func TestReadEventsBadFailureAttr(t *testing.T) {
	t.Parallel()
	const bad = `{"Action":"attr","Test":"TestConformance/clients/crud/a","Key":"failure","Value":"not json"}` + "\n"
	_, err := results.ReadEvents(strings.NewReader(bad))
	require.ErrorContains(t, err, "clients/crud/a")
}

func TestReadTranscript(t *testing.T) {
	t.Parallel()
	entries, err := results.ReadTranscriptFile("testdata/transcript.jsonl")
	require.NoError(t, err)
	require.Len(t, entries, 2)
	assert.Equal(t, "createClient", entries[0].Operation)
	assert.Equal(t, "/v1/clients", entries[0].PathTemplate)
	assert.Equal(t, []string{"application/json"}, entries[0].RequestHeaders["Content-Type"])
	assert.Equal(t, []string{"9"}, entries[0].ResponseHeaders["X-Ratelimit-Remaining"])
	assert.Len(t, entries[0].Retries, 1)
	assert.Equal(t, results.PurposeCleanup, entries[1].Purpose)
	assert.Empty(t, entries[1].Scenario)
	assert.Empty(t, entries[1].Retries)

	_, err = results.ReadTranscript(strings.NewReader("{}\n{bad\n"))
	require.ErrorContains(t, err, "line 2")
}

func TestResultsFileRoundTrip(t *testing.T) {
	t.Parallel()
	run, err := results.ReadEventsFile("testdata/events.json")
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "results.json")
	require.NoError(t, results.WriteFile(path, &results.File{Suite: "v0", Specs: map[string]string{"a.yaml": "00"}, Run: run}))
	back, err := results.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, run.Totals(), back.Run.Totals())
	assert.Equal(t, run.Scenario("clients/defaults/client_type").Failures, back.Run.Scenario("clients/defaults/client_type").Failures)
	assert.Equal(t, "v0", back.Suite)
}

func TestEncodeEventsRoundTrip(t *testing.T) {
	t.Parallel()
	run, err := results.ReadEventsFile("testdata/events.json")
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, results.EncodeEvents(&b, run))
	back, err := results.ReadEvents(strings.NewReader(b.String()))
	require.NoError(t, err)
	require.Len(t, back.Scenarios, len(run.Scenarios))
	for i, s := range run.Scenarios {
		got := *back.Scenarios[i]
		want := *s
		got.Output, want.Output = nil, nil
		assert.Equal(t, want, got)
	}
	assert.Equal(t, run.Leftovers, back.Leftovers)
}

func TestReadEventsLongLine(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 300<<10) // far past bufio's default 64 KiB token
	events := `{"Action":"attr","Test":"TestConformance/clients/crud/a","Key":"failure","Value":"{\"rule\":\"r\",\"actual\":\"` + long + `\"}"}
{"Action":"attr","Test":"TestConformance/clients/crud/a","Key":"outcome","Value":"fail"}
{"Action":"fail","Test":"TestConformance/clients/crud/a","Elapsed":0.5}
{"Action":"fail","Elapsed":1.5}
`
	run, err := results.ReadEvents(strings.NewReader(events))
	require.NoError(t, err)
	require.Len(t, run.Scenarios, 1)
	assert.Len(t, run.Scenarios[0].Failures[0].Actual, len(long))
	assert.Equal(t, 1500*time.Millisecond, run.Elapsed, "the package's time when TestConformance never ended")
}

func TestReadEventsBuildFailure(t *testing.T) {
	t.Parallel()
	const events = `{"ImportPath":"github.com/clientconf/clientconf/conformance [github.com/clientconf/clientconf/conformance.test]","Action":"build-output","Output":"conformance/runner.go:1:1: syntax error\n"}
{"ImportPath":"github.com/clientconf/clientconf/conformance [github.com/clientconf/clientconf/conformance.test]","Action":"build-fail"}
{"Action":"start","Package":"github.com/clientconf/clientconf/conformance"}
{"Action":"output","Package":"github.com/clientconf/clientconf/conformance","Output":"FAIL\tgithub.com/clientconf/clientconf/conformance [build failed]\n"}
{"Action":"fail","Package":"github.com/clientconf/clientconf/conformance","Elapsed":0}
`
	run, err := results.ReadEvents(strings.NewReader(events))
	require.NoError(t, err)
	assert.Empty(t, run.Scenarios)
	assert.Empty(t, run.RootOutcome)
	require.NotEmpty(t, run.Errors)
	assert.Equal(t, "conformance/runner.go:1:1: syntax error", run.Errors[0])
}

func TestReadEventsConfigurationError(t *testing.T) {
	t.Parallel()
	const events = `{"Action":"start","Package":"p"}
{"Action":"output","Package":"p","Output":"configuration error: CONFORMANCE_TIMEOUT is \"banana\"; fix: set a positive duration per request, e.g. 10s\n"}
{"Action":"output","Package":"p","Output":"FAIL\tp\t0.014s\n"}
{"Action":"fail","Package":"p","Elapsed":0.016}
`
	run, err := results.ReadEvents(strings.NewReader(events))
	require.NoError(t, err)
	assert.Equal(t, []string{`configuration error: CONFORMANCE_TIMEOUT is "banana"; fix: set a positive duration per request, e.g. 10s`}, run.Errors)
}
