package altserver

import (
	"net/http"
	"strings"
)

// The fixed identities of the server. They are constants, not configuration: the server is
// private to one test run, and the cross-check hands the same values to the suite.
const (
	TenantID   = "tn-8f41c2d07e"
	AppID      = "app-3c9e51b7a2" // the app of MainToken, ReadOnlyToken and NoPermToken
	OtherAppID = "app-d40f6a18ce" // the app of OtherAppToken

	MainToken     = "alt.main.Qm9yZWFsaXM"   // every client permission on AppID
	ReadOnlyToken = "alt.ro.U2lyb2Njbw"      // read and list only
	NoPermToken   = "alt.noperm.TGV2YW50ZQ"  // valid, but no client permission
	OtherAppToken = "alt.other.TWlzdHJhbA"   // every client permission on OtherAppID
	AdminToken    = "alt.admin.VHJhbW9udGFu" // a management token: refused by /v1/clients
)

// principal is who a bearer token stands for.
type principal struct {
	name        string
	appID       string // empty for a management (admin) token
	permissions []string
	admin       bool
}

// newTokens builds the token table; each server gets its own, so nothing is shared between
// servers of parallel tests.
func newTokens() map[string]principal {
	all := []string{"apps:create", "apps:read", "apps:edit", "apps:delete", "apps:list"}
	return map[string]principal{
		MainToken:     {name: "main", appID: AppID, permissions: all},
		ReadOnlyToken: {name: "readonly", appID: AppID, permissions: []string{"apps:read", "apps:list"}},
		NoPermToken:   {name: "noperm", appID: AppID, permissions: []string{"users:read"}},
		OtherAppToken: {name: "other", appID: OtherAppID, permissions: all},
		AdminToken:    {name: "admin", admin: true, permissions: all},
	}
}

// requiredPermissions lists the permissions of which an operation needs any one. A fresh
// slice each call, so no caller can change another's list.
func requiredPermissions(op string) []string {
	switch op {
	case opList, opGet:
		return []string{"apps:read", "[appId]:read"}
	case opDeleteAll, opDelete:
		return []string{"apps:create", "[appId]:create", "apps:edit", "[appId]:edit", "apps:delete", "[appId]:delete"}
	default: // create, update, resources: the contract gives the resources PUT the update's list
		return []string{"apps:create", "[appId]:create", "apps:edit", "[appId]:edit"}
	}
}

// allowed reports whether p holds any one of list. "[appId]:x" matches the literal permission
// "<p's app>:x"; a management token has no app, so it never matches such an entry.
func allowed(p principal, list []string) bool {
	for _, need := range list {
		want := need
		if rest, ok := strings.CutPrefix(need, "[appId]:"); ok {
			if p.appID == "" {
				continue
			}
			want = p.appID + ":" + rest
		}
		for _, have := range p.permissions {
			if have == want {
				return true
			}
		}
	}
	return false
}

// authenticate finds the principal of the request's bearer token.
func (s *server) authenticate(r *http.Request) (principal, bool) {
	parts := strings.Fields(r.Header.Get("Authorization"))
	if len(parts) != 2 || !strings.EqualFold(parts[0], "Bearer") {
		return principal{}, false
	}
	p, ok := s.tokens[parts[1]]
	return p, ok
}

// unauthorized answers 401 with a Bearer challenge (RFC 6750): invalid_token only when a
// token was offered, as the RFC asks.
func (s *server) unauthorized(w http.ResponseWriter, r *http.Request) {
	challenge := `Bearer realm="cis"`
	if r.Header.Get("Authorization") != "" {
		challenge += `, error="invalid_token"`
	}
	if s.opts.PlainChallenge {
		challenge = "Bearer"
	}
	w.Header().Set("WWW-Authenticate", challenge)
	s.writeError(w, http.StatusUnauthorized, "Missing or invalid access token")
}
