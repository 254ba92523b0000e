package scenario

import "github.com/clientconf/clientconf/conformance/envvar"

// RoleHint tells how to configure a role: its token variable, or its client credentials.
func RoleHint(r Role) string {
	if rv, ok := envvar.ForRole(string(r)); ok {
		return rv.Token + " (or " + rv.ClientID + " and " + rv.ClientSecret + ")"
	}
	return string(r)
}

// RoleVariable is the token variable of a role.
func RoleVariable(r Role) string {
	if rv, ok := envvar.ForRole(string(r)); ok {
		return rv.Token
	}
	return string(r)
}
