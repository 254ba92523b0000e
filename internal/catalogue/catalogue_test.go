package catalogue

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// load runs the suite once against the reference server; the tests share its result.
func load(t *testing.T) *Catalogue {
	t.Helper()
	c, err := Load(t.Context())
	require.NoError(t, err)
	return c
}

// TestRequirementsFresh fails when the committed catalogue no longer matches the declarations.
func TestRequirementsFresh(t *testing.T) {
	c := load(t)
	path := filepath.Join("..", "..", "docs", "requirements.md")
	want, err := os.ReadFile(path)
	require.NoError(t, err, "docs/requirements.md is missing: run `%s`", RefreshCommand)
	if !bytes.Equal(c.Requirements(), want) {
		t.Fatalf("docs/requirements.md is stale (the scenario declarations, or the operations they reach, changed): run `%s` and commit the result", RefreshCommand)
	}
}

func TestCatalogue(t *testing.T) {
	c := load(t)
	tables := map[string]int{}
	for _, e := range c.Entries {
		tables[e.Table]++
		assert.NotEmpty(t, e.Ops, "%s: no spec operation exercised against the reference server", e.ID)
		assert.True(t, strings.HasPrefix(e.ID, e.Surface+"/"+e.Category+"/"), e.ID)
	}
	for _, table := range []string{"", TableEnums, TableRequired, TableType, TableDefaults, TablePermissions} {
		assert.Positive(t, tables[table], "no scenario of table %q: has tableOf lost track of the generators?", table)
	}
	for _, s := range Surfaces {
		assert.NotEmpty(t, c.Operations[s], s)
	}
}

func TestMatch(t *testing.T) {
	c := &Catalogue{Entries: []Entry{{ID: "a/b/c"}, {ID: "a/b/d/e"}, {ID: "a/x/c"}}}
	for _, tc := range []struct {
		pattern string
		want    []string
	}{
		{"a/b/c", []string{"a/b/c"}},
		{"a/b/zz", nil},
		{"a/b/*", []string{"a/b/c", "a/b/d/e"}},
		{"a/*/c", []string{"a/b/c", "a/x/c"}},
		{"*", []string{"a/b/c", "a/b/d/e", "a/x/c"}},
	} {
		assert.Equal(t, tc.want, c.Match(tc.pattern), tc.pattern)
	}
}
