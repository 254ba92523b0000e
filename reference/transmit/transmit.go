// Package transmit implements the Transmit clients and applications surfaces of the reference server.
package transmit

import (
	"net/http"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference/faults"
)

// Faults lists the fault switches of the Transmit surfaces.
func Faults() []faults.Info { return nil }

// New returns the Transmit handler (paths relative to /cis), seeded from tenant.
func New(tenant fixtures.Tenant, set faults.Set) (http.Handler, error) {
	return http.NotFoundHandler(), nil
}
