// Package transmit implements the Transmit clients and applications surfaces of the reference
// server: an in-memory tenant that conforms to CONTRACT.md, and fault switches that each break
// one of its rules. Both surfaces share one store: apps own their clients, and /v1/clients is
// the app-scoped view (the token's app) of the same clients that /v1/applications/{appId}/clients
// shows.
package transmit

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference/faults"
)

// New returns the Transmit handler (paths relative to /cis), seeded from tenant.
func New(tenant fixtures.Tenant, set faults.Set) (http.Handler, error) {
	api, _, err := NewWithTokenEndpoint(tenant, set)
	return api, err
}

// NewWithTokenEndpoint returns the Transmit handler (paths relative to /cis) and the token
// endpoint (POST /oidc/token, served at the host root), sharing one tenant seeded from tenant.
func NewWithTokenEndpoint(tenant fixtures.Tenant, set faults.Set) (api, token http.Handler, err error) {
	s, err := newServer(tenant, set)
	if err != nil {
		return nil, nil, err
	}
	rt, err := newRouter(s, s.operations())
	if err != nil {
		return nil, nil, err
	}
	return rt, http.HandlerFunc(s.tokenEndpoint), nil
}

func newServer(tenant fixtures.Tenant, set faults.Set) (*server, error) {
	return newServerWithClock(tenant, set, time.Now)
}

// newServerWithClock is newServer with the clock every timestamp and token expiry reads.
func newServerWithClock(tenant fixtures.Tenant, set faults.Set, now func() time.Time) (*server, error) {
	if tenant.TenantID == "" {
		return nil, fmt.Errorf("tenant: empty tenant_id")
	}
	cert, err := newIdPCertificate(tenant.TenantID)
	if err != nil {
		return nil, fmt.Errorf("tenant %s: %w", tenant.TenantID, err)
	}
	s := &server{
		faults:   set,
		tenantID: tenant.TenantID,
		apps:     map[string]*app{},
		clients:  map[string]*client{},
		deleted:  map[string]*client{},
		keys:     map[string]*signingKey{},
		tokens:   map[string]fixtures.Token{},
		issuer:   newIssuer(tenant),
		idpCert:  cert,
		now:      now,
	}
	if s.spec, err = loadSpecs(set); err != nil {
		return nil, err
	}
	if s.rendered, s.inputOnly, err = responseFields(s.spec[0]); err != nil {
		return nil, fmt.Errorf("clients spec: %w", err)
	}
	if err := s.seed(tenant); err != nil {
		return nil, fmt.Errorf("tenant %s: %w", tenant.TenantID, err)
	}
	return s, nil
}

// Permission lists, any-of (api-facts/transmit.md §4–5; CONTRACT gives the twin's list to the
// operations the vendor lists none for).
var (
	clientRead   = []string{"apps:read", "[appId]:read"}
	clientWrite  = []string{"apps:create", "[appId]:create", "apps:edit", "[appId]:edit"}
	clientDelete = []string{"apps:create", "[appId]:create", "apps:edit", "[appId]:edit", "apps:delete", "[appId]:delete"}

	appClientRead   = []string{"apps:read"}
	appClientCreate = []string{"apps:create", "apps:edit"}
	appClientUpdate = []string{"apps:edit", "apps:create"}
	appClientDelete = []string{"apps:delete", "apps:create", "apps:edit"}

	keyWrite  = clientWrite
	keyRead   = clientRead
	keyDelete = []string{"apps:delete", "[appId]:delete", "apps:create", "[appId]:create", "apps:edit", "[appId]:edit"}
)

// operations is the behaviour of every documented operation, by operationId; paths and methods
// come from the specs.
func (s *server) operations() map[string]*op {
	read, write, del := clientRead, clientWrite, clientDelete
	if s.faults.On(fClientsReadonlyCanWrite) {
		// the bug: a copy-pasted list lets the read permission through on writes
		write = append(slices.Clone(write), "apps:read")
		del = append(slices.Clone(del), "apps:read")
	}
	if s.faults.On(fClientsNopermCanRead) {
		read = nil // the bug: read endpoints registered without a permission guard
	}
	return map[string]*op{
		"createClient":          {scope: ownApp, perms: write, handle: s.createClient},
		"getClients":            {scope: ownApp, perms: read, handle: s.listClients},
		"deleteClients":         {scope: ownApp, perms: del, handle: s.deleteClients},
		"getClientById":         {scope: ownApp, perms: read, handle: s.getClient},
		"updateClient":          {scope: ownApp, perms: write, handle: s.putClient},
		"deleteClient":          {scope: ownApp, perms: del, handle: s.deleteClient},
		"updateClientResources": {scope: ownApp, perms: write, handle: s.putClientResources},

		"createApp":  {scope: tenantWide, perms: []string{"apps:create", "[appId]:create"}, handle: s.createApp},
		"getAllApps": {scope: tenantWide, perms: []string{"apps:read", "apps:list", "[appId]:read", "[appId]:list"}, handle: s.listApps},
		"getAppsList": {scope: tenantWide, handle: s.listAppsBasic,
			perms: []string{"apps:list", "users:read", "organizations:read", "roles:read", "orgs:read", "[appId]:list"}},
		"getAppById":           {scope: pathApp, perms: []string{"apps:read", "[appId]:read"}, handle: s.getApp},
		"updateApp":            {scope: pathApp, perms: []string{"apps:edit", "[appId]:edit"}, handle: s.updateApp},
		"deleteApp":            {scope: pathApp, perms: []string{"apps:delete", "[appId]:delete"}, handle: s.deleteApp},
		"updateResourcesInApp": {scope: pathApp, perms: []string{"apps:edit", "[appId]:edit"}, handle: s.updateAppResources},

		"createAppClient":          {scope: pathApp, perms: appClientCreate, handle: s.createClient},
		"getAppClients":            {scope: pathApp, perms: appClientRead, handle: s.listClients},
		"deleteAppClients":         {scope: pathApp, perms: appClientDelete, handle: s.deleteClients},
		"getAppClientById":         {scope: pathApp, perms: appClientRead, handle: s.getClient},
		"updateAppClient":          {scope: pathApp, perms: appClientUpdate, handle: s.putClient},
		"deleteAppClient":          {scope: pathApp, perms: appClientDelete, handle: s.deleteClient},
		"updateAppClientResources": {scope: pathApp, perms: appClientUpdate, handle: s.putClientResources},

		"createClientTokenSigningKey": {scope: ownApp, perms: keyWrite, handle: s.createKey},
		"getClientTokenSigningKeys":   {scope: ownApp, perms: keyRead, handle: s.listKeys},
		"uploadClientTokenSigningKey": {scope: ownApp, perms: keyWrite, handle: s.uploadKey},
		"updateTokenSigningKey":       {scope: ownApp, perms: keyWrite, handle: s.updateKey},
		"deleteClientTokenSigningKey": {scope: ownApp, perms: keyDelete, handle: s.deleteKey},
	}
}
