package conformance

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCredentialsWithoutBaseURL(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		environ []string
		words   []string // nil: valid
		warning string
	}{
		{"nothing set: the embedded reference", nil, nil, ""},
		{"tokens without a base URL", []string{"CONFORMANCE_TOKEN=tok-123456", "CONFORMANCE_READONLY_TOKEN=tok-ro-123456"},
			[]string{"CONFORMANCE_BASE_URL is not set, but CONFORMANCE_TOKEN, CONFORMANCE_READONLY_TOKEN is", "embedded reference server"}, ""},
		{"client credentials without a base URL", []string{"CONFORMANCE_CLIENT_ID=cid", "CONFORMANCE_CLIENT_SECRET=" + testSecret},
			[]string{"CONFORMANCE_BASE_URL is not set, but CONFORMANCE_CLIENT_ID is"}, ""},
		{"misspelled base URL", []string{"CONFORMANCE_BASEURL=https://api.example.com/cis", "CONFORMANCE_TOKEN=tok-123456"},
			[]string{"fix: rename CONFORMANCE_BASEURL to CONFORMANCE_BASE_URL (it is misspelled)"},
			"warning: CONFORMANCE_BASEURL is not a variable of the suite and is ignored; did you mean CONFORMANCE_BASE_URL?"},
		{"misspelled option: a warning only", []string{"CONFORMANCE_ALLOW_DESTRUCTION=1"}, nil,
			"warning: CONFORMANCE_ALLOW_DESTRUCTION is not a variable of the suite and is ignored; did you mean CONFORMANCE_ALLOW_DESTRUCTIVE?"},
		{"report variables are known", []string{"CONFORMANCE_BASELINE=known.yaml", "CONFORMANCE_BASELINE_STRICT=1"}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, warnings, err := ConfigFromEnviron(tc.environ)
			if tc.warning == "" {
				assert.Empty(t, warnings)
			} else {
				assert.Equal(t, []string{tc.warning}, warnings)
			}
			if tc.words == nil {
				require.NoError(t, err)
				return
			}
			var ce *ConfigError
			require.True(t, errors.As(err, &ce), "want a ConfigError, got %v", err)
			assert.Equal(t, "CONFORMANCE_BASE_URL", ce.Variable)
			for _, w := range tc.words {
				assert.Contains(t, err.Error(), w)
			}
			assert.NotContains(t, err.Error(), "tok-", "never a token")
			assert.NotContains(t, err.Error(), testSecret)
		})
	}
}

func TestTargetFromConfigNamesVariables(t *testing.T) {
	t.Parallel()
	cfg := Config{BaseURL: "https://api.sbx.transmitsecurity.io/cis/", Tokens: map[Role]string{Main: "tok-123456"}}
	target := TargetFromConfig(cfg)
	assert.True(t, target.FromEnv)
	got, err := target.Validate(SurfaceIDs())
	require.NoError(t, err)
	assert.Equal(t, "https://api.sbx.transmitsecurity.io/cis", got.BaseURLs["clients"])
}
