package certificate_test

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
	"github.com/clientconf/clientconf/conformance/report/results"
)

var now = time.Date(2026, 12, 5, 6, 0, 0, 0, time.UTC)

func sc(id string, o results.Outcome) *results.Scenario {
	parts := strings.SplitN(id, "/", 3)
	s := &results.Scenario{ID: id, Surface: parts[0], Category: parts[1], Basis: "spec", Outcome: o, Attributed: true}
	switch o {
	case results.Fail:
		s.Failures = []results.Failure{{Rule: id + ": status", Kind: results.KindStatus, Message: "expected 404, got 200"}}
	case results.Error:
		s.Failures = []results.Failure{{Rule: "transport", Kind: results.KindTransport, Message: "connection refused"}}
	}
	return s
}

func run(scs ...*results.Scenario) *results.Run {
	return &results.Run{Scenarios: scs, RootOutcome: "pass", Started: now.Add(-time.Minute), Elapsed: 42 * time.Second}
}

func TestBuild(t *testing.T) {
	dir := t.TempDir()
	baselinePath := filepath.Join(dir, "baseline.yaml")
	require.NoError(t, os.WriteFile(baselinePath, []byte("known:\n  - id: auth0/crud/b\n    reason: vendor bug 12\n"), 0o644))
	baseline, err := report.LoadBaseline(baselinePath)
	require.NoError(t, err)
	assumedSkipped := sc("clients/conflict/dup", results.Skip)
	assumedSkipped.Basis, assumedSkipped.SkipReason = "assumed", results.BasisOff

	tests := []struct {
		name     string
		run      *results.Run
		baseline *report.Baseline
		bases    []string
		verdict  string
		says     []string
		setup    int
	}{
		{"conformant", run(sc("clients/crud/a", results.Pass), assumedSkipped), nil, nil,
			certificate.Conformant, []string{"passed every scenario", "basis assumed were not run"}, 0},
		{"known failures", run(sc("clients/crud/a", results.Pass), sc("auth0/crud/b", results.Fail)), baseline, []string{"documented"},
			certificate.ConformantWithKnown, []string{"apart from 1 known failures", baselinePath}, 0},
		{"non-conformant", run(sc("clients/crud/a", results.Fail), sc("auth0/crud/b", results.Fail)), baseline, nil,
			certificate.NonConformant, []string{"does not conform", "1 failing scenarios"}, 0},
		{"setup error in a scenario", run(sc("clients/crud/a", results.Pass), sc("clients/crud/c", results.Error)), nil, nil,
			certificate.NotJudged, []string{"NOT A CONFORMANCE STATEMENT", "clients/crud/c: connection refused"}, 1},
		{"run never started", &results.Run{RootOutcome: "", Errors: []string{"build failed: x.go:1"}}, nil, nil,
			certificate.NotJudged, []string{"NOT A CONFORMANCE STATEMENT", "the suite did not run: build failed"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := report.Judge(tt.run, tt.baseline, false, now)
			meta := report.Meta{Suite: "v0.2.0 (abc123)", Specs: map[string]string{
				"transmit-clients.openapi.yaml": "aa", "auth0-clients.openapi.yaml": "bb", "transmit-applications.openapi.yaml": "cc"}}
			c := certificate.Build(certificate.Input{Verdict: v, Meta: meta, Target: "https://t.example/cis", SkippedBases: tt.bases, Now: now})
			assert.Equal(t, tt.verdict, c.Verdict)
			for _, s := range tt.says {
				assert.Contains(t, c.Statement, s)
			}
			assert.Len(t, c.SetupErrors, tt.setup)
			assert.Equal(t, v.ExitStatus(), c.ExitStatus)
			assert.Equal(t, "v0.2.0 (abc123)", c.Suite)
			for _, s := range c.Specs { // only the specs of surfaces that ran
				assert.Contains(t, c.Surfaces, s.Surface)
				assert.NotEmpty(t, s.SHA256)
			}
			total := c.Totals.Pass + c.Totals.Fail + c.Totals.Known + c.Totals.Error + c.Totals.Skipped
			assert.Equal(t, len(tt.run.Scenarios), total)

			var js, md strings.Builder
			require.NoError(t, c.WriteJSON(&js))
			var back certificate.Certificate
			require.NoError(t, json.Unmarshal([]byte(js.String()), &back))
			assert.Equal(t, c.Verdict, back.Verdict)
			require.NoError(t, c.WriteMarkdown(&md))
			assert.Contains(t, md.String(), "# Conformance statement: "+tt.verdict)
			assert.Contains(t, md.String(), "https://t.example/cis")
			if tt.setup > 0 {
				assert.Contains(t, md.String(), "## Setup errors")
			}
		})
	}
}

func TestBuildCountsPerCategoryAndBaseline(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "baseline.yaml")
	require.NoError(t, os.WriteFile(path, []byte("known:\n  - id: auth0/crud/b\n    reason: r\n  - id: auth0/crud/gone\n    reason: r\n"), 0o644))
	b, err := report.LoadBaseline(path)
	require.NoError(t, err)
	r := run(sc("auth0/crud/b", results.Fail), sc("clients/enums/x", results.Pass), sc("clients/enums/y", results.Skip),
		sc("clients/crud/a", results.Fail))
	c := certificate.Build(certificate.Input{Verdict: report.Judge(r, b, false, now), Meta: report.CurrentMeta(), Target: "t", Now: now})
	assert.Equal(t, []string{"clients", "auth0"}, c.Surfaces)
	assert.Equal(t, []certificate.Counts{
		{Surface: "clients", Category: "crud", Fail: 1},
		{Surface: "clients", Category: "enums", Pass: 1, Skipped: 1},
		{Surface: "auth0", Category: "crud", Known: 1},
	}, c.Categories)
	require.NotNil(t, c.Baseline)
	assert.Equal(t, 2, c.Baseline.Entries)
	assert.Equal(t, 1, c.Baseline.Known)
	assert.Equal(t, 1, c.Baseline.Stale)
	assert.Len(t, c.Baseline.SHA256, 64)
	assert.Equal(t, []string{}, c.SkippedBases)
	for _, s := range c.Specs {
		assert.Len(t, s.SHA256, 64, "CurrentMeta hashes the embedded specs")
	}
}
