package engine

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// knownSurfaces stands for the registry's ids.
var knownSurfaces = []string{"clients", "applications", "auth0"}

func TestValidateNamesTargetFields(t *testing.T) {
	ok := func() Target {
		return Target{BaseURLs: map[string]string{"clients": "https://h.example/cis"},
			Tokens: map[scenario.Role]string{scenario.Main: "tok-main-123456"}}
	}
	for _, tc := range []struct {
		name  string
		bend  func(*Target)
		words []string // nil: valid
	}{
		{"valid", func(*Target) {}, nil},
		{"no base URL", func(t *Target) { t.BaseURLs = nil }, []string{"Target.BaseURLs is empty", "clients, applications, auth0"}},
		{"unknown surface key", func(t *Target) { t.BaseURLs["client"] = "https://h.example/cis" },
			[]string{`Target.BaseURLs has the key "client", which is no surface`, "clients, applications, auth0"}},
		{"relative base URL", func(t *Target) { t.BaseURLs["clients"] = "h.example/cis" },
			[]string{`Target.BaseURLs["clients"] is "h.example/cis", not an absolute http(s) URL`}},
		{"no main role", func(t *Target) { delete(t.Tokens, scenario.Main) },
			[]string{"Target.Tokens[conformance.Main] (or Target.TokenSources[conformance.Main]) is not set"}},
		{"main via a token source", func(t *Target) {
			delete(t.Tokens, scenario.Main)
			t.TokenSources = map[scenario.Role]TokenSource{scenario.Main: nil}
		}, []string{"Target.Tokens[conformance.Main]"}}, // a nil source is no source
		{"unknown role key", func(t *Target) { t.Tokens["readOnly"] = "tok-ro-123456" },
			[]string{`Target.Tokens has the key "readOnly", which is no role`}},
		{"negative timeout", func(t *Target) { t.Timeout = -time.Second }, []string{"Target.Timeout is -1s"}},
		{"negative concurrency", func(t *Target) { t.Concurrency = -1 }, []string{"Target.Concurrency is -1"}},
		{"negative rps", func(t *Target) { t.RPS = -2 }, []string{"Target.RPS is -2"}},
		{"negative deadline", func(t *Target) { t.Deadline = -time.Minute }, []string{"Target.Deadline is -1m0s"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := ok()
			tc.bend(&target)
			_, err := target.Validate(knownSurfaces)
			if tc.words == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, w := range tc.words {
				assert.Contains(t, err.Error(), w)
			}
			assert.NotContains(t, err.Error(), "CONFORMANCE_", "a Go target is told in Go terms")
			assert.NotContains(t, err.Error(), "tok-", "never a token")
		})
	}
}

func TestValidateTrimsTrailingSlashesOnACopy(t *testing.T) {
	bases := map[string]string{"clients": "https://h.example/cis/", "auth0": "https://t.auth0.com/api/v2//"}
	target := Target{BaseURLs: bases, Tokens: map[scenario.Role]string{scenario.Main: "tok-main-123456"}}
	got, err := target.Validate(knownSurfaces)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"clients": "https://h.example/cis", "auth0": "https://t.auth0.com/api/v2"}, got.BaseURLs)
	assert.Equal(t, "https://h.example/cis/", bases["clients"], "the caller's map is left alone")
}

func TestValidateNamesVariablesForEnvTargets(t *testing.T) {
	for _, tc := range []struct {
		target Target
		want   string
	}{
		{Target{FromEnv: true}, "no surface selected: set CONFORMANCE_TOKEN"},
		{Target{FromEnv: true, BaseURLs: map[string]string{"clients": "http://h.example/cis"}}, "CONFORMANCE_TOKEN (or CONFORMANCE_CLIENT_ID"},
		{Target{FromEnv: true, BaseURLs: map[string]string{"clients": "http://h.example/cis"},
			Tokens: map[scenario.Role]string{scenario.Main: "tok-main-123456"}, RPS: -1}, "CONFORMANCE_RPS is -1"},
	} {
		_, err := tc.target.Validate(knownSurfaces)
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)
		assert.NotContains(t, err.Error(), "Target.")
	}
}

func TestCollectValidatesFirst(t *testing.T) {
	su, err := clientsSuite(t)
	require.NoError(t, err)
	_, err = su.Collect(context.Background(), Target{BaseURLs: map[string]string{"auth0": "https://t.auth0.com/api/v2"},
		Tokens: map[scenario.Role]string{scenario.Main: "tok-main-123456"}}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `Target.BaseURLs has the key "auth0", which is no surface; use one of clients`)
}
