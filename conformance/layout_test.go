package conformance

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
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

// TestFilesNamedAfterIDPrefixes keeps scenarios findable by file name (issue 9): a file that
// declares scenarios holds one category only, and its name starts with that category with the
// dashes removed (bad-request → badrequest*.go). Files that declare no scenario are exempt.
func TestFilesNamedAfterIDPrefixes(t *testing.T) {
	t.Parallel()
	found := map[string]int{} // IDs per surface directory: the guard must see the declarations
	require.NoError(t, filepath.WalkDir("surfaces", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		base := filepath.Base(path)
		for _, id := range literalIDs(f) {
			found[filepath.Dir(path)]++
			category := strings.ReplaceAll(strings.SplitN(id, "/", 3)[1], "-", "")
			assert.True(t, strings.HasPrefix(base, category),
				"%s declares %s: a file holds the scenarios of one category and is named after it (%s*.go)", path, id, category)
		}
		return nil
	}))
	for _, dir := range []string{"surfaces/clients", "surfaces/applications", "surfaces/auth0"} {
		assert.NotZero(t, found[filepath.FromSlash(dir)], "no scenario ID found in %s: the guard no longer sees the declarations", dir)
	}
}

// literalIDs are the scenario IDs a file spells out: the value of an ID key in a composite
// literal (a string literal, the literal a call wraps, as in a.id("clients/…"), or the literal
// a concatenation starts with), and the string elements of table rows shaped like an ID
// ("<surface>/<category>/…").
func literalIDs(f *ast.File) []string {
	var ids []string
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		for _, elt := range lit.Elts {
			id, ok := stringLit(elt) // a table row's ID
			if kv, isKV := elt.(*ast.KeyValueExpr); isKV {
				key, _ := kv.Key.(*ast.Ident)
				id, ok = leadingString(kv.Value)
				ok = ok && key != nil && key.Name == "ID"
			}
			if ok && looksLikeID(id) {
				ids = append(ids, id)
			}
		}
		return true
	})
	return ids
}

// leadingString is the string literal an ID expression is spelled with.
func leadingString(e ast.Expr) (string, bool) {
	switch v := e.(type) {
	case *ast.CallExpr:
		if len(v.Args) == 1 {
			return stringLit(v.Args[0])
		}
	case *ast.BinaryExpr:
		if v.Op == token.ADD {
			return leadingString(v.X)
		}
	}
	return stringLit(e)
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// looksLikeID: "<surface>/<category>/…" with a surface of the suite and no blank.
func looksLikeID(s string) bool {
	parts := strings.SplitN(s, "/", 3)
	return len(parts) == 3 && parts[1] != "" && !strings.ContainsAny(s, " \t\n") && slices.Contains(SurfaceIDs(), parts[0])
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
