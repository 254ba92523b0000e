// Package reference is an in-memory, conforming implementation of every API surface the suite
// checks: Transmit under /cis, Auth0 under /api/v2. It is the suite's embedded default target,
// and its fault switches let the suite prove that it catches each broken rule.
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
	tx, err := transmit.New(tenant, set)
	if err != nil {
		return nil, fmt.Errorf("transmit surfaces: %w", err)
	}
	a0, err := auth0.New(tenant, set)
	if err != nil {
		return nil, fmt.Errorf("auth0 surface: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/cis/", http.StripPrefix("/cis", tx))
	mux.Handle("/api/v2/", http.StripPrefix("/api/v2", a0))
	return mux, nil
}
