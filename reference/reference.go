// Package reference is an in-memory, conforming implementation of every API surface the suite
// checks: Transmit under /cis, Auth0 under /api/v2, and their client credentials token endpoints
// (/oidc/token, /oauth/token). It is the suite's embedded default target, and its fault
// switches let the suite prove that it catches each broken rule.
package reference

import (
	"fmt"
	"net/http"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference/auth0"
	"github.com/clientconf/clientconf/reference/faults"
	"github.com/clientconf/clientconf/reference/transmit"
)

// Options configure a reference server.
type Options struct {
	// Faults names the fault switches to turn on (see Faults); none for a conforming server.
	Faults []string
}

// Faults lists every fault switch of every surface.
func Faults() []faults.Info {
	return append(transmit.Faults(), auth0.Faults()...)
}

// New returns a fresh server seeded from the fixtures, as an http.Handler.
func New(opts Options) (http.Handler, error) {
	set, err := faults.NewSet(Faults(), opts.Faults...)
	if err != nil {
		return nil, err
	}
	tenant, err := fixtures.ReferenceTenant()
	if err != nil {
		return nil, fmt.Errorf("reference tenant: %w", err)
	}
	tx, txToken, err := transmit.NewWithTokenEndpoint(tenant, set)
	if err != nil {
		return nil, fmt.Errorf("transmit surfaces: %w", err)
	}
	a0, a0Token, err := auth0.NewWithTokenEndpoint(tenant, set)
	if err != nil {
		return nil, fmt.Errorf("auth0 surface: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/cis/", http.StripPrefix("/cis", tx))
	mux.Handle("/api/v2/", http.StripPrefix("/api/v2", a0))
	// The token endpoints live at the host root, as the vendors' do. Each issues tokens for its
	// own surfaces only: a Transmit token is unknown under /api/v2 and the other way round.
	mux.Handle("/oidc/token", txToken)
	mux.Handle("/oauth/token", a0Token)
	return mux, nil
}
