package conformance_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/conformance/reftarget"
	"github.com/clientconf/clientconf/reference"
)

// TestLeftOpenVariants proves the auth0 scenarios rely on no side of a point CONTRACT.md leaves
// open: against the reference with each variant on (the other allowed side), and with all of
// them at once, no scenario fails or ends in a suite error. Each variant must also change what
// the server answers (variantProbes), so that a variant that does nothing cannot pass here.
func TestLeftOpenVariants(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the auth0 surface once per variant")
	}
	su, err := conformance.NewSuite()
	require.NoError(t, err)
	var all []string
	for _, v := range reference.Variants() {
		all = append(all, v.Name)
	}
	runs := map[string][]string{"all": all}
	for _, v := range all {
		runs[v] = []string{v}
	}
	for name, variants := range runs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			target, err := reftarget.Start(t.Cleanup, reftarget.Options{Variants: variants, Surfaces: []string{"auth0"}})
			require.NoError(t, err)
			results, err := su.Collect(t.Context(), target, nil)
			require.NoError(t, err)
			passed := 0
			for _, r := range results {
				switch r.Outcome {
				case conformance.Failed, conformance.Errored:
					t.Errorf("%s %s against variants %v: %s", r.ID, r.Outcome, variants, strings.Join(r.Messages, " | "))
				case conformance.Passed:
					passed++
				}
				for _, a := range r.Attrs {
					if a[0] == "observation" { // the side of an open point the scenario saw
						t.Logf("%s observed %s", r.ID, a[1])
					}
				}
			}
			assert.Positive(t, passed, "no auth0 scenario passed")
			t.Logf("%d of %d auth0 scenarios passed", passed, len(results))
		})
	}
}

// TestLeftOpenVariantsAct: each variant answers a probe request differently from the default
// server, and every variant has a probe.
func TestLeftOpenVariantsAct(t *testing.T) {
	t.Parallel()
	for _, v := range reference.Variants() {
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			probe, ok := variantProbes[v.Name]
			require.True(t, ok, "variant %s has no probe in variantProbes", v.Name)
			def, alt := probe(t, newProbeServer(t)), probe(t, newProbeServer(t, v.Name))
			t.Logf("default: %s; variant: %s", def, alt)
			assert.NotEqual(t, def, alt, "variant %s answers the probe as the default server does", v.Name)
		})
	}
}

// variantProbes: each probe makes requests and returns what it saw, in a form that differs
// between the two sides of the variant's open point.
var variantProbes = map[string]func(*testing.T, probeServer) string{
	"auth0/cross-field-refused": func(t *testing.T, s probeServer) string {
		st, _ := s.do(t, "main", http.MethodPost, "/clients", map[string]any{"name": "spa", "token_endpoint_auth_method": "none",
			"grant_types": []string{"client_credentials"}})
		return probeStatus(st)
	},
	"auth0/client-secret-create-accepted": func(t *testing.T, s probeServer) string {
		st, body := s.do(t, "main", http.MethodPost, "/clients", map[string]any{"name": "own secret", "client_secret": "my-own-secret-0123456789"})
		return probeStatus(st) + " " + probeJSON(body["client_secret"])
	},
	"auth0/aliases-patch-overlap-409": func(t *testing.T, s probeServer) string {
		s.do(t, "main", http.MethodPost, "/clients", map[string]any{"name": "a", "client_aliases": []string{"taken-alias"}})
		_, b := s.do(t, "main", http.MethodPost, "/clients", map[string]any{"name": "b"})
		st, _ := s.do(t, "main", http.MethodPatch, "/clients/"+probeID(b), map[string]any{"client_aliases": []string{"taken-alias"}})
		return probeStatus(st)
	},
	"auth0/secret-field-403": func(t *testing.T, s probeServer) string {
		_, c := s.do(t, "main", http.MethodPost, "/clients", map[string]any{"name": "c"})
		st, _ := s.do(t, "readonly", http.MethodGet, "/clients/"+probeID(c)+"?fields=client_secret", nil)
		return probeStatus(st)
	},
	"auth0/nested-patch-replaces": func(t *testing.T, s probeServer) string {
		_, c := s.do(t, "main", http.MethodPost, "/clients", map[string]any{"name": "n"})
		_, p := s.do(t, "main", http.MethodPatch, "/clients/"+probeID(c), map[string]any{"jwt_configuration": map[string]any{"alg": "RS256"}})
		return probeKeys(p["jwt_configuration"])
	},
	"auth0/sent-objects-not-filled": func(t *testing.T, s probeServer) string {
		_, c := s.do(t, "main", http.MethodPost, "/clients", map[string]any{"name": "f", "jwt_configuration": map[string]any{"alg": "RS256"}})
		return probeKeys(c["jwt_configuration"])
	},
	"auth0/sent-objects-fully-filled": func(t *testing.T, s probeServer) string {
		_, c := s.do(t, "main", http.MethodPost, "/clients", map[string]any{"name": "f", "jwt_configuration": map[string]any{"alg": "RS256"}})
		return probeKeys(c["jwt_configuration"])
	},
	"auth0/app-type-typed-defaults": func(t *testing.T, s probeServer) string {
		_, c := s.do(t, "main", http.MethodPost, "/clients", map[string]any{"name": "spa", "app_type": "spa"})
		return probeJSON(c["grant_types"]) + " " + probeJSON(c["token_endpoint_auth_method"])
	},
	"auth0/app-type-plain-defaults": func(t *testing.T, s probeServer) string {
		_, c := s.do(t, "main", http.MethodPost, "/clients", map[string]any{"name": "rs", "app_type": "resource_server"})
		return probeJSON(c["grant_types"]) + " " + probeJSON(c["oidc_conformant"])
	},
	"auth0/write-responses-without-secrets": func(t *testing.T, s probeServer) string {
		_, c := s.do(t, "main", http.MethodPost, "/clients", map[string]any{"name": "w"})
		_, r := s.do(t, "main", http.MethodPost, "/clients/"+probeID(c)+"/rotate-secret", nil)
		return probeJSON(c["client_secret"] != nil) + " " + probeJSON(r["client_secret"] != nil)
	},
}

// probeServer is the auth0 surface of a reference target with some variants on, started as
// TestLeftOpenVariants starts it.
type probeServer struct {
	base   string
	tokens map[conformance.Role]string
}

func newProbeServer(t *testing.T, variants ...string) probeServer {
	t.Helper()
	target, err := reftarget.Start(t.Cleanup, reftarget.Options{Variants: variants, Surfaces: []string{"auth0"}})
	require.NoError(t, err)
	return probeServer{base: target.BaseURLs["auth0"], tokens: target.Tokens}
}

// do sends a request to the auth0 surface as role and returns the status and the decoded object body.
func (s probeServer) do(t *testing.T, role, method, path string, body any) (int, map[string]any) {
	t.Helper()
	var buf bytes.Buffer
	if body != nil {
		require.NoError(t, json.NewEncoder(&buf).Encode(body))
	}
	req, err := http.NewRequestWithContext(t.Context(), method, s.base+path, &buf)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+s.tokens[conformance.Role(role)])
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = resp.Body.Close() }()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out) // error bodies and 204s decode to nil
	return resp.StatusCode, out
}

// probeID is the client_id of a decoded client.
func probeID(client map[string]any) string {
	id, _ := client["client_id"].(string)
	return id
}

func probeStatus(code int) string { return http.StatusText(code) }

func probeJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// keys lists the keys of a decoded object, sorted (json.Marshal sorts map keys).
func probeKeys(v any) string {
	m, _ := v.(map[string]any)
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return probeJSON(out)
}
