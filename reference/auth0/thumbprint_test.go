package auth0

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/fixtures"
)

// TestJWKThumbprint: RFC 7638's own example key (§3.1) gives its published thumbprint; a
// certificate and its bare public key give the same kid.
func TestJWKThumbprint(t *testing.T) {
	t.Parallel()
	// RFC 7638 §3.1: the RSA key whose thumbprint is NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs.
	const rfcKey = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0vx7agoebGcQSuuPiLJX
ZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tS
oc/BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ/2W+5JsGY4Hc5n9yBXArwl93lqt
7/RN5w6Cf0h4QyQ5v+65YGjQR0/FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0
zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt+bFTWhAI4vMQFh6WeZu0f
M4lFd2NcRwr3XPksINHaQ+G/xBniIqbw0Ls1jF44+csFCur+kEgU8awapJzKnqDK
gwIDAQAB
-----END PUBLIC KEY-----`
	kid, err := jwkThumbprint(rfcKey)
	require.NoError(t, err)
	assert.Equal(t, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", kid)

	cert, err := fixtures.PEM("test-key-1.cert.pem")
	require.NoError(t, err)
	pub, err := fixtures.PEM("test-key-1.pub.pem")
	require.NoError(t, err)
	fromCert, err := jwkThumbprint(cert)
	require.NoError(t, err)
	fromPub, err := jwkThumbprint(pub)
	require.NoError(t, err)
	assert.Equal(t, fromPub, fromCert)

	_, err = jwkThumbprint("not pem")
	assert.Error(t, err)
}
