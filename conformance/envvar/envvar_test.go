package envvar

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRoleVariables(t *testing.T) {
	for _, tc := range []struct{ role, token, id string }{
		{"main", "CONFORMANCE_TOKEN", "CONFORMANCE_CLIENT_ID"},
		{"other", "CONFORMANCE_OTHER_APP_TOKEN", "CONFORMANCE_OTHER_APP_CLIENT_ID"},
		{"admin", "CONFORMANCE_ADMIN_TOKEN", "CONFORMANCE_ADMIN_CLIENT_ID"},
	} {
		rv, ok := ForRole(tc.role)
		assert.True(t, ok, tc.role)
		assert.Equal(t, tc.token, rv.Token)
		assert.Equal(t, tc.id, rv.ClientID)
		assert.True(t, strings.HasSuffix(rv.ClientSecret, "_SECRET"))
	}
	_, ok := ForRole("no-token")
	assert.False(t, ok)
}

func TestErrorNamesVariableAndFix(t *testing.T) {
	err := &Error{Variable: RPS, Problem: `is "fast"`, Fix: "set a number"}
	assert.Equal(t, `configuration error: CONFORMANCE_RPS is "fast"; fix: set a number`, err.Error())
}
