package transmit

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"time"
)

// newClient validates a create body and stores the new client of the app acted on. The caller
// holds the write lock and has checked that the app exists.
func (s *server) newClient(rq *request, body map[string]any) (*client, error) {
	appID := rq.appID
	protocol, fields, err := s.checkClientCreate(rq, body)
	if err != nil {
		return nil, err
	}
	name, _ := fields["name"].(string)
	if s.clientNameTaken(appID, name, "") && !s.faults.On(fClientsDuplicateNameAllowed) {
		if s.faults.On(fClientsCreatedDespite409) {
			s.insertClient(appID, protocol, fields)
		}
		return nil, conflict("CLIENT_NAME_ALREADY_EXISTS", "a client named %q already exists in this application", name)
	}
	c := s.insertClient(appID, protocol, fields)
	s.takeCreatedAt(c, body)
	return c, nil
}

// checkClientCreate validates a create body: OIDC unless authentication_protocol is saml (the
// OIDC schema refuses any other value).
func (s *server) checkClientCreate(rq *request, body map[string]any) (protocol string, fields map[string]any, err error) {
	protocol = "oidc"
	if body["authentication_protocol"] == "saml" {
		protocol = "saml"
	}
	fields, err = s.checkBody(rq, createSchema[protocol], body)
	delete(fields, "authentication_protocol") // kept as the client's protocol, not as a field
	return protocol, fields, err
}

// insertClient stores a client built from validated fields, with defaults and server fields.
func (s *server) insertClient(appID, protocol string, fields map[string]any) *client {
	s.applyClientDefaults(protocol, fields)
	now := s.stamp(time.Time{})
	s.seq++
	c := &client{
		seq:      s.seq,
		id:       s.newClientID(),
		secret:   randomID("", 40),
		appID:    appID,
		protocol: protocol,
		created:  now,
		updated:  now,
		fields:   fields,
	}
	s.clients[c.id] = c
	return c
}

// applyClientDefaults fills the defaults the contract asserts for an omitted field.
func (s *server) applyClientDefaults(protocol string, fields map[string]any) {
	defaults := map[string]any{
		"short_cookies_samesite_type":      pick(s.faults.On(fClientsDefaultSamesiteNone), "none", "lax"),
		"sync_id_token_claims_to_userinfo": false,
	}
	if protocol == "oidc" {
		responseTypes := []any{"code", "id_token"}
		if s.faults.On(fClientsDefaultResponseTypesCodeOnly) {
			responseTypes = []any{"code"} // the vendor's example value, taken for the default
		}
		maps.Copy(defaults, map[string]any{
			"client_type":                pick(s.faults.On(fClientsDefaultClientTypeNative), "native", "web"),
			"response_types":             responseTypes,
			"token_endpoint_auth_method": pick(s.faults.On(fClientsDefaultAuthMethodNone), "none", "client_secret_basic"),
			"device_authorization": map[string]any{
				"enabled":      s.faults.On(fClientsDefaultDeviceAuthEnabled),
				"approval_uri": "", "success_uri": "", "input_uri": "",
			},
			"ciba_authorization": map[string]any{"enabled": false},
		})
	}
	for k, v := range defaults {
		if _, ok := fields[k]; !ok {
			fields[k] = v
		}
	}
}

func pick[T any](cond bool, ifTrue, ifFalse T) T {
	if cond {
		return ifTrue
	}
	return ifFalse
}

// updateClient applies a PUT body to c, checked against the update schema of c's protocol. The
// caller holds the write lock.
func (s *server) updateClient(rq *request, c *client, body map[string]any) (*client, error) {
	patch, err := s.checkBody(rq, updateSchema[c.protocol], body)
	if err != nil {
		return nil, err
	}
	return s.patchClient(c, patch)
}

// patchClient applies validated fields to c: partial at the top level, each sent field
// replacing the stored value whole (objects included), never merged.
func (s *server) patchClient(c *client, patch map[string]any) (*client, error) {
	if name, ok := patch["name"].(string); ok && s.clientNameTaken(c.appID, name, c.id) &&
		!s.faults.On(fClientsRenameConflictAllowed) {
		return nil, conflict("CLIENT_NAME_ALREADY_EXISTS", "a client named %q already exists in this application", name)
	}
	next := *c
	next.fields = maps.Clone(c.fields)
	for k, v := range patch {
		if s.faults.On(fClientsPutMergesNested) {
			v = mergeObjects(next.fields[k], v)
		}
		next.fields[k] = v
	}
	s.touch(&next, c)
	if s.faults.On(fClientsSecretRotatedOnPut) {
		next.secret = randomID("", 40)
	}
	return s.save(&next), nil
}

