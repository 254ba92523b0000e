package runcmd

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance"
)

func TestCompileFilter(t *testing.T) {
	for _, tc := range []struct {
		pattern, id string
		want        bool
	}{
		{"clients/conflict", "clients/conflict/duplicate-name", true},
		{"clients/conflict", "applications/conflict/duplicate-name", false},
		{"clients", "clients/crud/create", true},
		{"^auth0$/pagination/per-page", "auth0/pagination/per-page-max", true},
		{"conflict", "clients/conflict/x", false}, // the first part matches the surface
		{"clients/crud/create/extra", "clients/crud/create", false},
		{"applications|auth0/crud", "auth0/crud/read", true},
	} {
		f, err := compileFilter(tc.pattern)
		require.NoError(t, err)
		assert.Equal(t, tc.want, f(conformance.Scenario{ID: tc.id}), "%s ~ %s", tc.pattern, tc.id)
	}
	f, err := compileFilter("")
	assert.NoError(t, err)
	assert.Nil(t, f, "no pattern: every scenario")
	_, err = compileFilter("clients/(")
	assert.ErrorContains(t, err, "-run")
}
