package evidence_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/certificate"
	"github.com/clientconf/clientconf/conformance/report/coverage"
	"github.com/clientconf/clientconf/conformance/report/evidence"
	"github.com/clientconf/clientconf/conformance/report/results"
)

// The fixtures of the results package: a contract-style run and its transcript.
const (
	eventsFixture     = "../results/testdata/events.json"
	transcriptFixture = "../results/testdata/transcript.jsonl"
)

var (
	meta = &report.Meta{Suite: "v0.2.0 (0123456789ab)", Specs: map[string]string{"transmit-clients.openapi.yaml": "feed"}}
	now  = time.Date(2026, 12, 5, 6, 0, 0, 0, time.UTC)
)

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	require.NoError(t, err)
	return string(b)
}

// outputs are every file Write produces.
var outputs = []string{evidence.HTMLFile, evidence.CoverageFile, evidence.CertificateFile, evidence.CertificateMarkdown}

func TestWriteFromTheRecordedFixtures(t *testing.T) {
	run, err := results.ReadEventsFile(eventsFixture)
	require.NoError(t, err)
	transcript, err := results.ReadTranscriptFile(transcriptFixture)
	require.NoError(t, err)
	// A token the engine failed to mask, planted in the transcript: the evidence masks it.
	const token = "tok-3f9a1c77e2"
	transcript[0].ResponseBody = `{"leak":"` + token + `"}`
	dir := filepath.Join(t.TempDir(), "reports")

	md, err := evidence.Write(evidence.Options{Run: run, Transcript: transcript, OutDir: dir, Target: "https://host/cis",
		SkippedBases: []string{"assumed"}, Secrets: evidence.SecretsFromEnv([]string{"CONFORMANCE_TOKEN=" + token}), Now: now, Meta: meta})
	require.NoError(t, err)
	assert.Contains(t, md, "## Spec coverage")
	assert.Contains(t, md, "`report.html`")
	for _, name := range outputs {
		assert.NotContains(t, read(t, dir, name), token, name)
	}

	var cert certificate.Certificate
	require.NoError(t, json.Unmarshal([]byte(read(t, dir, evidence.CertificateFile)), &cert))
	assert.Equal(t, "https://host/cis", cert.Target)
	assert.Equal(t, "v0.2.0 (0123456789ab)", cert.Suite)
	assert.Equal(t, []string{"assumed"}, cert.SkippedBases)
	assert.Equal(t, now, cert.Generated)
	assert.NotEmpty(t, cert.Categories)

	var cov coverage.Report
	require.NoError(t, json.Unmarshal([]byte(read(t, dir, evidence.CoverageFile)), &cov))
	assert.True(t, cov.Measured)
	assert.Equal(t, len(transcript), cov.Exchanges)
	assert.Positive(t, cov.Totals.Operations.Exercised, "the fixture's create and delete")

	page := read(t, dir, evidence.HTMLFile)
	assert.Contains(t, page, "<!DOCTYPE html>")
	assert.Contains(t, read(t, dir, evidence.CertificateMarkdown), "# Conformance statement: ")
}

func TestWriteForARunThatNeverStarted(t *testing.T) {
	// Unreachable target or bad configuration: no scenario, no transcript. Every file is
	// still written and the statement says the target was not judged.
	run := &results.Run{RootOutcome: "fail", Notes: []string{"SUITE ERROR (not a conformance failure): target unreachable"}}
	dir := t.TempDir()
	md, err := evidence.Write(evidence.Options{Run: run, OutDir: dir, Now: now, Meta: meta})
	require.NoError(t, err)
	assert.Contains(t, md, "Not measured")
	cert := read(t, dir, evidence.CertificateMarkdown)
	assert.Contains(t, cert, "# Conformance statement: not-judged")
	assert.Contains(t, cert, "NOT A CONFORMANCE STATEMENT")
	assert.Contains(t, cert, "target unreachable")
	assert.Contains(t, cert, "embedded reference server", "no target: the embedded reference")
	assert.Contains(t, cert, "| run started | never")
	assert.NotContains(t, read(t, dir, evidence.CertificateFile), "0001-01-01")
	page := read(t, dir, evidence.HTMLFile)
	assert.Contains(t, page, "Setup errors")
	assert.Contains(t, page, "Not measured")
	assert.Contains(t, read(t, dir, evidence.CoverageFile), `"measured": false`)
}

func TestWriteNeedsARunAndAWritableFolder(t *testing.T) {
	_, err := evidence.Write(evidence.Options{OutDir: t.TempDir()})
	assert.ErrorContains(t, err, "no run")
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	_, err = evidence.Write(evidence.Options{Run: &results.Run{}, OutDir: filepath.Join(file, "reports"), Meta: meta})
	assert.ErrorContains(t, err, "evidence:")
}

func TestSecretsFromEnv(t *testing.T) {
	environ := []string{
		"CONFORMANCE_TOKEN=main-token-123", "CONFORMANCE_READONLY_TOKEN=ro-token-456",
		"CONFORMANCE_CLIENT_SECRET=cs-789abc", "CONFORMANCE_ADMIN_CLIENT_SECRET=admin-cs-000",
		"CONFORMANCE_TOKEN_URL=https://h/oidc/token", "CONFORMANCE_CLIENT_ID=client-id-public",
		"CONFORMANCE_BASE_URL=https://h/cis", "CONFORMANCE_NOPERM_TOKEN=", "HOME=/root", "TOKEN=not-ours",
	}
	got := evidence.SecretsFromEnv(environ)
	assert.ElementsMatch(t, []string{"main-token-123", "ro-token-456", "cs-789abc", "admin-cs-000"}, got)
	assert.False(t, strings.Contains(strings.Join(got, ","), "client-id-public"))
}

func TestWriteUsesTheSummarysVerdict(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "baseline.yaml")
	require.NoError(t, os.WriteFile(path, []byte("known:\n  - id: clients/crud/a\n    reason: vendor ticket 7\n"), 0o644))
	b, err := report.LoadBaseline(path)
	require.NoError(t, err)
	run := &results.Run{RootOutcome: "fail", Scenarios: []*results.Scenario{{ID: "clients/crud/a", Surface: "clients",
		Category: "crud", Basis: "spec", Outcome: results.Fail, Attributed: true,
		Failures: []results.Failure{{Rule: "r", Kind: results.KindStatus, Message: "expected 404, got 200"}}}}}
	v := report.Judge(run, b, false, now)
	md, err := evidence.Write(evidence.Options{Run: run, Transcript: []results.Entry{}, OutDir: dir, Verdict: v, Meta: meta, Now: now})
	require.NoError(t, err)
	assert.Contains(t, md, "conformant-with-known-failures")
	assert.Contains(t, md, "| clients | 0/7 (0%) |", "an empty transcript is measured: nothing exercised")
	cert := read(t, dir, evidence.CertificateMarkdown)
	assert.Contains(t, cert, "apart from 1 known failures accepted by the baseline "+path)
	assert.Contains(t, cert, "1 entries; 1 known")
}
