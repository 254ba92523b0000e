package htmlreport_test

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/certificate"
	"github.com/clientconf/clientconf/conformance/report/coverage"
	"github.com/clientconf/clientconf/conformance/report/htmlreport"
	"github.com/clientconf/clientconf/conformance/report/results"
)

// secret is a token as the environment would hold it; '+' and '/' are escaped by
// html/template and in URLs, so every form of it is looked for.
const secret = "eyJ+tok/en.SECRET-4f9c2a"

// clientBody is an Auth0-sized client answer (about 3 KB).
var clientBody = `{"client_id":"c1","name":"ccs-client","client_secret":"***","app_type":"regular_web",` +
	`"grant_types":["authorization_code","refresh_token"],"callbacks":["https://conformance.example.com/callback"],` +
	`"description":"` + strings.Repeat("a conformance client ", 130) + `"}`

// syntheticRun is a run with the given number of failing scenarios (each with three failed
// checks, six exchanges, one of them a 64 KiB body) among passing, skipped and errored
// ones, with the secret planted where only the report's own masking can catch it.
func syntheticRun(failures int) (*results.Run, []results.Entry) {
	run := &results.Run{Started: time.Date(2026, 12, 5, 5, 0, 0, 0, time.UTC), Elapsed: time.Minute, RootOutcome: "fail",
		Notes: []string{"target: https://t.example/api/v2 token " + secret}}
	var transcript []results.Entry
	surfaces := []string{"clients", "applications", "auth0"}
	for i := range failures + 700 {
		surface := surfaces[i%3]
		id := fmt.Sprintf("%s/cat%02d/scenario-%04d", surface, i%9, i)
		s := &results.Scenario{ID: id, Surface: surface, Category: fmt.Sprintf("cat%02d", i%9), Basis: "spec",
			Requirement: "Requirement of " + id + ".", Outcome: results.Pass, Attributed: true}
		s.Observations = []results.Observation{{Point: "order of list", Saw: "newest first"}}
		run.Scenarios = append(run.Scenarios, s)
		switch {
		case i >= failures && i%50 == 0:
			s.Outcome, s.SkipReason = results.Skip, results.NotConfigured
			continue
		case i >= failures:
			continue
		}
		s.Outcome = results.Fail
		u := fmt.Sprintf("https://t.example/api/v2/clients/c%d?token=%s", i, url.QueryEscape(secret))
		for j := range 3 {
			s.Failures = append(s.Failures, results.Failure{Rule: fmt.Sprintf("rule-%d", (i+j)%300), Kind: results.KindValue,
				Operation: "updateClient", Method: "PATCH", URL: u, Role: "main", Status: 200, Field: "/app_type",
				Expected: strings.Repeat("e", 3000), Actual: secret + strings.Repeat("a", 3000), Message: "app_type not echoed " + secret})
		}
		for j := range 6 {
			e := results.Entry{Scenario: id, Role: "main", Method: "PATCH", URL: u, Status: 200, AuthorizationSent: true,
				RequestHeaders:  results.Headers{"Content-Type": {"application/json"}, "X-Trace": {secret}},
				RequestBody:     `{"app_type":"spa","client_secret":"` + secret + `"}`,
				ResponseHeaders: results.Headers{"Content-Type": {"application/json"}}, ResponseBody: clientBody}
			if j == 5 {
				e.ResponseBody = `{"big":"` + strings.Repeat("b", 64<<10) + `"}`
			}
			transcript = append(transcript, e)
		}
	}
	return run, transcript
}

func render(t *testing.T, run *results.Run, transcript []results.Entry) ([]byte, time.Duration) {
	t.Helper()
	start := time.Now()
	v := report.Judge(run, nil, false, time.Now())
	cert := certificate.Build(certificate.Input{Verdict: v, Meta: report.CurrentMeta(), Target: "https://t.example/api/v2", Now: time.Now()})
	cov, err := coverage.Compute(cert.Surfaces, transcript, "https://t.example/api/v2")
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, htmlreport.Write(&buf, htmlreport.Input{Verdict: v, Certificate: cert, Coverage: cov,
		Transcript: transcript, Secrets: []string{secret}}))
	return buf.Bytes(), time.Since(start)
}

