package auth0

import (
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"net/http"
	"strings"
	"time"
)

// credential is one client credential (public key, certificate subject DN or X.509 certificate).
type credential struct {
	seq            int64
	ID             string
	Name           string
	CredentialType string
	Kid            string
	Alg            string
	SubjectDN      string
	Thumbprint     string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	ExpiresAt      *time.Time
}

// timeLayout is how Auth0 writes timestamps: UTC, milliseconds, Z.
const timeLayout = "2006-01-02T15:04:05.000Z"

func (s *server) formatTime(t time.Time) string {
	if s.faults.On(faultCredentialTimestamp) {
		return t.UTC().Format("2006-01-02 15:04:05") // no T, no zone: not an RFC 3339 date-time
	}
	return t.UTC().Format(timeLayout)
}

// credentialView renders c. Reads carry expires_at (null when unset); a fresh create leaves it
// out unless it is set, as live Auth0 does.
func (s *server) credentialView(c credential, read bool) map[string]any {
	v := map[string]any{
		"id":              c.ID,
		"credential_type": c.CredentialType,
		"created_at":      s.formatTime(c.CreatedAt),
		"updated_at":      s.formatTime(c.UpdatedAt),
	}
	for key, val := range map[string]string{"name": c.Name, "kid": c.Kid, "alg": c.Alg, "subject_dn": c.SubjectDN, "thumbprint_sha256": c.Thumbprint} {
		if val != "" {
			v[key] = val
		}
	}
	if c.ExpiresAt != nil {
		v["expires_at"] = s.formatTime(*c.ExpiresAt)
	} else if read {
		v["expires_at"] = nil
	}
	return v
}

// validateCredentialBody checks the body of POST …/credentials.
func (s *server) validateCredentialBody(body map[string]any) *apiError {
	if err := s.checkBody("createCredential", body); err != nil {
		return err
	}
	if msg := s.checkCredentialMaterial(body); msg != "" {
		return badBody("%s", msg)
	}
	return nil
}

// newCredential builds a credential from a validated definition. As live Auth0 does, a
// public_key's kid is the RFC 7638 thumbprint of its key (so the same key always gets the same
// kid), an x509_cert's thumbprint_sha256 the SHA-256 of the certificate, and a cert_subject_dn
// given as a certificate takes the certificate's subject (not its expiry).
func (s *server) newCredential(body map[string]any) *credential {
	now := s.now().UTC().Truncate(time.Millisecond)
	c := &credential{
		seq:            s.store.nextSeq(),
		ID:             "cred_" + randomString(22),
		CredentialType: stringOf(body["credential_type"]),
		Name:           stringOf(body["name"]),
		SubjectDN:      stringOf(body["subject_dn"]),
		CreatedAt:      now,
		UpdatedAt:      now,
	}
	pemText := stringOf(body["pem"])
	material := []byte(pemText)
	if block, _ := pem.Decode(material); block != nil {
		material = block.Bytes
		if cert, err := x509.ParseCertificate(block.Bytes); err == nil {
			switch {
			case c.CredentialType == "cert_subject_dn":
				c.SubjectDN = subjectLines(cert.Subject)
			case c.CredentialType == "x509_cert" || body["parse_expiry_from_cert"] == true:
				exp := cert.NotAfter.UTC()
				c.ExpiresAt = &exp
			}
		}
	}
	sum := sha256.Sum256(material)
	digest := base64.RawURLEncoding.EncodeToString(sum[:])
	switch c.CredentialType {
	case "x509_cert":
		c.Thumbprint = digest
	case "public_key":
		c.Kid, c.Alg = digest, "RS256" // material that holds no key the thumbprint can read
		if kid, err := jwkThumbprint(pemText); err == nil {
			c.Kid = kid
		}
		if kid := stringOf(body["kid"]); kid != "" {
			c.Kid = kid
		}
		if alg := stringOf(body["alg"]); alg != "" {
			c.Alg = alg
		}
	}
	if raw := stringOf(body["expires_at"]); raw != "" {
		exp, _ := time.Parse(time.RFC3339Nano, raw) // validated already
		exp = exp.UTC().Truncate(time.Millisecond)
		c.ExpiresAt = &exp
	}
	return c
}

