package auth0

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
)

// jwkThumbprint is the RFC 7638 JWK thumbprint (SHA-256, base64url without padding) of the
// public key in a PEM public key or certificate: what live Auth0 answers as the kid of a
// public_key credential sent without one (recorded traffic: the same key always gets the same
// kid, also under another name or inside a different certificate). It fails for material that
// holds no RSA, EC or Ed25519 public key.
func jwkThumbprint(material string) (string, error) {
	block, _ := pem.Decode([]byte(material))
	if block == nil {
		return "", fmt.Errorf("no PEM block")
	}
	var pub crypto.PublicKey
	if cert, err := x509.ParseCertificate(block.Bytes); err == nil {
		pub = cert.PublicKey
	} else if key, err := x509.ParsePKIXPublicKey(block.Bytes); err == nil {
		pub = key
	} else if key, err := x509.ParsePKCS1PublicKey(block.Bytes); err == nil {
		pub = key
	} else {
		return "", fmt.Errorf("no public key in %s block", block.Type)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	var members string // the required members in lexicographic order, no whitespace (RFC 7638 §3.2)
	switch k := pub.(type) {
	case *rsa.PublicKey:
		members = fmt.Sprintf(`{"e":"%s","kty":"RSA","n":"%s"}`, b64(big.NewInt(int64(k.E)).Bytes()), b64(k.N.Bytes()))
	case *ecdsa.PublicKey:
		size := (k.Curve.Params().BitSize + 7) / 8
		raw, err := k.Bytes() // uncompressed point: 0x04 || X || Y, each padded to the curve size
		if err != nil {
			return "", fmt.Errorf("ec key: %w", err)
		}
		members = fmt.Sprintf(`{"crv":"%s","kty":"EC","x":"%s","y":"%s"}`,
			k.Curve.Params().Name, b64(raw[1:1+size]), b64(raw[1+size:]))
	case ed25519.PublicKey:
		members = fmt.Sprintf(`{"crv":"Ed25519","kty":"OKP","x":"%s"}`, b64(k))
	default:
		return "", fmt.Errorf("unsupported public key type %T", pub)
	}
	sum := sha256.Sum256([]byte(members))
	return b64(sum[:]), nil
}
