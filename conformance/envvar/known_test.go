package envvar

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnknownNamesTheClosest(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want string // "" means no warning
	}{
		{"CONFORMANCE_BASEURL=https://x", "warning: CONFORMANCE_BASEURL is not a variable of the suite and is ignored; did you mean CONFORMANCE_BASE_URL?"},
		{"CONFORMANCE_READ_ONLY_TOKEN=secret-value", "warning: CONFORMANCE_READ_ONLY_TOKEN is not a variable of the suite and is ignored; did you mean CONFORMANCE_READONLY_TOKEN?"},
		{"CONFORMANCE_OTHER_TOKEN=x", "warning: CONFORMANCE_OTHER_TOKEN is not a variable of the suite and is ignored; did you mean CONFORMANCE_OTHER_APP_TOKEN?"},
		{"CONFORMANCE_BASELINE=known.yaml", ""},
		{"CONFORMANCE_BASELINE_STRICT=1", ""},
		{"CONFORMANCE_NOPERM_CLIENT_SECRET=x", ""},
		{"CONFORMANCE_SHARED_DIR=/x", ""},
		{"HOME=/root", ""},
	} {
		got := Unknown([]string{tc.env})
		if tc.want == "" {
			assert.Empty(t, got, tc.env)
			continue
		}
		assert.Equal(t, []string{tc.want}, got, tc.env)
		assert.NotContains(t, got[0], "secret-value", "a warning never shows a value")
	}
}

func TestKnownHasEveryDeclaredName(t *testing.T) {
	for _, name := range []string{BaseURL, TokenURL, Audience, AppID, OtherAppID, Surfaces, AllowDestructive,
		SkipBasis, Timeout, Deadline, Concurrency, RPS, Transcript, Progress, ProgressFile, Baseline, BaselineStrict, SharedDir} {
		assert.Contains(t, Known(), name)
	}
	assert.Len(t, Known(), 18+3*len(Roles()))
	// Every name declared in envvar.go is known, so a new variable cannot be warned about.
	src, err := os.ReadFile("envvar.go")
	require.NoError(t, err)
	for _, m := range regexp.MustCompile(`= "(CONFORMANCE_[A-Z_]+)"`).FindAllStringSubmatch(string(src), -1) {
		assert.Contains(t, Known(), m[1], "declared in envvar.go but missing from Known")
	}
}
