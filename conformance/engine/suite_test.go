package engine

import (
	"testing"

	"github.com/clientconf/clientconf/conformance/surfaces/clients"
)

// clientsSuite is a suite of the clients surface alone, as the registry describes it (the
// engine's tests cannot import the registry, which imports the engine).
func clientsSuite(t *testing.T) (*Suite, error) {
	t.Helper()
	return NewSuite([]Surface{{ID: "clients", Mount: "/cis", Vendor: Transmit, Catalogue: clients.Catalogue,
		ErrorBody: clients.TransmitErrorBody}})
}
