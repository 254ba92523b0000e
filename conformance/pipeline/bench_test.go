package pipeline

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The chain's cost per request, against a bare http.Client on the same loopback server, and
// (Network=off) on a canned in-memory transport, which isolates the chain's own work:
// go test -run '^$' -bench Chain -benchtime 3000x ./conformance/pipeline/
// Nothing asserts a duration: the figures are for the report, not a gate.
func BenchmarkChainInMemory(b *testing.B) {
	canned := roundTripFunc(func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(`{"client_id":"c1","name":"ccs-x","client_secret":"s3cret-value-123"}`))}, nil
	})
	do := func(b *testing.B, c *http.Client, ctx context.Context) {
		for b.Loop() {
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://target.test/v1/clients", strings.NewReader(`{"name":"ccs-x"}`))
			resp, err := c.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	b.Run("bare", func(b *testing.B) { do(b, &http.Client{Transport: canned}, context.Background()) })
	ctx := WithExchange(context.Background(), Exchange{Purpose: PurposeScenario, Scenario: "clients/crud/x", Role: "main"})
	for _, tc := range []struct {
		name       string
		transcript io.Writer
	}{{"pipeline", nil}, {"pipeline+transcript", io.Discard}} {
		b.Run(tc.name, func(b *testing.B) {
			p, err := New(Config{Base: "http://target.test", Roles: RoleMap{"main": {Token: "main-token-123456"}},
				Transport: canned, Transcript: tc.transcript, TranscriptBody: true})
			if err != nil {
				b.Fatal(err)
			}
			do(b, p.Client(), ctx)
		})
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func BenchmarkChain(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"client_id":"c1","name":"ccs-x","client_secret":"s3cret-value-123"}`)
	}))
	defer srv.Close()
	do := func(b *testing.B, c *http.Client, ctx context.Context) {
		for b.Loop() {
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/v1/clients", strings.NewReader(`{"name":"ccs-x"}`))
			req.Header.Set("Content-Type", "application/json")
			resp, err := c.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	b.Run("bare", func(b *testing.B) { do(b, &http.Client{}, context.Background()) })
	ctx := WithExchange(context.Background(), Exchange{Purpose: PurposeScenario, Scenario: "clients/crud/x", Role: "main"})
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"pipeline", Config{Base: srv.URL, Roles: RoleMap{"main": {Token: "main-token-123456"}}}},
		{"pipeline+transcript", Config{Base: srv.URL, Roles: RoleMap{"main": {Token: "main-token-123456"}}, Transcript: io.Discard, TranscriptBody: true}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			p, err := New(tc.cfg)
			if err != nil {
				b.Fatal(err)
			}
			do(b, p.Client(), ctx)
		})
	}
}
