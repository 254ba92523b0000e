package transmit

import (
	"net/http"
	"strings"
	"time"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference/oauth"
)

// tokenLifetime is expires_in of every issued token (api-facts/transmit.md §6: one hour).
const tokenLifetime = time.Hour

// issuer is what the token endpoint knows beyond the store: the clients of the tenant's role
// tokens, and the expiry of every token it issued. The server lock guards it.
type issuer struct {
	roles   map[string]fixtures.Token // client_id → the role token an issued token copies
	expires map[string]time.Time      // issued token → when it stops being valid
}

func newIssuer(tenant fixtures.Tenant) issuer {
	is := issuer{roles: map[string]fixtures.Token{}, expires: map[string]time.Time{}}
	for _, tok := range tenant.Tokens {
		if tok.ClientID != "" && tok.ClientSecret != "" {
			is.roles[tok.ClientID] = tok
		}
	}
	return is
}

// expired reports whether tok is an issued token past its expiry. The caller holds the lock.
func (s *server) expired(tok string) bool {
	exp, issued := s.issuer.expires[tok]
	return issued && !s.now().Before(exp)
}

// tokenEndpoint is POST /oidc/token (at the host root, not under /cis) with the client
// credentials grant, form-encoded (api-facts/transmit.md §6). A role's client gets a token that
// acts exactly like the role's fixed token; any OIDC client of a live app gets a client token
// of that app with the app's own permissions ([appId]:read, …). Errors carry both the OAuth
// fields (error, error_description) and Transmit's (message, error_code): the contract leaves
// their shape open. Fault switches do not touch this endpoint.
func (s *server) tokenEndpoint(w http.ResponseWriter, r *http.Request) {
	req, oerr := oauth.Parse(r, false)
	if oerr != nil {
		writeTokenError(w, oerr)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tok, ok := s.clientToken(req.ClientID, req.ClientSecret)
	if !ok {
		writeTokenError(w, oauth.InvalidClient())
		return
	}
	now := s.now()
	for t, exp := range s.issuer.expires { // forget what has expired
		if !now.Before(exp) {
			delete(s.issuer.expires, t)
			delete(s.tokens, t)
		}
	}
	tok.Token = oauth.NewToken("rtx-")
	tok.ClientSecret = ""
	s.tokens[tok.Token] = tok
	s.issuer.expires[tok.Token] = now.Add(tokenLifetime)
	oauth.WriteJSON(w, http.StatusOK, map[string]any{
		"access_token": tok.Token,
		"token_type":   "Bearer",
		"expires_in":   int(tokenLifetime / time.Second),
		"scope":        strings.Join(tok.Permissions, " "),
	})
}

// clientToken authenticates a client and returns the token it gets. The caller holds the lock.
func (s *server) clientToken(id, secret string) (fixtures.Token, bool) {
	if role, ok := s.issuer.roles[id]; ok {
		return role, oauth.SecretEqual(role.ClientSecret, secret)
	}
	c := s.clients[id]
	if c == nil || c.protocol != "oidc" || s.apps[c.appID] == nil || !oauth.SecretEqual(c.secret, secret) {
		return fixtures.Token{}, false
	}
	return fixtures.Token{Kind: kindClient, AppID: c.appID, Permissions: appPermissions(c.appID)}, true
}

// appPermissions are the permissions of a token of an app's own client: everything on its app.
func appPermissions(appID string) []string {
	var out []string
	for _, action := range []string{"read", "list", "create", "edit", "delete"} {
		out = append(out, appID+":"+action)
	}
	return out
}

func writeTokenError(w http.ResponseWriter, e *oauth.Error) {
	oauth.WriteJSON(w, e.Status, map[string]any{
		"error": e.Code, "error_description": e.Description,
		"message": e.Description, "error_code": e.Status,
	})
}
