package transmit

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference/faults"
	"github.com/clientconf/clientconf/reference/specdoc"
)

// ts is a reference server under test with the fixture tenant's tokens at hand.
type ts struct {
	t      *testing.T
	h      http.Handler
	tenant fixtures.Tenant
}

func newTS(t *testing.T, faultNames ...string) *ts {
	t.Helper()
	tenant, err := fixtures.ReferenceTenant()
	require.NoError(t, err)
	set, err := faults.NewSet(Faults(), faultNames...)
	require.NoError(t, err)
	h, err := New(tenant, set)
	require.NoError(t, err)
	return &ts{t: t, h: h, tenant: tenant}
}

// resp is one recorded response; body is decoded JSON (nil when empty).
type resp struct {
	status int
	header http.Header
	raw    []byte
	body   any
}

func (r resp) obj() map[string]any {
	m, _ := r.body.(map[string]any)
	return m
}

func (r resp) list() []any {
	l, _ := r.body.([]any)
	return l
}

// result unwraps {"result": …}.
func (r resp) result() any { return r.obj()["result"] }

// token returns the Authorization header value of a role; "" for none.
func (s *ts) token(role string) string {
	if role == "" {
		return ""
	}
	tok, ok := s.tenant.TokenFor(role)
	require.True(s.t, ok, "role %s", role)
	return "Bearer " + tok.Token
}

// do sends a request as role (a fixture role, or "" for no Authorization header). body may be
// nil, a string (sent raw) or any value (sent as JSON).
func (s *ts) do(role, method, path string, body any) resp {
	return s.doAuth(s.token(role), method, path, body)
}

func (s *ts) doAuth(auth, method, path string, body any) resp {
	s.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewBufferString(b)
	default:
		data, err := json.Marshal(b)
		require.NoError(s.t, err)
		rd = bytes.NewReader(data)
	}
	req := httptest.NewRequest(method, path, rd)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	out := resp{status: rec.Code, header: rec.Header(), raw: rec.Body.Bytes()}
	if len(out.raw) > 0 {
		_ = json.Unmarshal(out.raw, &out.body)
	}
	return out
}

// mustCreate creates an OIDC client in the role's app and returns its body.
func (s *ts) mustCreate(role string, body map[string]any) map[string]any {
	s.t.Helper()
	r := s.do(role, "POST", "/v1/clients", body)
	require.Equal(s.t, http.StatusCreated, r.status, "create: %s", r.raw)
	return r.obj()
}

func oidcBody(name string) map[string]any {
	return map[string]any{"name": name, "redirect_uris": []any{"https://shop.example.com/cb"}}
}

func samlBody(name string) map[string]any {
	return map[string]any{"name": name, "authentication_protocol": "saml", "sp_entity_id": "https://sp.example.com/meta"}
}

// with returns a copy of m with edits applied; a nil value deletes the key.
func with(m map[string]any, edits map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	for k, v := range edits {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

// specClaims is every value of the spec's Claim enum.
func specClaims(t *testing.T) []any {
	t.Helper()
	d, err := specdoc.Load("clients")
	require.NoError(t, err)
	return d.Schema("Claim").Enum
}
