package report_test

// TEMPORARY: deleted with legacy.go when the engine emits the attributes.

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/results"
)

const legacyEvents = `{"Action":"run","Test":"TestConformance"}
{"Action":"output","Test":"TestConformance","Output":"    runner.go:70: target: embedded reference server; surfaces: [clients]\n"}
{"Action":"run","Test":"TestConformance/clients/crud/lifecycle"}
{"Action":"attr","Test":"TestConformance/clients/crud/lifecycle","Key":"flaky","Value":"true"}
{"Action":"output","Test":"TestConformance/clients/crud/lifecycle","Output":"    exchange.go:237: FLAKY: GET x (as main) needed 1 retries: 429\n"}
{"Action":"pass","Test":"TestConformance/clients/crud/lifecycle"}
{"Action":"run","Test":"TestConformance/clients/conflict/duplicate-name"}
{"Action":"attr","Test":"TestConformance/clients/conflict/duplicate-name","Key":"basis","Value":"assumed"}
{"Action":"output","Test":"TestConformance/clients/conflict/duplicate-name","Output":"=== RUN   TestConformance/clients/conflict/duplicate-name\n"}
{"Action":"output","Test":"TestConformance/clients/conflict/duplicate-name","Output":"    failure.go:18: clients/conflict/duplicate-name: A second client with the same name gives 409. [basis: assumed]\n"}
{"Action":"output","Test":"TestConformance/clients/conflict/duplicate-name","Output":"        request:  POST https://h/cis/v1/clients (as main) → 201\n"}
{"Action":"output","Test":"TestConformance/clients/conflict/duplicate-name","Output":"        rule:     spec/response-schema [basis: spec]\n"}
{"Action":"output","Test":"TestConformance/clients/conflict/duplicate-name","Output":"        field:    /created_at\n"}
{"Action":"output","Test":"TestConformance/clients/conflict/duplicate-name","Output":"        expected: the documented response of createClient for status 201 (schema keyword \"format\")\n"}
{"Action":"output","Test":"TestConformance/clients/conflict/duplicate-name","Output":"        actual:   not a date-time\n"}
{"Action":"fail","Test":"TestConformance/clients/conflict/duplicate-name"}
{"Action":"run","Test":"TestConformance/clients/permissions/read-only/getClients"}
{"Action":"output","Test":"TestConformance/clients/permissions/read-only/getClients","Output":"    runner.go:1: skipped: needs the readonly role; set CONFORMANCE_READONLY_TOKEN\n"}
{"Action":"skip","Test":"TestConformance/clients/permissions/read-only/getClients"}
{"Action":"run","Test":"TestConformance/clients/crud/destructive"}
{"Action":"output","Test":"TestConformance/clients/crud/destructive","Output":"    runner.go:1: skipped: destructive (deletes what the suite did not create); set CONFORMANCE_ALLOW_DESTRUCTIVE=1 to run it\n"}
{"Action":"skip","Test":"TestConformance/clients/crud/destructive"}
{"Action":"run","Test":"TestConformance/clients/schema/error-404"}
{"Action":"output","Test":"TestConformance/clients/schema/error-404","Output":"    exchange.go:1: SUITE ERROR (not a conformance failure): GET x got no response\n"}
{"Action":"fail","Test":"TestConformance/clients/schema/error-404"}
{"Action":"output","Test":"TestConformance","Output":"    ledger.go:9: LEFTOVER: clients DELETE https://x/v1/clients/c1 (status 500 as main)\n"}
{"Action":"fail","Test":"TestConformance"}
`

func TestLegacyDerivesTheModel(t *testing.T) {
	t.Parallel()
	r, err := results.ReadEvents(strings.NewReader(legacyEvents))
	require.NoError(t, err)
	report.Legacy(r)
	assert.Equal(t, results.Counts{Pass: 1, Fail: 1, Error: 1, Skip: 2}, r.Totals())
	assert.Equal(t, []string{"clients DELETE https://x/v1/clients/c1 (status 500 as main)"}, r.Leftovers)
	assert.Equal(t, []string{"target: embedded reference server; surfaces: [clients]"}, r.Notes)
	assert.True(t, r.Scenario("clients/crud/lifecycle").Flaky)
	assert.Equal(t, results.NotConfigured, r.Scenario("clients/permissions/read-only/getClients").SkipReason)
	assert.Equal(t, results.Destructive, r.Scenario("clients/crud/destructive").SkipReason)
	assert.Equal(t, "SUITE ERROR (not a conformance failure): GET x got no response", r.Scenario("clients/schema/error-404").Reason())

	dup := r.Scenario("clients/conflict/duplicate-name")
	require.Len(t, dup.Failures, 1)
	f := dup.Failures[0]
	assert.Equal(t, results.Failure{Rule: "spec/response-schema", Basis: "spec", Kind: "schema", Operation: "createClient",
		Method: "POST", URL: "https://h/cis/v1/clients", Role: "main", Status: 201, Field: "/created_at",
		Expected: `the documented response of createClient for status 201 (schema keyword "format")`, Actual: "not a date-time",
		Message: "spec/response-schema at /created_at on POST → 201: not a date-time"}, f)
	assert.Equal(t, report.ExitSuiteError, report.Judge(r, nil, false, now).ExitStatus())
}
