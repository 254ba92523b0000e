// Package crosscheck runs the conformance suite against an independent implementation of the
// Transmit Clients API (package altserver), written from the contract alone, to prove the
// suite raises no false alarm against a conforming server other than the reference it was
// developed with, whichever allowed side that server takes on the points the contract leaves
// open. The checks are in this package's tests; the package itself has no API.
package crosscheck
