package results

import (
	"encoding/json"
	"fmt"
	"os"
)

// FileVersion is the version of the results.json layout.
const FileVersion = 1

// File is reports/results.json: the run model plus what the report decided about it, so
// later tools (diff, coverage, certificate) read one typed file.
type File struct {
	Version int `json:"version"`
	// Suite is the suite's version (module version or VCS revision).
	Suite string `json:"suite,omitempty"`
	// Specs maps each spec file to its sha256.
	Specs map[string]string `json:"specs,omitempty"`
	Run   *Run              `json:"run"`
	// RunError says why the run broke outside any scenario (empty when it did not).
	RunError string `json:"run_error,omitempty"`
	// ExitStatus is the report's verdict (0 conformant, 1 non-conformant, 2 suite error).
	ExitStatus int `json:"exit_status"`
	// Baseline lists scenario IDs by class (new, known, fixed, stale, expired) when the run
	// was judged against a baseline.
	Baseline map[string][]string `json:"baseline,omitempty"`
}

// WriteFile writes results.json.
func WriteFile(path string, f *File) error {
	f.Version = FileVersion
	b, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		return fmt.Errorf("encode results: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write results: %w", err)
	}
	return nil
}

// ReadFile reads a results.json written by WriteFile.
func ReadFile(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read results: %w", err)
	}
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: not a results.json: %w", path, err)
	}
	if f.Version != FileVersion || f.Run == nil {
		return nil, fmt.Errorf("%s: results.json version %d, want %d", path, f.Version, FileVersion)
	}
	return &f, nil
}
