package transmit

import (
	"net/http"
	"time"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference/faults"
)

// Config configures the Transmit surfaces beyond the tenant and fault switches that New takes.
type Config struct {
	Tenant fixtures.Tenant
	Faults faults.Set
	// Now is the clock of timestamps (created_at, updated_at) and token expiry; nil: time.Now.
	Now func() time.Time
}

// NewFromConfig returns the Transmit handler (paths relative to /cis) and its token endpoint
// (POST /oidc/token, served at the host root), built from cfg.
func NewFromConfig(cfg Config) (api, token http.Handler, err error) {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	s, err := newServerWithClock(cfg.Tenant, cfg.Faults, now)
	if err != nil {
		return nil, nil, err
	}
	rt, err := newRouter(s, s.operations())
	if err != nil {
		return nil, nil, err
	}
	return rt, http.HandlerFunc(s.tokenEndpoint), nil
}
