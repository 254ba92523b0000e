package auth0

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/clientconf/clientconf/reference/oauth"
)

// tokenLifetime is expires_in of every issued token (Auth0's default for Management API
// tokens: 24 hours).
const tokenLifetime = 24 * time.Hour

// roleClient is a machine-to-machine client of the tenant, granted its role's scopes on the
// Management API.
type roleClient struct {
	secret string
	scopes []string
}

// issuer is the state of POST /oauth/token: the role clients (read-only after New) and the
// tokens it issued, with their scopes and expiry.
type issuer struct {
	clients map[string]roleClient // client_id → client
	now     func() time.Time

	mu     sync.Mutex
	issued map[string]issuedToken
}

type issuedToken struct {
	scopes  map[string]bool
	expires time.Time
}

func newIssuer() *issuer {
	return &issuer{clients: map[string]roleClient{}, now: time.Now, issued: map[string]issuedToken{}}
}

// lookup returns the scopes of an issued token that has not expired.
func (is *issuer) lookup(tok string) (map[string]bool, bool) {
	is.mu.Lock()
	defer is.mu.Unlock()
	t, ok := is.issued[tok]
	if !ok || !is.now().Before(t.expires) {
		return nil, false
	}
	return t.scopes, true
}

// tokenEndpoint is POST /oauth/token (at the host root, not under /api/v2) with the client
// credentials grant, JSON or form-encoded, for the Management API audience
// (https://HOST/api/v2/). A role's client gets a token with its role's scopes, or the subset
// it asks for with scope. Errors are OAuth's {error, error_description}, with the statuses
// Auth0 uses: 401 access_denied for bad credentials, 403 access_denied for an audience or a
// scope the client may not have. Fault switches do not touch this endpoint.
func (s *server) tokenEndpoint(w http.ResponseWriter, r *http.Request) {
	req, oerr := oauth.Parse(r, true)
	if oerr != nil {
		if oerr.Code == "invalid_client" {
			oerr = &oauth.Error{Status: http.StatusUnauthorized, Code: "access_denied", Description: "Unauthorized"}
		}
		writeTokenError(w, oerr)
		return
	}
	client, ok := s.issuer.clients[req.ClientID]
	if !ok || !oauth.SecretEqual(client.secret, req.ClientSecret) {
		writeTokenError(w, &oauth.Error{Status: http.StatusUnauthorized, Code: "access_denied", Description: "Unauthorized"})
		return
	}
	if req.Audience == "" {
		writeTokenError(w, accessDenied("No audience parameter was provided, and no default audience has been configured"))
		return
	}
	if !managementAudience(req.Audience, r.Host) {
		writeTokenError(w, accessDenied("Service not enabled within domain: "+req.Audience))
		return
	}
	granted := client.scopes
	if req.Scope != "" {
		var missing []string
		granted = nil
		for _, sc := range strings.Fields(req.Scope) {
			if !slices.Contains(client.scopes, sc) {
				missing = append(missing, sc)
			} else if !slices.Contains(granted, sc) {
				granted = append(granted, sc)
			}
		}
		if len(missing) > 0 {
			writeTokenError(w, accessDenied("Client has not been granted scopes: "+strings.Join(missing, " ")))
			return
		}
	}
	tok := oauth.NewToken("ra0-")
	scopes := map[string]bool{}
	for _, sc := range granted {
		scopes[sc] = true
	}
	s.issuer.mu.Lock()
	now := s.issuer.now()
	for t, it := range s.issuer.issued { // forget what has expired
		if !now.Before(it.expires) {
			delete(s.issuer.issued, t)
		}
	}
	s.issuer.issued[tok] = issuedToken{scopes: scopes, expires: now.Add(tokenLifetime)}
	s.issuer.mu.Unlock()
	oauth.WriteJSON(w, http.StatusOK, map[string]any{
		"access_token": tok,
		"token_type":   "Bearer",
		"expires_in":   int(tokenLifetime / time.Second),
		"scope":        strings.Join(granted, " "),
	})
}

// managementAudience reports whether aud names this server's Management API: any scheme, the
// request's host, path /api/v2/.
func managementAudience(aud, host string) bool {
	u, err := url.Parse(aud)
	return err == nil && strings.EqualFold(u.Host, host) && strings.TrimSuffix(u.Path, "/") == "/api/v2"
}

func accessDenied(description string) *oauth.Error {
	return &oauth.Error{Status: http.StatusForbidden, Code: "access_denied", Description: description}
}

func writeTokenError(w http.ResponseWriter, e *oauth.Error) {
	oauth.WriteJSON(w, e.Status, map[string]any{"error": e.Code, "error_description": e.Description})
}
