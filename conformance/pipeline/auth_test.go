package pipeline

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// source hands out tok-1, tok-2, … and records invalidations.
type source struct {
	n           atomic.Int64
	invalidated []string
}

func (s *source) Token(context.Context) (string, error) {
	return "fetched-token-" + string(rune('0'+s.n.Load())), nil
}
func (s *source) Invalidate(tok string) { s.invalidated = append(s.invalidated, tok); s.n.Add(1) }

func TestAuth(t *testing.T) {
	var seen atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := r.Header.Get("Authorization")
		seen.Store(a)
		if a == "Bearer fetched-token-0" { // the first fetched token has expired
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	other := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { seen.Store(r.Header.Get("Authorization")) }))
	defer other.Close()
	src := &source{}
	p, err := New(Config{Base: srv.URL + "/cis", Roles: RoleMap{
		"main": {Token: "main-fixed-token"}, "fetched": {Source: src}, "no-token": {},
	}})
	require.NoError(t, err)

	tests := []struct {
		name, role, url, header string
		want                    string
		status                  int
	}{
		{"fixed token", "main", srv.URL + "/cis/v1/clients", "", "Bearer main-fixed-token", 200},
		{"caller's header wins", "main", srv.URL + "/cis/v1/clients", "Bearer deliberately-bad", "Bearer deliberately-bad", 200},
		{"role without a token", "no-token", srv.URL + "/x", "", "", 200},
		{"no role", "", srv.URL + "/x", "", "", 200},
		{"never to another host", "main", other.URL + "/x", "", "", 200},
		{"401 to a fetched token: refreshed once", "fetched", srv.URL + "/x", "", "Bearer fetched-token-1", 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seen.Store("")
			req, err := http.NewRequestWithContext(WithExchange(context.Background(), Exchange{Role: tc.role}), http.MethodGet, tc.url, nil)
			require.NoError(t, err)
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			resp, err := p.Client().Do(req)
			require.NoError(t, err)
			assert.Equal(t, tc.status, resp.StatusCode)
			assert.Equal(t, tc.want, seen.Load())
			res, _ := ResultOf(resp)
			assert.Equal(t, tc.want != "", res.Authorized)
		})
	}
	assert.Equal(t, []string{"fetched-token-0"}, src.invalidated)
	assert.Equal(t, "***", p.Redactor().String("main-fixed-token"), "tokens sent are secrets")

	_, _, err = send(t, p, Exchange{Role: "admin"}, http.MethodGet, srv.URL+"/x", "", "")
	var nc *NoCredentialError
	require.True(t, errors.As(err, &nc))
	assert.Equal(t, "admin", nc.Role)
}
