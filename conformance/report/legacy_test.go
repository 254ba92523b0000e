package report_test

// TEMPORARY: deleted with legacy.go when the engine sets the leftover attribute.

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/results"
)

func TestLegacyLeftovers(t *testing.T) {
	t.Parallel()
	const events = `{"Action":"run","Test":"TestConformance"}
{"Action":"output","Test":"TestConformance","Output":"    runner.go:70: target: embedded reference server; surfaces: [clients]\n"}
{"Action":"output","Test":"TestConformance","Output":"    ledger.go:9: LEFTOVER: clients DELETE https://x/v1/clients/c1 (status 500 as main)\n"}
{"Action":"fail","Test":"TestConformance"}
`
	r, err := results.ReadEvents(strings.NewReader(events))
	require.NoError(t, err)
	report.Legacy(r)
	assert.Equal(t, []string{"clients DELETE https://x/v1/clients/c1 (status 500 as main)"}, r.Leftovers)
	assert.Equal(t, []string{"target: embedded reference server; surfaces: [clients]"}, r.Notes)
}
