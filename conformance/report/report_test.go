package report_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report"
)

const events = `{"Action":"run","Test":"TestConformance"}
{"Action":"output","Test":"TestConformance","Output":"    runner.go:70: target: embedded reference server; surfaces: [clients]\n"}
{"Action":"run","Test":"TestConformance/clients/crud/lifecycle"}
{"Action":"attr","Test":"TestConformance/clients/crud/lifecycle","Key":"basis","Value":"documented"}
{"Action":"attr","Test":"TestConformance/clients/crud/lifecycle","Key":"requirement","Value":"A client can be created."}
{"Action":"pass","Test":"TestConformance/clients/crud/lifecycle"}
{"Action":"run","Test":"TestConformance/clients/conflict/duplicate-name"}
{"Action":"attr","Test":"TestConformance/clients/conflict/duplicate-name","Key":"basis","Value":"assumed"}
{"Action":"output","Test":"TestConformance/clients/conflict/duplicate-name","Output":"=== RUN   TestConformance/clients/conflict/duplicate-name\n"}
{"Action":"output","Test":"TestConformance/clients/conflict/duplicate-name","Output":"    failure.go:18: clients/conflict/duplicate-name: dup [basis: assumed]\n"}
{"Action":"output","Test":"TestConformance/clients/conflict/duplicate-name","Output":"        expected: status 409\n"}
{"Action":"fail","Test":"TestConformance/clients/conflict/duplicate-name"}
{"Action":"run","Test":"TestConformance/clients/permissions/read-only/getClients"}
{"Action":"output","Test":"TestConformance/clients/permissions/read-only/getClients","Output":"    runner.go:1: skipped: needs the readonly role; set CONFORMANCE_READONLY_TOKEN\n"}
{"Action":"skip","Test":"TestConformance/clients/permissions/read-only/getClients"}
{"Action":"run","Test":"TestConformance/clients/schema/error-404"}
{"Action":"output","Test":"TestConformance/clients/schema/error-404","Output":"    exchange.go:1: SUITE ERROR (not a conformance failure): GET x got no response\n"}
{"Action":"fail","Test":"TestConformance/clients/schema/error-404"}
{"Action":"output","Test":"TestConformance","Output":"    ledger.go:9: LEFTOVER: clients DELETE https://x/v1/clients/c1 (status 500 as main)\n"}
{"Action":"fail","Test":"TestConformance"}
not json: build output
`

func TestParseAndRender(t *testing.T) {
	t.Parallel()
	run, err := report.Parse(strings.NewReader(events))
	require.NoError(t, err)
	tot := run.Totals()
	assert.Equal(t, report.Counts{Pass: 1, Fail: 1, Error: 1, Skip: 1}, tot)
	require.Len(t, run.Leftovers, 1)
	assert.Contains(t, run.Leftovers[0], "status 500")

	var b strings.Builder
	require.NoError(t, run.WriteMarkdown(&b))
	md := b.String()
	for _, want := range []string{
		"| clients | conflict | 0 | 1 | 0 | 0 |",
		"### clients/conflict/duplicate-name",
		"expected: status 409",
		"## Suite errors (not conformance failures)",
		"needs the readonly role; set CONFORMANCE_READONLY_TOKEN: 1 scenarios",
		"target: embedded reference server",
		"## Left over in the target",
	} {
		assert.Contains(t, md, want)
	}
	assert.NotContains(t, md, "failure.go:18:", "file:line prefixes are noise for readers")
}

func TestRewriteJUnitMarksSuiteErrors(t *testing.T) {
	t.Parallel()
	run, err := report.Parse(strings.NewReader(events))
	require.NoError(t, err)
	path := t.TempDir() + "/junit.xml"
	const junit = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="3" failures="2" errors="0">
	<testsuite tests="3" failures="2" errors="0" name="conformance">
		<testcase classname="conformance" name="TestConformance/clients/conflict/duplicate-name"><properties><property name="basis" value="assumed"></property></properties><failure message="Failed">expected: status 409</failure></testcase>
		<testcase classname="conformance" name="TestConformance/clients/schema/error-404"><failure message="Failed">SUITE ERROR (not a conformance failure)</failure></testcase>
		<testcase classname="conformance" name="TestConformance/clients/crud/lifecycle"></testcase>
	</testsuite>
</testsuites>`
	require.NoError(t, os.WriteFile(path, []byte(junit), 0o644))
	require.NoError(t, run.RewriteJUnit(path))
	out, err := os.ReadFile(path)
	require.NoError(t, err)
	s := string(out)
	assert.Contains(t, s, `<error message="suite error: the target could not be checked">SUITE ERROR`)
	assert.Contains(t, s, `<failure message="Failed">expected: status 409</failure>`)
	assert.Contains(t, s, `<property name="basis" value="assumed"></property>`)
	assert.Equal(t, 2, strings.Count(s, `failures="1" errors="1"`), "suite and suites counts moved")
}

func TestRewriteJUnitMarksRunLevelSuiteError(t *testing.T) {
	t.Parallel()
	const unreachable = `{"Action":"run","Test":"TestConformance"}
{"Action":"output","Test":"TestConformance","Output":"    runner.go:66: SUITE ERROR (not a conformance failure): target unreachable, no scenario ran\n"}
{"Action":"fail","Test":"TestConformance"}
`
	run, err := report.Parse(strings.NewReader(unreachable))
	require.NoError(t, err)
	path := t.TempDir() + "/junit.xml"
	const junit = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="1" failures="1" errors="0">
	<testsuite tests="1" failures="1" errors="0" name="conformance">
		<testcase classname="conformance" name="TestConformance"><failure message="Failed">SUITE ERROR (not a conformance failure): target unreachable</failure></testcase>
	</testsuite>
</testsuites>`
	require.NoError(t, os.WriteFile(path, []byte(junit), 0o644))
	require.NoError(t, run.RewriteJUnit(path))
	out, err := os.ReadFile(path)
	require.NoError(t, err)
	s := string(out)
	assert.Contains(t, s, `<error message="suite error: the target could not be checked">SUITE ERROR`)
	assert.NotContains(t, s, "<failure")
	assert.Equal(t, 2, strings.Count(s, `failures="0" errors="1"`), "suite and suites counts moved")
}
