package report

import (
	"strings"

	"github.com/clientconf/clientconf/conformance/report/results"
)

// legacyLeftover starts the log line the engine writes on TestConformance for each resource
// it could not delete.
const legacyLeftover = "LEFTOVER:"

// Legacy moves the engine's "LEFTOVER:" log lines from the run's notes to its leftovers and
// strips go test's file:line prefixes from the notes.
//
// TEMPORARY: the engine now sets every scenario attribute of docs/results-format.md, but still
// logs leftovers as text on TestConformance. This file, the only one that reads meaning from
// message text, is deleted when the engine sets a `leftover` attribute on TestConformance
// (results.AttrLeftover, already read by package results).
func Legacy(run *results.Run) {
	notes := run.Notes[:0]
	for _, n := range run.Notes {
		n = dedent(n)
		if lo, ok := strings.CutPrefix(n, legacyLeftover); ok {
			run.Leftovers = append(run.Leftovers, strings.TrimSpace(lo))
			continue
		}
		notes = append(notes, n)
	}
	run.Notes = notes
}
