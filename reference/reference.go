package reference

import (
	"fmt"
	"net/http"
	"time"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference/auth0"
	"github.com/clientconf/clientconf/reference/faults"
	"github.com/clientconf/clientconf/reference/transmit"
)

// Options configure a reference server. The zero value is a conforming server of the reference
// tenant (fixtures.ReferenceTenant) on the wall clock.
type Options struct {
	// Faults names the fault switches to turn on (see Faults); none for a conforming server.
	Faults []string
	// Variants names the conforming alternatives on points CONTRACT.md leaves open to turn on
	// (see Variants): the server then takes the other allowed side of each and stays
	// conforming. None: the sides the reference takes by default.
	Variants []string
	// Tenant is the tenant to serve: its apps exist from the start and its role tokens (and
	// their client credentials, at the token endpoints) are accepted. nil: the reference tenant.
	Tenant *fixtures.Tenant
	// Auth0Clients are Auth0 clients present from the start, besides the tenant's global one:
	// each a POST /api/v2/clients body, optionally with the client_id and client_secret it
	// should have. A body the create operation would reject makes New fail.
	Auth0Clients []map[string]any
	// Now is the clock of every timestamp and token expiry; nil: time.Now.
	Now func() time.Time
}

// Faults lists every fault switch of every surface.
func Faults() []faults.Info {
	return append(transmit.Faults(), auth0.Faults()...)
}

// Variants lists every conforming alternative of every surface (only Auth0's so far; the
// Transmit surfaces have theirs in conformance/crosscheck/altserver).
func Variants() []faults.Info {
	return auth0.Variants()
}

// New returns a fresh, in-memory server as an http.Handler: Transmit under /cis, Auth0 under
// /api/v2, and the token endpoints /oidc/token (Transmit) and /oauth/token (Auth0) at the root.
// Each call has its own state, so tests that each call New do not see each other's data.
func New(opts Options) (http.Handler, error) {
	set, err := faults.NewSet(Faults(), opts.Faults...)
	if err != nil {
		return nil, err
	}
	variants, err := faults.NewSetOf("variant", Variants(), opts.Variants...)
	if err != nil {
		return nil, err
	}
	var tenant fixtures.Tenant
	if opts.Tenant != nil {
		tenant = *opts.Tenant
	} else if tenant, err = fixtures.ReferenceTenant(); err != nil {
		return nil, fmt.Errorf("reference tenant: %w", err)
	}
	tx, txToken, err := transmit.NewFromConfig(transmit.Config{Tenant: tenant, Faults: set, Now: opts.Now})
	if err != nil {
		return nil, fmt.Errorf("transmit surfaces: %w", err)
	}
	a0, a0Token, err := auth0.NewFromConfig(auth0.Config{Tenant: tenant, Faults: set, Variants: variants, Clients: opts.Auth0Clients, Now: opts.Now})
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