// subjectLines renders a certificate subject the way Auth0 answers a cert_subject_dn taken
// from a certificate: one attribute per line, in the certificate's order ("C=es\nST=Madrid…").
func subjectLines(name pkix.Name) string {
	rdns := name.ToRDNSequence()
	lines := make([]string, 0, len(rdns))
	for _, rdn := range rdns {
		lines = append(lines, pkix.RDNSequence{rdn}.String())
	}
	return strings.Join(lines, "\n")
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}

func (s *server) listCredentials(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authenticate(w, r)
	if !ok || !s.authorize(w, p, scopeReadCredentials) {
		return
	}
	creds, found := s.store.credentials(r.PathValue("client_id"))
	if !found && !s.faults.On(faultCredentialsOfUnknown) {
		s.writeError(w, s.clientNotFound())
		return
	}
	out := make([]any, 0, len(creds))
	for _, c := range creds {
		out = append(out, s.credentialView(c, true))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *server) createCredential(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authenticate(w, r)
	if !ok || !s.authorize(w, p, scopeCreateCredentials) {
		return
	}
	body, err := decodeObject(r, false)
	if err == nil {
		err = s.validateCredentialBody(body)
	}
	if err != nil {
		s.writeError(w, err)
		return
	}
	c := s.newCredential(body)
	if !s.store.addCredential(r.PathValue("client_id"), *c) {
		s.writeError(w, s.clientNotFound())
		return
	}
	writeJSON(w, http.StatusCreated, s.credentialView(*c, false))
}

func (s *server) getCredential(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authenticate(w, r)
	if !ok || !s.authorize(w, p, scopeReadCredentials) {
		return
	}
	c, clientFound, credFound := s.store.credential(r.PathValue("client_id"), r.PathValue("credential_id"))
	switch {
	case !clientFound:
		s.writeError(w, s.clientNotFound())
	case !credFound && s.faults.On(faultUnknownCredentialNull):
		writeJSON(w, http.StatusOK, map[string]any{})
	case !credFound:
		s.writeError(w, credentialNotFound())
	default:
		writeJSON(w, http.StatusOK, s.credentialView(c, true))
	}
}

// updateCredential is PATCH …/credentials/{credential_id}: only expires_at (a date-time or null).
// Live Auth0 answers 200 (the vendor spec says 201; CONTRACT.md follows live traffic).
func (s *server) updateCredential(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authenticate(w, r)
	if !ok || !s.authorize(w, p, scopeUpdateCredentials) {
		return
	}
	body, err := decodeObject(r, false)
	if err == nil {
		err = s.checkBody("updateCredential", body)
	}
	if err != nil {
		s.writeError(w, err)
		return
	}
	c, clientFound, credFound := s.store.updateCredential(r.PathValue("client_id"), r.PathValue("credential_id"), func(c *credential) {
		if _, sent := body["expires_at"]; !sent || s.faults.On(faultCredentialPatchNoop) {
			return
		}
		c.UpdatedAt = s.now().UTC().Truncate(time.Millisecond)
		c.ExpiresAt = nil
		if raw := stringOf(body["expires_at"]); raw != "" {
			exp, _ := time.Parse(time.RFC3339Nano, raw)
			exp = exp.UTC().Truncate(time.Millisecond)
			c.ExpiresAt = &exp
		}
	})
	switch {
	case !clientFound:
		s.writeError(w, s.clientNotFound())
	case !credFound:
		s.writeError(w, credentialNotFound())
	default:
		writeJSON(w, http.StatusOK, s.credentialView(c, true))
	}
}

// deleteCredential is DELETE …/credentials/{credential_id}: 204 whether or not it existed,
// also under an unknown client (idempotent, like client delete).
func (s *server) deleteCredential(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authenticate(w, r)
	if !ok || !s.authorize(w, p, scopeDeleteCredentials) {
		return
	}
	if existed := s.store.removeCredential(r.PathValue("client_id"), r.PathValue("credential_id")); !existed && s.faults.On(faultCredentialDeleteMiss) {
		s.writeError(w, credentialNotFound())
		return
	}
	writeNoContent(w)
}
