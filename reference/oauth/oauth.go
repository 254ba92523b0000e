// Package oauth holds what the reference server's token endpoints (Transmit /oidc/token, Auth0
// /oauth/token) share: reading a client credentials token request (RFC 6749 §4.4) and writing
// its answers. The contract leaves the token endpoint's error responses open; each endpoint
// picks its shape when it writes an Error.
package oauth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
)

// maxBody caps a token request body.
const maxBody = 64 << 10

// Request is a parsed token request.
type Request struct {
	GrantType    string
	ClientID     string
	ClientSecret string
	Audience     string // Auth0
	Scope        string // space-separated, optional
}

// Error is an OAuth error answer (RFC 6749 §5.2).
type Error struct {
	Status      int
	Code        string // invalid_request, invalid_client, unsupported_grant_type, access_denied, …
	Description string
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Description) }

// InvalidRequest is a 400 invalid_request.
func InvalidRequest(format string, args ...any) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "invalid_request", Description: fmt.Sprintf(format, args...)}
}

// InvalidClient is a 401 invalid_client: unknown client or wrong secret (never saying which).
func InvalidClient() *Error {
	return &Error{Status: http.StatusUnauthorized, Code: "invalid_client", Description: "client authentication failed"}
}

// Parse reads a POST token request: a form-encoded body, or a JSON object when allowJSON. The
// client authenticates in the body (client_secret_post) or with HTTP Basic
// (client_secret_basic), not both. Parameters in the URL query are ignored: credentials never
// belong there. grant_type must be client_credentials.
func Parse(r *http.Request, allowJSON bool) (Request, *Error) {
	var req Request
	if r.Method != http.MethodPost {
		return req, &Error{Status: http.StatusMethodNotAllowed, Code: "invalid_request", Description: "the token endpoint takes POST only"}
	}
	data, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBody))
	if err != nil {
		return req, InvalidRequest("the request body is unreadable or larger than %d bytes", maxBody)
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	fields := map[string]string{}
	switch {
	case mt == "application/x-www-form-urlencoded":
		values, err := url.ParseQuery(string(data))
		if err != nil {
			return req, InvalidRequest("the form body is malformed")
		}
		for k, v := range values {
			if len(v) > 1 {
				return req, InvalidRequest("parameter %s is repeated", k)
			}
			fields[k] = v[0]
		}
	case mt == "application/json" && allowJSON:
		var body map[string]any
		if err := json.Unmarshal(data, &body); err != nil {
			return req, InvalidRequest("the JSON body is malformed")
		}
		for k, v := range body {
			s, ok := v.(string)
			if !ok {
				return req, InvalidRequest("parameter %s must be a string", k)
			}
			fields[k] = s
		}
	case allowJSON:
		return req, InvalidRequest("the body must be application/x-www-form-urlencoded or application/json")
	default:
		return req, InvalidRequest("the body must be application/x-www-form-urlencoded")
	}
	req = Request{GrantType: fields["grant_type"], ClientID: fields["client_id"], ClientSecret: fields["client_secret"],
		Audience: fields["audience"], Scope: fields["scope"]}
	if id, secret, ok := r.BasicAuth(); ok {
		if req.ClientSecret != "" {
			return req, InvalidRequest("the client authenticated with both HTTP Basic and client_secret: use one")
		}
		// RFC 6749 §2.3.1: Basic credentials are form-encoded first.
		uid, err1 := url.QueryUnescape(id)
		usecret, err2 := url.QueryUnescape(secret)
		if err1 != nil || err2 != nil {
			return req, InvalidClient()
		}
		if req.ClientID != "" && req.ClientID != uid {
			return req, InvalidRequest("client_id differs from the HTTP Basic user")
		}
		req.ClientID, req.ClientSecret = uid, usecret
	}
	switch {
	case req.GrantType == "":
		return req, InvalidRequest("grant_type is required")
	case req.GrantType != "client_credentials":
		return req, &Error{Status: http.StatusBadRequest, Code: "unsupported_grant_type",
			Description: "only grant_type=client_credentials is supported"}
	case req.ClientID == "" || req.ClientSecret == "":
		return req, InvalidClient()
	}
	return req, nil
}

// SecretEqual compares secrets in constant time.
func SecretEqual(want, got string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// NewToken returns prefix and 40 random characters.
func NewToken(prefix string) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, 40)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Errorf("crypto/rand: %w", err)) // never fails on supported platforms
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return prefix + string(b)
}

// WriteJSON writes a token endpoint answer: JSON, never cached (RFC 6749 §5.1). A 401 names
// the Basic scheme the client may authenticate with.
func WriteJSON(w http.ResponseWriter, status int, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		http.Error(w, `{"error":"server_error"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="token"`)
	}
	if status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", http.MethodPost)
	}
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n'))
}