// walk calls fn for every element node.
func walk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func TestReportOf250FailuresIsSmallSelfContainedAndLeaksNoSecret(t *testing.T) {
	run, transcript := syntheticRun(250)
	page, took := render(t, run, transcript)
	t.Logf("250 failures: report.html %d bytes in %s", len(page), took)
	require.Less(t, len(page), 3<<20, "report.html must stay under 3 MB")

	for _, form := range []string{secret, template.HTMLEscapeString(secret), url.QueryEscape(secret), url.PathEscape(secret),
		strings.ReplaceAll(secret, "+", "&#43;")} {
		assert.NotContains(t, string(page), form, "a secret leaked into report.html")
	}

	doc, err := html.Parse(bytes.NewReader(page))
	require.NoError(t, err)
	outcomes := map[string]int{}
	ids := map[string]bool{}
	var curls, scripts, filters int
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "link", "img", "iframe", "object", "embed":
			t.Errorf("external asset element <%s>", n.Data)
		case "script":
			scripts++
			_, hasSrc := attr(n, "src")
			assert.False(t, hasSrc, "scripts are inline")
		case "input", "select":
			filters++
		case "a":
			href, _ := attr(n, "href")
			assert.True(t, strings.HasPrefix(href, "#"), "links stay in the page: %s", href)
		case "pre":
			if c, _ := attr(n, "class"); c == "curl" {
				curls++
				assert.Contains(t, n.FirstChild.Data, "$CONFORMANCE_TOKEN")
			}
		}
		if id, ok := attr(n, "id"); ok {
			assert.False(t, ids[id], "duplicate id %s", id)
			ids[id] = true
		}
		if o, ok := attr(n, "data-outcome"); ok {
			outcomes[o]++
			_, hasCategory := attr(n, "data-category")
			assert.True(t, hasCategory)
		}
	})
	assert.Equal(t, 250, outcomes["fail"])
	assert.Equal(t, len(run.Scenarios), outcomes["fail"]+outcomes["pass"]+outcomes["skip"])
	assert.Equal(t, 250, curls, "one reproduction per failing scenario")
	assert.Equal(t, 1, scripts)
	assert.GreaterOrEqual(t, filters, 6, "five outcome boxes and a category select")
	for _, section := range []string{"verdicts", "causes", "scenarios", "observations", "coverage"} {
		assert.True(t, ids[section], "section #%s", section)
	}
}

func TestReportShowsExchangesOfAFailure(t *testing.T) {
	run := &results.Run{RootOutcome: "fail", Scenarios: []*results.Scenario{{
		ID: "clients/crud/delete-then-get-404", Surface: "clients", Category: "crud", Basis: "documented",
		Requirement: "A deleted client is gone: GET returns 404.", Outcome: results.Fail, Attributed: true,
		Failures: []results.Failure{{Rule: "clients/crud/delete-then-get-404: status", Kind: results.KindStatus,
			Method: "GET", URL: "https://h/cis/v1/clients/c1", Role: "main", Status: 200, Expected: "status 404", Actual: "status 200"}},
		Observations: []results.Observation{{Point: "delete of a deleted client", Saw: "204"}},
	}}}
	transcript := []results.Entry{
		{Scenario: "clients/crud/delete-then-get-404", Role: "main", Method: "POST", URL: "https://h/cis/v1/clients", Status: 201,
			RequestBody: `{"name":"ccs-1"}`, ResponseBody: `{"client_id":"c1"}`, AuthorizationSent: true},
		{Scenario: "clients/crud/delete-then-get-404", Role: "main", Method: "DELETE", URL: "https://h/cis/v1/clients/c1", Status: 204, AuthorizationSent: true},
		{Scenario: "clients/crud/delete-then-get-404", Role: "main", Method: "GET", URL: "https://h/cis/v1/clients/c1", Status: 200,
			ResponseContentType: "application/json", ResponseHeaders: results.Headers{"X-Request-Id": {"r-77"}},
			ResponseBody: `{"client_id":"c1","name":"still-here"}`, AuthorizationSent: true},
	}
	page, _ := render(t, run, transcript)
	s := string(page)
	for _, want := range []string{
		"A deleted client is gone: GET returns 404.", "documented", "status 404", "status 200",
		"GET https://h/cis/v1/clients/c1 → 200 (as main)", // the failing exchange in full
		"X-Request-Id: r-77", "still-here",
		"curl -sS -i -X GET &#39;https://h/cis/v1/clients/c1&#39;", // its reproduction
		"POST https://h/cis/v1/clients → 201 (as main)",            // the steps before, listed
		"delete of a deleted client", "conformance report", "non-conformant",
	} {
		assert.Contains(t, strings.ToLower(s), strings.ToLower(want))
	}
	assert.NotContains(t, s, "Not measured")
}

// TestReportNamesSharedFindings: a field broken the same way under several operations is
// named once above the root-cause table, masked like everything else.
func TestReportNamesSharedFindings(t *testing.T) {
	failing := func(id, op, field string) *results.Scenario {
		return &results.Scenario{ID: id, Surface: "clients", Category: "crud", Basis: "spec", Outcome: results.Fail, Attributed: true,
			Failures: []results.Failure{{Rule: "response-schema", Kind: results.KindSchema, Operation: op, Field: field,
				Actual: `string doesn't match the format "date-time" near ` + secret}}}
	}
	run := &results.Run{RootOutcome: "fail", Scenarios: []*results.Scenario{
		failing("clients/crud/a", "createClient", "/created_at"), failing("clients/crud/b", "getClients", "/0/created_at")}}
	page, _ := render(t, run, nil)
	s := string(page)
	assert.Contains(t, s, "Seen across 2 operations in 2 scenarios: <code>created_at</code>")
	assert.NotContains(t, s, secret)
}
