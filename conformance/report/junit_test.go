package report_test

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/results"
)

type junitCase struct {
	Classname string `xml:"classname,attr"`
	Name      string `xml:"name,attr"`
	Failure   *struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	} `xml:"failure"`
	Error *struct {
		Message string `xml:"message,attr"`
	} `xml:"error"`
	Skipped *struct {
		Message string `xml:"message,attr"`
	} `xml:"skipped"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   *int        `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitFile struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   *int         `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

func TestJUnitValidCompactTyped(t *testing.T) {
	t.Parallel()
	tricky := scenario("clients/crud/tricky", results.Fail)
	tricky.Requirement = "Quotes \" and <tags> & tabs\there,\nnewlines and a control \x01 char."
	tricky.Failures = []results.Failure{{Rule: "r", Kind: "status", Message: "expected 404\n\tgot 200 <html>", Expected: "status 404", Actual: "status 200"}}
	known := scenario("clients/defaults/known", results.Fail, "clients/defaults/known: default")
	r := run(tricky, known, scenario("auth0/crud/ok", results.Pass), scenario("auth0/permissions/s", results.Skip),
		&results.Scenario{ID: "auth0/crud/err", Surface: "auth0", Category: "crud", Outcome: results.Error,
			Failures: []results.Failure{{Rule: "transport", Message: "GET x got no response"}}})
	v := report.Judge(r, &report.Baseline{Entries: []report.Entry{{ID: "clients/defaults/known", Reason: "vendor bug 12"}}}, false, time.Now())

	var out strings.Builder
	require.NoError(t, v.WriteJUnit(&out))
	s := out.String()
	assert.NotContains(t, s, "&#x", "no character entities: newlines and tabs stay literal")
	assert.NotContains(t, s, "&#")

	var f junitFile
	require.NoError(t, xml.Unmarshal([]byte(s), &f))
	require.NotNil(t, f.Errors, "errors attribute always present")
	assert.Equal(t, 5, f.Tests)
	assert.Equal(t, 1, f.Failures)
	assert.Equal(t, 1, *f.Errors)
	require.Len(t, f.Suites, 2)
	for _, su := range f.Suites {
		require.NotNil(t, su.Errors)
	}
	cases := map[string]junitCase{}
	for _, su := range f.Suites {
		for _, c := range su.Cases {
			cases[c.Name] = c
		}
	}
	tc := cases["clients/crud/tricky"]
	assert.Equal(t, "clients.crud", tc.Classname)
	require.NotNil(t, tc.Failure)
	assert.Equal(t, "expected 404 got 200 <html>", tc.Failure.Message, "one line")
	assert.Equal(t, "status", tc.Failure.Type)
	assert.Contains(t, tc.Failure.Text, "Quotes \" and <tags> & tabs\there,\nnewlines")
	require.NotNil(t, cases["auth0/crud/err"].Error)
	assert.Equal(t, "GET x got no response", cases["auth0/crud/err"].Error.Message)
	require.NotNil(t, cases["clients/defaults/known"].Skipped, "a known failure agrees with exit status 0")
	assert.Contains(t, cases["clients/defaults/known"].Skipped.Message, "vendor bug 12")
	assert.Nil(t, cases["auth0/crud/ok"].Failure)
}

func TestJUnitRunLevelSuiteError(t *testing.T) {
	t.Parallel()
	r := &results.Run{RootOutcome: "fail", Notes: []string{"SUITE ERROR (not a conformance failure): target unreachable"}}
	v := report.Judge(r, nil, false, time.Now())
	assert.Equal(t, report.ExitSuiteError, v.ExitStatus())
	var out strings.Builder
	require.NoError(t, v.WriteJUnit(&out))
	var f junitFile
	require.NoError(t, xml.Unmarshal([]byte(out.String()), &f))
	require.NotNil(t, f.Errors)
	assert.Equal(t, 1, *f.Errors)
	assert.Contains(t, f.Suites[0].Cases[0].Error.Message, "target unreachable")
}

func TestJUnitHugeRunHasNoEntities(t *testing.T) {
	t.Parallel()
	v := report.Judge(hugeRun(), nil, false, time.Now())
	var out strings.Builder
	require.NoError(t, v.WriteJUnit(&out))
	assert.NotContains(t, out.String(), "&#")
	var f junitFile
	require.NoError(t, xml.Unmarshal([]byte(out.String()), &f))
	assert.Equal(t, 600, f.Tests)
}
