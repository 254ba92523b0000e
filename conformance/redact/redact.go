// Package redact masks secrets (tokens, client secrets) in everything the suite prints.
package redact

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Mask replaces every secret in printed output.
const Mask = "***"

// minSecretLen keeps short, common values (like "" or "a") from being treated as secrets
// and masking half a report.
const minSecretLen = 6

// secretKeys are JSON keys whose values are always secrets, whatever the body.
var secretKeys = map[string]bool{
	"client_secret": true, "access_token": true, "refresh_token": true, "id_token": true,
	"password": true, "secret": true, "token": true, "encryption_key": true, "private_key": true,
}

// IsSecretKey reports whether values under this JSON key are secrets.
func IsSecretKey(key string) bool { return secretKeys[strings.ToLower(key)] }

// Redactor remembers every secret the run has seen (configured tokens, secrets the target
// returned) and masks them. Safe for concurrent use.
type Redactor struct {
	mu      sync.RWMutex
	secrets map[string]bool
	sorted  []string // longest first, so a secret containing another is masked whole
}

// New returns a redactor that already knows the given secrets.
func New(secrets ...string) *Redactor {
	r := &Redactor{secrets: map[string]bool{}}
	for _, s := range secrets {
		r.Add(s)
	}
	return r
}

// Add remembers a secret; values shorter than a few characters are ignored.
func (r *Redactor) Add(secret string) {
	if len(secret) < minSecretLen {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.secrets[secret] {
		return
	}
	r.secrets[secret] = true
	r.sorted = append(r.sorted, secret)
	sort.Slice(r.sorted, func(i, j int) bool { return len(r.sorted[i]) > len(r.sorted[j]) })
}

// String masks every known secret in s.
func (r *Redactor) String(s string) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, secret := range r.sorted {
		if strings.Contains(s, secret) {
			s = strings.ReplaceAll(s, secret, Mask)
		}
	}
	return s
}

// Learn records the values of secret keys found anywhere in a JSON body, so that later
// output masks them even where they appear outside JSON.
func (r *Redactor) Learn(body []byte) {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return
	}
	walk(v, func(key string, val any) any {
		if s, ok := val.(string); ok && IsSecretKey(key) {
			r.Add(s)
		}
		return val
	})
}

// Body renders a body for a report: secret keys masked, known secrets masked, cut to max bytes.
func (r *Redactor) Body(body []byte, max int) string {
	var v any
	out := string(body)
	if json.Unmarshal(body, &v) == nil {
		v = walk(v, func(key string, val any) any {
			// Only string values are secrets: Auth0's refresh_token, say, is a settings object.
			if _, isString := val.(string); isString && IsSecretKey(key) {
				return Mask
			}
			return val
		})
		if data, err := json.Marshal(v); err == nil {
			out = string(data)
		}
	}
	out = r.String(out)
	if max > 0 && len(out) > max {
		out = out[:max] + "…(" + strconv.Itoa(len(out)-max) + " more bytes)"
	}
	return out
}

// walk visits every object member of a decoded JSON value, replacing values by f's result.
func walk(v any, f func(key string, val any) any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			t[k] = walk(f(k, val), f)
		}
	case []any:
		for i, val := range t {
			t[i] = walk(val, f)
		}
	}
	return v
}
