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
	return newRouter(s, s.operations()), http.HandlerFunc(s.tokenEndpoint), nil
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
	s.schemas = newClientSchemas(set)
	s.appIn = newAppSchemas(set, s.schemas)
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

// operations is the table of every documented operation.
func (s *server) operations() []*op {
	read, write, del := clientRead, clientWrite, clientDelete
	if s.faults.On(fClientsReadonlyCanWrite) {
		// the bug: a copy-pasted list lets the read permission through on writes
		write = append(slices.Clone(write), "apps:read")
		del = append(slices.Clone(del), "apps:read")
	}
	if s.faults.On(fClientsNopermCanRead) {
		read = nil // the bug: read endpoints registered without a permission guard
	}
	const (
		clients   = "/v1/clients"
		client    = "/v1/clients/{clientId}"
		apps      = "/v1/applications"
		oneApp    = "/v1/applications/{appId}"
		appCls    = "/v1/applications/{appId}/clients"
		appClient = "/v1/applications/{appId}/clients/{clientId}"
		keys      = "/v1/applications/signing-keys"
	)
	return []*op{
		{"createClient", "POST", clients, ownApp, write, s.createClient},
		{"getClients", "GET", clients, ownApp, read, s.listClients},
		{"deleteClients", "DELETE", clients, ownApp, del, s.deleteClients},
		{"getClientById", "GET", client, ownApp, read, s.getClient},
		{"updateClient", "PUT", client, ownApp, write, s.putClient},
		{"deleteClient", "DELETE", client, ownApp, del, s.deleteClient},
		{"updateClientResources", "PUT", client + "/resources", ownApp, write, s.putClientResources},

		{"createApp", "POST", apps, tenantWide, []string{"apps:create", "[appId]:create"}, s.createApp},
		{"getAllApps", "GET", apps, tenantWide, []string{"apps:read", "apps:list", "[appId]:read", "[appId]:list"}, s.listApps},
		{"getAppsList", "GET", apps + "/list", tenantWide,
			[]string{"apps:list", "users:read", "organizations:read", "roles:read", "orgs:read", "[appId]:list"}, s.listAppsBasic},
		{"getAppById", "GET", oneApp, pathApp, []string{"apps:read", "[appId]:read"}, s.getApp},
		{"updateApp", "PUT", oneApp, pathApp, []string{"apps:edit", "[appId]:edit"}, s.updateApp},
		{"deleteApp", "DELETE", oneApp, pathApp, []string{"apps:delete", "[appId]:delete"}, s.deleteApp},
		{"updateResourcesInApp", "PUT", oneApp + "/resources", pathApp, []string{"apps:edit", "[appId]:edit"}, s.updateAppResources},

		{"createAppClient", "POST", appCls, pathApp, appClientCreate, s.createClient},
		{"getAppClients", "GET", appCls, pathApp, appClientRead, s.listClients},
		{"deleteAppClients", "DELETE", appCls, pathApp, appClientDelete, s.deleteClients},
		{"getAppClientById", "GET", appClient, pathApp, appClientRead, s.getClient},
		{"updateAppClient", "PUT", appClient, pathApp, appClientUpdate, s.putClient},
		{"deleteAppClient", "DELETE", appClient, pathApp, appClientDelete, s.deleteClient},
		{"updateAppClientResources", "PUT", appClient + "/resources", pathApp, appClientUpdate, s.putClientResources},

		{"createClientTokenSigningKey", "POST", keys, ownApp, keyWrite, s.createKey},
		{"getClientTokenSigningKeys", "GET", keys, ownApp, keyRead, s.listKeys},
		{"uploadClientTokenSigningKey", "POST", keys + "/upload", ownApp, keyWrite, s.uploadKey},
		{"updateTokenSigningKey", "PUT", keys + "/{id}", ownApp, keyWrite, s.updateKey},
		{"deleteClientTokenSigningKey", "DELETE", keys + "/{id}", ownApp, keyDelete, s.deleteKey},
	}
}
