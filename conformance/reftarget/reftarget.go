// Package reftarget serves the embedded reference server on loopback and describes it as a
// conformance target: the suite's default when no CONFORMANCE_BASE_URL is given.
package reftarget

import (
	"fmt"
	"net/http/httptest"

	"github.com/clientconf/clientconf/conformance"
	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference"
)

// Options select what the reference server breaks and which surfaces the target offers.
type Options struct {
	Faults   []string // fault switches to turn on; none for a conforming server
	Surfaces []string // empty: every surface
}

// Start serves a fresh reference server until cleanup is called by the test framework.
func Start(cleanup func(func()), opts Options) (conformance.Target, error) {
	h, err := reference.New(reference.Options{Faults: opts.Faults})
	if err != nil {
		return conformance.Target{}, fmt.Errorf("reference server: %w", err)
	}
	srv := httptest.NewServer(h)
	cleanup(srv.Close)
	return Describe(srv.URL, opts.Surfaces)
}

// Describe returns the target for a reference server listening at root (e.g.
// http://127.0.0.1:8080): Transmit under /cis, Auth0 under /api/v2, the fixture tokens.
func Describe(root string, surfaces []string) (conformance.Target, error) {
	tenant, err := fixtures.ReferenceTenant()
	if err != nil {
		return conformance.Target{}, err
	}
	t := conformance.Target{
		Name:     "embedded reference server",
		BaseURLs: map[string]string{},
		Tokens:   map[conformance.Role]string{},
		// In-memory and private to this run: collection deletes harm nobody.
		AllowDestructive: true,
		SkipBasis:        map[conformance.Basis]bool{},
	}
	for _, tok := range tenant.Tokens {
		t.Tokens[conformance.Role(tok.Role)] = tok.Token
		switch tok.Role {
		case string(conformance.Main):
			t.AppID = tok.AppID
		case string(conformance.Other):
			t.OtherAppID = tok.AppID
		}
	}
	if len(surfaces) == 0 {
		surfaces = []string{"clients", "applications", "auth0"}
	}
	for _, s := range surfaces {
		switch s {
		case "clients", "applications":
			t.BaseURLs[s] = root + "/cis"
		case "auth0":
			t.BaseURLs[s] = root + "/api/v2"
		default:
			return t, fmt.Errorf("unknown surface %q", s)
		}
	}
	return t, nil
}
