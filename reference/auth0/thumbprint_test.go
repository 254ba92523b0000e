package auth0

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"testing"

	"github.com/lestrrat-go/jwx/v2/jwk"

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

// TestJWKThumbprintMatchesJWX cross-checks every supported key type against lestrrat-go/jwx.
func TestJWKThumbprintMatchesJWX(t *testing.T) {
	t.Parallel()
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	p256, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	require.NoError(t, err)
	p521, err := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	require.NoError(t, err)
	edPub, _, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	for name, pub := range map[string]any{"rsa": &rsaKey.PublicKey, "p256": &p256.PublicKey, "p384": &p384.PublicKey, "p521": &p521.PublicKey, "ed25519": edPub} {
		t.Run(name, func(t *testing.T) {
			der, err := x509.MarshalPKIXPublicKey(pub)
			require.NoError(t, err)
			pemText := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
			ours, err := jwkThumbprint(pemText)
			require.NoError(t, err)
			key, err := jwk.ParseKey([]byte(pemText), jwk.WithPEM(true))
			require.NoError(t, err)
			sum, err := key.Thumbprint(crypto.SHA256)
			require.NoError(t, err)
			assert.Equal(t, base64.RawURLEncoding.EncodeToString(sum), ours)
		})
	}
}
