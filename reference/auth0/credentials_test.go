package auth0

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func selfSignedPEM(t *testing.T, notAfter time.Time) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: notAfter}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestCredentialsLifecycle(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	c := createClient(t, h, map[string]any{})
	base := "/clients/" + c["client_id"].(string) + "/credentials"

	assert.Empty(t, do(t, h, "GET", base, tokMain, nil).arr(t))
	res := do(t, h, "POST", base, tokMain, map[string]any{"credential_type": "public_key", "name": "k", "pem": testPEM})
	require.Equal(t, http.StatusCreated, res.status, string(res.raw))
	created := res.obj(t)
	id := created["id"].(string)
	assert.Regexp(t, `^cred_[A-Za-z0-9]{22}$`, id)
	assert.Equal(t, "RS256", created["alg"])
	assert.NotEmpty(t, created["kid"])
	assert.NotContains(t, created, "expires_at")
	for _, k := range []string{"created_at", "updated_at"} {
		_, err := time.Parse(time.RFC3339, created[k].(string))
		assert.NoError(t, err, k)
	}
	// The same PEM gives the same kid.
	again := do(t, h, "POST", base, tokMain, map[string]any{"credential_type": "public_key", "pem": testPEM}).obj(t)
	assert.Equal(t, created["kid"], again["kid"])
	assert.NotEqual(t, id, again["id"])

	got := do(t, h, "GET", base+"/"+id, tokMain, nil).obj(t)
	assert.Contains(t, got, "expires_at")
	assert.Nil(t, got["expires_at"])
	assert.Len(t, do(t, h, "GET", base, tokMain, nil).arr(t), 2)

	res = do(t, h, "PATCH", base+"/"+id, tokMain, map[string]any{"expires_at": "2030-01-02T03:04:05+01:00"})
	require.Equal(t, 200, res.status, string(res.raw))
	assert.Equal(t, "2030-01-02T02:04:05.000Z", res.obj(t)["expires_at"])
	res = do(t, h, "PATCH", base+"/"+id, tokMain, map[string]any{"expires_at": nil})
	require.Equal(t, 200, res.status)
	assert.Nil(t, res.obj(t)["expires_at"])

	for range 2 {
		assert.Equal(t, 204, do(t, h, "DELETE", base+"/"+id, tokMain, nil).status)
	}
	requireError(t, do(t, h, "GET", base+"/"+id, tokMain, nil), 404, "")
	assert.Equal(t, 204, do(t, h, "DELETE", "/clients/nope/credentials/"+id, tokMain, nil).status)
}

func TestCredentialTypes(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	c := createClient(t, h, map[string]any{})
	base := "/clients/" + c["client_id"].(string) + "/credentials"
	expiry := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	cert := do(t, h, "POST", base, tokMain, map[string]any{"credential_type": "x509_cert", "pem": selfSignedPEM(t, expiry)})
	require.Equal(t, 201, cert.status, string(cert.raw))
	assert.Equal(t, "2031-05-06T07:08:09.000Z", cert.obj(t)["expires_at"])
	assert.NotEmpty(t, cert.obj(t)["thumbprint_sha256"])
	dn := do(t, h, "POST", base, tokMain, map[string]any{"credential_type": "cert_subject_dn", "subject_dn": "CN=test"})
	require.Equal(t, 201, dn.status, string(dn.raw))
	assert.Equal(t, "CN=test", dn.obj(t)["subject_dn"])
	fromPEM := do(t, h, "POST", base, tokMain, map[string]any{"credential_type": "cert_subject_dn", "pem": selfSignedPEM(t, expiry)})
	require.Equal(t, 201, fromPEM.status, string(fromPEM.raw))
	assert.Equal(t, "CN=test", fromPEM.obj(t)["subject_dn"])
	// A public key keeps no expiry from a certificate PEM unless asked to.
	pk := do(t, h, "POST", base, tokMain, map[string]any{"credential_type": "public_key", "pem": selfSignedPEM(t, expiry)})
	assert.NotContains(t, pk.obj(t), "expires_at")
	pk = do(t, h, "POST", base, tokMain, map[string]any{"credential_type": "public_key", "pem": selfSignedPEM(t, expiry), "parse_expiry_from_cert": true})
	assert.Equal(t, "2031-05-06T07:08:09.000Z", pk.obj(t)["expires_at"])
}

func TestCredentialErrors(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	c := createClient(t, h, map[string]any{})
	base := "/clients/" + c["client_id"].(string) + "/credentials"
	bad := map[string]any{
		"no type":            map[string]any{"pem": testPEM},
		"bad type":           map[string]any{"credential_type": "password", "pem": testPEM},
		"public_key no pem":  map[string]any{"credential_type": "public_key"},
		"x509 no pem":        map[string]any{"credential_type": "x509_cert"},
		"subject dn and pem": map[string]any{"credential_type": "cert_subject_dn", "subject_dn": "CN=a", "pem": testPEM},
		"subject dn neither": map[string]any{"credential_type": "cert_subject_dn"},
		"unknown key":        map[string]any{"credential_type": "public_key", "pem": testPEM, "colour": "x"},
		"bad alg":            map[string]any{"credential_type": "public_key", "pem": testPEM, "alg": "HS256"},
		"bad kid":            map[string]any{"credential_type": "public_key", "pem": testPEM, "kid": "short"},
		"bad expiry":         map[string]any{"credential_type": "public_key", "pem": testPEM, "expires_at": "tomorrow"},
	}
	for name, body := range bad {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			requireError(t, do(t, h, "POST", base, tokMain, body), 400, "invalid_body")
		})
	}
	good := map[string]any{"credential_type": "public_key", "pem": testPEM}
	requireError(t, do(t, h, "GET", "/clients/nope/credentials", tokMain, nil), 404, "inexistent_client")
	requireError(t, do(t, h, "POST", "/clients/nope/credentials", tokMain, good), 404, "inexistent_client")
	requireError(t, do(t, h, "GET", "/clients/nope/credentials/cred_x", tokMain, nil), 404, "inexistent_client")
	requireError(t, do(t, h, "PATCH", "/clients/nope/credentials/cred_x", tokMain, map[string]any{"expires_at": nil}), 404, "inexistent_client")
	requireError(t, do(t, h, "GET", base+"/cred_x", tokMain, nil), 404, "")
	requireError(t, do(t, h, "PATCH", base+"/cred_x", tokMain, map[string]any{"expires_at": nil}), 404, "")
	requireError(t, do(t, h, "PATCH", base+"/cred_x", tokMain, map[string]any{"name": "x"}), 400, "invalid_body")
	requireError(t, do(t, h, "PATCH", base+"/cred_x", tokMain, map[string]any{}), 400, "invalid_body")
}
