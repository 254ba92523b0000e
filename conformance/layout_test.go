package conformance

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// valueListIDs are hand-written generators over a list of values (one scenario per value):
// their IDs end in the value, so only the prefix is in the source.
var valueListIDs = []string{"applications/enums/key/status/", "auth0/enums/client/", "auth0/enums/credential/"}

// TestHandWrittenIDsAreLiteral keeps scenarios findable by grep: every hand-written ID is a
// string literal in conformance/surfaces (the applications surface runs the clients
// declarations, so its client scenarios are found as "clients/…").
func TestHandWrittenIDsAreLiteral(t *testing.T) {
	t.Parallel()
	var src strings.Builder
	require.NoError(t, filepath.WalkDir("surfaces", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		src.Write(data)
		return err
	}))
	text := src.String()
	su, err := NewSuite()
	require.NoError(t, err)
	for _, surface := range SurfaceIDs() {
		for _, sc := range su.Scenarios(surface) {
			if sc.Derived || hasAnyPrefix(sc.ID, valueListIDs) {
				continue
			}
			alt := "clients/" + strings.TrimPrefix(sc.ID, "applications/")
			assert.True(t, strings.Contains(text, strconv.Quote(sc.ID)) || strings.Contains(text, strconv.Quote(alt)),
				"%s is not a literal in conformance/surfaces: grep cannot find its declaration", sc.ID)
		}
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// TestLayersPointOneWay: the scenario API imports neither the engine nor any surface, the
// engine no surface, a surface no engine; only the root package sees them all.
func TestLayersPointOneWay(t *testing.T) {
	t.Parallel()
	const mod = "github.com/clientconf/clientconf/conformance/"
	forbidden := map[string][]string{
		"scenario":              {mod + "engine", mod + "surfaces"},
		"engine":                {mod + "surfaces"},
		"surfaces/clients":      {mod + "engine"},
		"surfaces/applications": {mod + "engine"},
		"surfaces/auth0":        {mod + "engine"},
	}
	for dir, bad := range forbidden {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		require.NotEmpty(t, files, dir)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue // tests may assemble what they test
			}
			parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			require.NoError(t, err)
			for _, imp := range parsed.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				for _, b := range bad {
					assert.False(t, strings.HasPrefix(path, b), "%s imports %s: layers must point one way", f, path)
				}
			}
		}
	}
}
