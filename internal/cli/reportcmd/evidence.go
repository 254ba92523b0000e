package reportcmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/clientconf/clientconf/conformance/report"
	"github.com/clientconf/clientconf/conformance/report/evidence"
	"github.com/clientconf/clientconf/conformance/report/results"
)

// writeEvidence writes report.html, coverage.json and the conformance statement next to the
// summary, and returns the coverage section for summary.md. A missing transcript is not an
// error: coverage then reads "not measured".
func writeEvidence(o Options, run *results.Run, v *report.Verdict, meta report.Meta) (string, error) {
	if o.Evidence == "-" {
		return "", nil
	}
	var transcript []results.Entry
	if o.Transcript != "" {
		var err error
		if transcript, err = results.ReadTranscriptFile(o.Transcript); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("read the transcript: %w", err)
		}
	}
	var skipped []string
	for _, b := range strings.Split(o.Getenv("CONFORMANCE_SKIP_BASIS"), ",") {
		if b = strings.TrimSpace(b); b != "" {
			skipped = append(skipped, b)
		}
	}
	md, err := evidence.Write(evidence.Options{Run: run, Transcript: transcript, OutDir: o.Evidence,
		Target: o.Getenv("CONFORMANCE_BASE_URL"), SkippedBases: skipped, Verdict: v,
		Secrets: evidence.SecretsFromEnv(os.Environ()), Meta: &meta})
	if err != nil {
		return "", fmt.Errorf("write the evidence: %w", err)
	}
	return md, nil
}
