package engine

import (
	"fmt"
	"io"
	"os"

	"github.com/clientconf/clientconf/conformance/envvar"
)

// openTranscript opens the CONFORMANCE_TRANSCRIPT file; the pipeline writes one redacted JSON
// line per exchange into it (docs/results-format.md §2). "" gives a nil writer: no transcript.
func openTranscript(path string) (io.WriteCloser, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf(envvar.Transcript+": cannot write %s: %w", path, err)
	}
	return f, nil
}
