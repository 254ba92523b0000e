package auth0

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference/faults"
)

// Config configures the Auth0 surface beyond the tenant and fault switches that New takes.
type Config struct {
	Tenant fixtures.Tenant
	Faults faults.Set
	// Variants are the conforming alternatives to turn on (see Variants).
	Variants faults.Set
	// Clients are clients present from the start, besides the global one: each a create body
	// of POST /clients (validated like one), optionally with the client_id and client_secret
	// it should have. Its credential definitions (client_authentication_methods) become
	// credentials of the client.
	Clients []map[string]any
	// Now is the clock of credential timestamps and token expiry; nil: time.Now.
	Now func() time.Time
}

// NewFromConfig returns the Auth0 handler (paths relative to /api/v2) and its token endpoint
// (POST /oauth/token, served at the host root), built from cfg.
func NewFromConfig(cfg Config) (api, token http.Handler, err error) {
	s, err := newTenantServer(cfg.Tenant, cfg.Faults)
	if err != nil {
		return nil, nil, err
	}
	s.variants = cfg.Variants
	if cfg.Now != nil {
		s.now, s.issuer.now = cfg.Now, cfg.Now
	}
	for i, c := range cfg.Clients {
		if err := s.seedClient(c); err != nil {
			return nil, nil, fmt.Errorf("auth0 seed client %d: %w", i, err)
		}
	}
	return s.routes(), http.HandlerFunc(s.tokenEndpoint), nil
}

// seedClient stores one seed client the way POST /clients would, keeping a given id and secret.
func (s *server) seedClient(c map[string]any) error {
	// A JSON round trip turns Go values (int, float64, []string, structs…) into the decoded
	// JSON the store and the validator work on, numbers as json.Number.
	raw, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var body map[string]any
	if err := dec.Decode(&body); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	id, _ := body["client_id"].(string)
	secret, _ := body["client_secret"].(string)
	delete(body, "client_id")
	delete(body, "client_secret")
	if err := s.validateCreate(body); err != nil {
		return err
	}
	doc := s.newClientDoc(body)
	if secret != "" {
		doc["client_secret"] = secret
	}
	if err := s.checkClientRules(body, doc); err != nil {
		return err
	}
	creds, _, _ := s.credentialsOfCreate(doc)
	if _, err := s.store.insertAs(id, doc, creds); err != nil {
		return err
	}
	return nil
}
