package traceability

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/internal/catalogue"
)

var docs = filepath.Join("..", "..", "docs")

// contractPath finds CONTRACT.md: CLIENTCONF_CONTRACT, else the shared folder beside the
// repository (a plain clone has none, and the coverage check is then skipped).
func contractPath() string {
	if p := os.Getenv("CLIENTCONF_CONTRACT"); p != "" {
		return p
	}
	return filepath.Join("..", "..", "..", "shared", "CONTRACT.md")
}

// TestMatrix checks docs/traceability.yaml against the scenarios and CONTRACT.md, reports the
// holes, and fails when docs/traceability.md is stale.
func TestMatrix(t *testing.T) {
	m, err := Load(filepath.Join(docs, MatrixFile))
	require.NoError(t, err)
	cat, err := catalogue.Load(t.Context())
	require.NoError(t, err)

	t.Run("scenarios-exist", func(t *testing.T) {
		assert.NoError(t, m.Check(cat))
	})
	t.Run("every-contract-rule-listed", func(t *testing.T) {
		b, err := os.ReadFile(contractPath())
		if os.IsNotExist(err) {
			t.Skipf("no CONTRACT.md at %s (set CLIENTCONF_CONTRACT to check the matrix against it)", contractPath())
		}
		require.NoError(t, err)
		sentences := Sentences(string(b))
		require.NotEmpty(t, sentences)
		assert.NoError(t, m.Cover(sentences))
	})
	t.Run("holes", func(t *testing.T) {
		f := m.Figures(cat)
		t.Logf("rules %d: mapped %d (partly %d), untestable %d, holes %d; scenarios referenced %d of %d",
			f.Rules, f.Mapped, f.Partial, f.Untestable, f.Holes, f.Referenced, f.Scenarios)
		for _, r := range m.Rules() {
			if r.Hole() {
				t.Logf("hole: %s: %s", r.ID, r.Rule)
			}
		}
	})
	t.Run("fresh", func(t *testing.T) {
		got, err := m.Render(cat)
		require.NoError(t, err)
		want, err := os.ReadFile(filepath.Join(docs, "traceability.md"))
		require.NoError(t, err, "docs/traceability.md is missing: run `%s`", catalogue.RefreshCommand)
		if !bytes.Equal(got, want) {
			t.Fatalf("docs/traceability.md is stale (docs/%s or the scenarios changed): run `%s` and commit the result",
				MatrixFile, catalogue.RefreshCommand)
		}
	})
}