// mergeObjects is the merge-instead-of-replace bug: sent members overlay the stored object.
func mergeObjects(stored, sent any) any {
	old, oldIsObject := stored.(map[string]any)
	upd, sentIsObject := sent.(map[string]any)
	if !oldIsObject || !sentIsObject {
		return sent
	}
	merged := maps.Clone(old)
	maps.Copy(merged, upd)
	return merged
}

// setResources makes the client's resources exactly ids.
func (s *server) setResources(c *client, ids []any) *client {
	next := *c
	next.fields = maps.Clone(c.fields)
	if old, ok := c.fields["resources"].([]any); ok && s.faults.On(fClientsResourcesAppended) {
		ids = append(slices.Clone(old), ids...)
	}
	next.fields["resources"] = ids
	s.touch(&next, c)
	return s.save(&next)
}

// touch advances updated_at past the previous value.
func (s *server) touch(next, prev *client) {
	if !s.faults.On(fClientsUpdatedAtNotAdvanced) {
		next.updated = s.stamp(prev.updated)
	}
}

// save stores the new version of a client (copy-on-write) and returns it.
func (s *server) save(next *client) *client {
	if s.faults.On(fClientsPutNotPersisted) {
		return next // answered as if saved, never written
	}
	delete(s.deleted, next.id)
	s.clients[next.id] = next
	return next
}

// removeClient deletes c, keeping a tombstone.
func (s *server) removeClient(c *client) {
	if s.faults.On(fClientsDeleteDoesNotDelete) {
		return
	}
	delete(s.clients, c.id)
	s.deleted[c.id] = c
}

// renderClient is the response body of a client: every field the response schema requires
// (absent ones filled with empty values), the stored fields of its protocol, and the server's.
func (s *server) renderClient(c *client) map[string]any {
	out := map[string]any{
		"description":           "",
		"resources":             []any{},
		"client_group_id":       "",
		"default_custom_claims": []any{},
	}
	list := s.rendered[c.protocol]
	if c.protocol == "saml" {
		maps.Copy(out, map[string]any{
			"optional_acs_url": false, "sp_acs_url": "", "sp_entity_id": "", "sign_assertion": false,
			"sp_name_id_type": "email", // required with an enum, so "" would be invalid
		})
	} else {
		maps.Copy(out, map[string]any{
			"redirect_uris":        []any{},
			"device_authorization": map[string]any{"enabled": false, "approval_uri": "", "success_uri": "", "input_uri": ""},
			"ciba_authorization":   map[string]any{"enabled": false},
			"supported_prompts":    []any{},
			"token_expiration":     map[string]any{},
			"session_expiration":   json.Number("0"),
			"enforce_par":          false, "fapi_version_compliancy": false,
		})
	}
	if s.faults.On(fClientsInputOnlyEchoed) {
		list = append(slices.Clone(list), s.inputOnly[c.protocol]...)
	}
	for _, k := range list {
		if v, ok := c.fields[k]; ok {
			out[k] = deepCopy(v)
		}
	}
	maps.Copy(out, map[string]any{
		"app_id":                  c.appID,
		"tenant_id":               s.tenantID,
		"client_id":               c.id,
		"client_secret":           c.secret,
		"authentication_protocol": c.protocol,
		"created_at":              s.formatTime(c.created),
		"updated_at":              s.formatTime(c.updated),
	})
	if c.protocol == "saml" && !s.faults.On(fClientsSAMLIdPFieldsMissing) {
		base := "https://api.sbx.transmitsecurity.io/cis/saml"
		out["metadata_url"] = base + "/metadata/" + c.id
		out["sso_url"] = base + "/sso/" + c.id
		out["entity_id"] = base + "/" + c.id
		out["x509_certificate"] = s.idpCert
	}
	if s.faults.On(fClientsClientIDMissing) {
		out["id"] = out["client_id"] // the bug: the database column name leaks into the API
		delete(out, "client_id")
	}
	if s.faults.On(fClientsEmptyDescriptionOmitted) && out["description"] == "" {
		delete(out, "description") // the bug: an `omitempty` on a required field
	}
	return out
}

// newIdPCertificate makes the tenant's self-signed SAML signing certificate, base64 DER as SAML
// metadata carries it. ECDSA keeps it fast enough to make one per server.
func newIdPCertificate(tenantID string) (string, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return "", fmt.Errorf("generate IdP key: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "transmit-reference IdP " + tenantID},
		NotBefore:    time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2035, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return "", fmt.Errorf("self-sign IdP certificate: %w", err)
	}
	return base64.StdEncoding.EncodeToString(der), nil
}
