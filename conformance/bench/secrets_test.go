package bench

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clientconf/clientconf/fixtures"
)

// secretKeys are the response members whose values the secrets test treats as secrets. The
// list is the bench's own, not the engine's, so a key the engine forgets is still checked.
var secretKeys = map[string]bool{
	"client_secret": true, "access_token": true, "refresh_token": true, "id_token": true,
	"secret": true, "password": true, "private_key": true,
}

// secretRecorder sits in front of the reference server and keeps every secret value it sends
// and every Authorization header it receives.
type secretRecorder struct {
	next    http.Handler
	mu      sync.Mutex
	secrets map[string]string // value → where it was sent
	auth    map[string]bool   // Authorization header values
}

func (s *secretRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	s.next.ServeHTTP(rec, r)
	var body any
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	s.mu.Lock()
	if a := r.Header.Get("Authorization"); a != "" {
		s.auth[a] = true
	}
	collectSecrets(body, func(key, value string) {
		if _, seen := s.secrets[value]; !seen {
			s.secrets[value] = fmt.Sprintf("%s #%d (from %s %s)", key, len(s.secrets)+1, r.Method, r.URL.Path)
		}
	})
	s.mu.Unlock()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// collectSecrets calls f with every non-trivial string under a secret key, at any depth.
func collectSecrets(v any, f func(key, value string)) {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if s, ok := val.(string); ok && secretKeys[strings.ToLower(k)] && len(s) >= 8 {
				f(k, s)
			}
			collectSecrets(val, f)
		}
	case []any:
		for _, val := range t {
			collectSecrets(val, f)
		}
	}
}

// TestSecretsNeverLeak runs the suite end to end against the reference server with fault
// switches that put responses holding client secrets into failure messages, and checks that
// no configured token, no Authorization header value and no secret the server sent appears in
// any artefact: stdout/stderr, events JSON, JUnit, summary, transcript.
func TestSecretsNeverLeak(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the suite as a separate process against the reference server")
	}
	tenant, err := fixtures.ReferenceTenant()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, base, surfaces string
		faults               []string
	}{
		{"transmit", "/cis", "clients,applications", []string{
			"clients/schema/input-only-echoed", "clients/crud/secret-rotated-on-put",
			"clients/crud/put-not-persisted", "clients/defaults/client-type-native",
			"clients/schema/success-text-plain", "clients/permissions/other-app-client-visible",
			"applications/crud/default-client-named-after-app", "applications/schema/app-clients-wrapped",
		}},
		{"auth0", "/api/v2", "auth0", []string{
			"auth0/crud/rotate-same-secret", "auth0/permissions/read-scope-sees-secrets",
			"auth0/crud/patch-returns-partial-body", "auth0/defaults/is-first-party-false",
			"auth0/schema/error-content-type-text",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := &secretRecorder{next: referenceHandler(t, tc.faults...), secrets: map[string]string{}, auth: map[string]bool{}}
			root := serve(t, rec)
			vars := map[string]string{"CONFORMANCE_BASE_URL": root + tc.base, "CONFORMANCE_SURFACES": tc.surfaces,
				"CONFORMANCE_TIMEOUT": "5s", "CONFORMANCE_DEADLINE": "60s", "CONFORMANCE_ALLOW_DESTRUCTIVE": "1"}
			secrets := map[string]string{}
			for env, tok := range referenceTokens() {
				vars[env] = tok
				secrets[tok] = "token " + env
			}
			for _, tok := range tenant.Tokens {
				secrets[tok.Token] = "fixture token of " + tok.Role
			}
			const bound = 60 * time.Second
			r := runSuite(t, vars, bound)
			rec.mu.Lock()
			for a := range rec.auth {
				secrets[a] = "an Authorization header value"
			}
			for s, label := range rec.secrets {
				secrets[s] = label
			}
			nSecrets, nAuth := len(rec.secrets), len(rec.auth)
			rec.mu.Unlock()
			r.checkCommon(t, bound, secrets)

			// The run must have printed secret-bearing bodies for the check to mean anything.
			tl := r.tally()
			if tl.failures == 0 {
				t.Errorf("no scenario failed: the fault switches put no body into any failure message")
			}
			if nSecrets == 0 {
				t.Errorf("the reference server sent no secret: nothing was checked")
			}
			// failures.md carries the bodies (the JUnit file only the checks).
			masked := strings.Count(r.artefacts[artFailures], `"client_secret":"***"`)
			if masked == 0 {
				t.Errorf("no failure in failures.md shows a (masked) client_secret: the faults did not exercise masking")
			}
			t.Logf("%s: exit %d, %d failures, %d errors in %s; checked %d secrets the server sent and %d Authorization values; %d masked client_secret members in failures.md",
				tc.name, r.exitCode, tl.failures, tl.errors, r.wall.Round(10*time.Millisecond), nSecrets, nAuth, masked)
		})
	}
}
