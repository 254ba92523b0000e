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
		// Not JSON (cut off, malformed, JSON inside an HTML page): learn the string values
		// that follow secret keys all the same.
		text := string(body)
		for _, span := range secretValueSpans(text) {
			r.Add(text[span[0]:span[1]])
		}
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
	cut := 0 // bytes dropped before masking
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
	} else {
		// Only the start is shown: mask just that (with room for a secret that begins before
		// the cut), the string values of secret keys included.
		if max > 0 && len(out) > max+cutSlack {
			cut = len(out) - (max + cutSlack)
			out = out[:max+cutSlack]
		}
		out = maskSecretValues(out)
	}
	out = r.String(out)
	if max > 0 && len(out) > max {
		out = out[:max] + "…(" + strconv.Itoa(len(out)-max+cut) + " more bytes)"
	}
	return out
}

// cutSlack is how far past the shown part of a non-JSON body secrets are still looked for.
const cutSlack = 4 << 10

// maskSecretValues masks the string value after each secret key in text that is not valid
// JSON.
func maskSecretValues(text string) string {
	spans := secretValueSpans(text)
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, span := range spans {
		b.WriteString(text[last:span[0]])
		b.WriteString(Mask)
		last = span[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

// secretValueSpans finds, in JSON-like text, the string values that follow a secret key
// (`"client_secret": "…"`, keys matched case-insensitively), as sorted, disjoint byte ranges.
// A value cut off by the end of the text runs to the end.
func secretValueSpans(text string) [][2]int {
	lower := asciiLower(text)
	var spans [][2]int
	for key := range secretKeys {
		quoted := `"` + key + `"`
		for from := 0; ; {
			i := strings.Index(lower[from:], quoted)
			if i < 0 {
				break
			}
			j := skipSpace(text, from+i+len(quoted))
			from = j
			if j >= len(text) || text[j] != ':' {
				continue
			}
			if j = skipSpace(text, j+1); j >= len(text) || text[j] != '"' {
				continue
			}
			end := j + 1
			for end < len(text) && text[end] != '"' {
				if text[end] == '\\' {
					end++
				}
				end++
			}
			end = min(end, len(text))
			spans = append(spans, [2]int{j + 1, end})
			from = end
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	merged := spans[:0]
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], sp[1])
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// asciiLower lower-cases ASCII letters only, so that byte offsets stay those of s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
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
