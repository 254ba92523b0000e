package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"runtime/debug"

	"github.com/clientconf/clientconf/specs"
)

// Meta identifies what checked the target: the suite's version and the specs it embeds.
type Meta struct {
	Suite string
	Specs map[string]string // file → sha256
	// Appendix is a closing Markdown section of the summary (the spec coverage), counted in
	// its length bound like everything else.
	Appendix string
}

// CurrentMeta describes this build: module version or VCS revision (marked "+dirty" when
// built from a modified tree), and the sha256 of every embedded spec.
func CurrentMeta() Meta {
	m := Meta{Suite: "unknown", Specs: map[string]string{}}
	if bi, ok := debug.ReadBuildInfo(); ok {
		m.Suite = bi.Main.Version
		var rev, dirty string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+dirty"
				}
			}
		}
		if rev != "" {
			m.Suite = fmt.Sprintf("%s (%.12s%s)", bi.Main.Version, rev, dirty)
		}
	}
	files, _ := fs.Glob(specs.FS, "*.yaml")
	for _, f := range files {
		b, err := fs.ReadFile(specs.FS, f)
		if err != nil {
			continue
		}
		sum := sha256.Sum256(b)
		m.Specs[f] = hex.EncodeToString(sum[:])
	}
	return m
}
