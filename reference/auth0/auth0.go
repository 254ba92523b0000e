// Package auth0 implements the Auth0 Management API v2 clients surface of the reference server.
package auth0

import (
	"net/http"

	"github.com/clientconf/clientconf/reference/faults"
)

// Faults lists the fault switches of the auth0 surface.
func Faults() []faults.Info { return nil }

// New returns the Auth0 handler (paths relative to /api/v2).
func New(set faults.Set) (http.Handler, error) {
	return http.NotFoundHandler(), nil
}
