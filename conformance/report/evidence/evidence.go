// Package evidence writes what a team hands over when it certifies a server: the HTML
// report (report.html), the spec coverage (coverage.json) and the conformance statement
// (certificate.json, certificate.md), all from one judged run. It is the one entry point
// cmd/report calls after the summary.
package evidence

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/certificate"
	"github.com/clientconf/clientconf/conformance/report/coverage"
	"github.com/clientconf/clientconf/conformance/report/htmlreport"
	"github.com/clientconf/clientconf/conformance/report/results"
)

// File names written into Options.OutDir.
const (
	HTMLFile            = "report.html"
	CoverageFile        = "coverage.json"
	CertificateFile     = "certificate.json"
	CertificateMarkdown = "certificate.md"
)

// Options says what to write evidence of, and where.
type Options struct {
	Run *results.Run
	// Transcript is the run's transcript (results.ReadTranscriptFile); nil when the run
	// wrote none: then coverage is "not measured" and the report shows no exchanges.
	Transcript []results.Entry
	OutDir     string
	// Target is the base URL checked (CONFORMANCE_BASE_URL); empty: the embedded reference.
	Target string
	// SkippedBases are the bases switched off (CONFORMANCE_SKIP_BASIS).
	SkippedBases []string
	// Baseline is the known-failures file the run is judged with (nil: none); Strict as
	// CONFORMANCE_BASELINE_STRICT. Verdict, when set, is that judgement already made (the
	// summary's), and Baseline and Strict are not read.
	Baseline *report.Baseline
	Strict   bool
	Verdict  *report.Verdict
	// Secrets must never appear in what is written (SecretsFromEnv); they are masked.
	Secrets []string
	// Now and Meta default to the current time and this build's report.CurrentMeta.
	Now  time.Time
	Meta *report.Meta
}

// Write judges the run, writes the four files and returns the coverage section to append
// to summary.md. A run that broke before any scenario still gets every file: the
// statement then says the suite could not check the target.
func Write(o Options) (string, error) {
	if o.Run == nil {
		return "", fmt.Errorf("evidence: no run")
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	meta := report.CurrentMeta()
	if o.Meta != nil {
		meta = *o.Meta
	}
	target := o.Target
	if target == "" {
		target = "embedded reference server"
	}
	v := o.Verdict
	if v == nil {
		v = report.Judge(o.Run, o.Baseline, o.Strict, now)
	}
	cert := certificate.Build(certificate.Input{Verdict: v, Meta: meta, Target: target, SkippedBases: o.SkippedBases, Now: now})
	cov, err := coverage.Compute(cert.Surfaces, o.Transcript, o.Target)
	if err != nil {
		return "", fmt.Errorf("evidence: %w", err)
	}
	cov.Measured = o.Transcript != nil
	if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
		return "", fmt.Errorf("evidence: %w", err)
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{CoverageFile, func(w io.Writer) error { return cov.WriteJSON(w) }},
		{CertificateFile, cert.WriteJSON},
		{CertificateMarkdown, cert.WriteMarkdown},
		{HTMLFile, func(w io.Writer) error {
			return htmlreport.Write(w, htmlreport.Input{Verdict: v, Certificate: cert, Coverage: cov,
				Transcript: o.Transcript, Secrets: o.Secrets})
		}},
	}
	for _, f := range files {
		if err := writeMasked(filepath.Join(o.OutDir, f.name), f.write, o.Secrets); err != nil {
			return "", err
		}
	}
	md := cov.Markdown() + fmt.Sprintf("\nEvidence: `%s` (every scenario with its exchanges and a curl reproduction), `%s` / `%s` (the conformance statement: %s).\n",
		HTMLFile, CertificateMarkdown, CertificateFile, cert.Verdict)
	return mask(md, o.Secrets), nil
}

// writeMasked renders into memory, masks any secret, then writes: a failed render leaves
// no half-written file.
func writeMasked(path string, write func(io.Writer) error, secrets []string) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return fmt.Errorf("evidence: render %s: %w", filepath.Base(path), err)
	}
	if err := os.WriteFile(path, []byte(mask(buf.String(), secrets)), 0o644); err != nil {
		return fmt.Errorf("evidence: %w", err)
	}
	return nil
}

func mask(s string, secrets []string) string {
	for _, secret := range secrets {
		if len(secret) >= 6 {
			s = strings.ReplaceAll(s, secret, "***")
		}
	}
	return s
}

// SecretsFromEnv lists the values of the CONFORMANCE_* variables that hold tokens or client
// secrets (os.Environ() form), so the evidence masks them wherever they appear.
func SecretsFromEnv(environ []string) []string {
	var out []string
	for _, kv := range environ {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || v == "" || !strings.HasPrefix(k, "CONFORMANCE_") || strings.HasSuffix(k, "_URL") {
			continue
		}
		if strings.Contains(k, "TOKEN") || strings.Contains(k, "SECRET") {
			out = append(out, v)
		}
	}
	return out
}
