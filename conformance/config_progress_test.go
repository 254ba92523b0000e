package conformance

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfigProgress(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		value string
		want  time.Duration // -1: no progress line
		bad   bool
	}{
		{"", 0, false}, // the engine's default, 30 s
		{"10s", 10 * time.Second, false},
		{"2m", 2 * time.Minute, false},
		{"0", -1, false},
		{"0s", -1, false},
		{"-5s", 0, true},
		{"often", 0, true},
	} {
		t.Run(tc.value, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"CONFORMANCE_PROGRESS": tc.value, "CONFORMANCE_PROGRESS_FILE": "/dev/fd/3"}
			cfg, err := ConfigFromEnv(func(k string) string { return env[k] })
			if tc.bad {
				var ce *ConfigError
				require.True(t, errors.As(err, &ce), "want a ConfigError, got %v", err)
				assert.Equal(t, "CONFORMANCE_PROGRESS", ce.Variable)
				assert.Contains(t, err.Error(), "fix:")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, cfg.Progress)
			target := TargetFromConfig(cfg)
			assert.Equal(t, tc.want, target.Progress)
			assert.Equal(t, "/dev/fd/3", target.ProgressFile)
		})
	}
}
