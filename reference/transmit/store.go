package transmit

import (
	"crypto/rand"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference/faults"
	"github.com/clientconf/clientconf/reference/specdoc"
)

// server is one reference tenant: every app, client, signing key and token it knows, behind one
// lock. Each handler holds the lock for its whole read-modify-write, so requests are atomic.
type server struct {
	mu       sync.RWMutex
	faults   faults.Set
	tenantID string
	apps     map[string]*app
	clients  map[string]*client
	// deleted keeps tombstones of deleted clients, the way a soft-deleting store would; the
	// conforming server never reads them (only the put-revives-deleted fault does).
	deleted map[string]*client
	keys    map[string]*signingKey
	tokens  map[string]fixtures.Token
	issuer  issuer         // client credentials and issued tokens of POST /oidc/token
	spec    specdoc.Router // the clients and applications specs, fault patches applied
	// rendered and inputOnly list, per protocol, the client fields of the response schema and
	// the create fields it lacks (see responseFields).
	rendered, inputOnly map[string][]string
	idpCert             string // the tenant's SAML signing certificate (base64 DER), shared by SAML clients
	seq                 uint64 // creation counter: lists are in creation order even within one clock tick
	now                 func() time.Time
}

// client is one OIDC or SAML client. fields holds the validated input fields as decoded JSON
// (strings, json.Number, bools, []any, map[string]any); stored values are never mutated in
// place, only replaced, so a rendered copy can be encoded without holding the lock.
type client struct {
	id       string
	secret   string
	appID    string
	protocol string // oidc or saml
	seq      uint64 // creation order
	created  time.Time
	updated  time.Time
	fields   map[string]any
}

// app is one application; its default-client settings live on the default client itself.
type app struct {
	id              string
	createdBy       string
	created         time.Time
	updated         time.Time
	fields          map[string]any
	defaultClientID string
}

// signingKey is a token signing key of one app.
type signingKey struct {
	id, appID, kid, name, status, source string
	created, updated                     time.Time
	jwk                                  map[string]any
}

// seed fills a fresh server from the reference tenant: its apps, each with its default client.
func (s *server) seed(tenant fixtures.Tenant) error {
	for _, a := range tenant.Apps {
		if a.AppID == "" || s.apps[a.AppID] != nil {
			return fmt.Errorf("seed app %q: empty or duplicate app id", a.AppID)
		}
		input := map[string]any{"app_name": a.AppName, "client_display_name": a.ClientDisplayName}
		s.insertApp(a.AppID, "reference-seed", input)
	}
	for _, tok := range tenant.Tokens {
		if tok.Token == "" {
			return fmt.Errorf("seed token of role %q: empty token", tok.Role)
		}
		if tok.Kind == "client" && s.apps[tok.AppID] == nil {
			return fmt.Errorf("seed token of role %q: unknown app %q", tok.Role, tok.AppID)
		}
		s.tokens[tok.Token] = tok
	}
	return nil
}

// stamp returns the time of a write that follows prev: now, at millisecond precision, and
// always strictly after prev so that updated_at advances even when two writes share a tick.
func (s *server) stamp(prev time.Time) time.Time {
	t := s.now().UTC().Truncate(time.Millisecond)
	if !t.After(prev) {
		t = prev.Add(time.Millisecond)
	}
	return t
}

// formatTime renders a timestamp as RFC 3339 in UTC with milliseconds, like the vendor's
// JavaScript backend ("2026-01-15T09:30:00.123Z").
func (s *server) formatTime(t time.Time) string {
	if s.faults.On(fClientsTimestampsNotRFC3339) {
		return t.UTC().Format("2006-01-02 15:04:05") // the SQL-style layout a careless ORM emits
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// randomID returns prefix plus n random characters from crypto/rand.
func randomID(prefix string, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Errorf("crypto/rand: %w", err)) // never fails on supported platforms
	}
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return prefix + string(b)
}

// newClientID returns an id no live or deleted client has.
func (s *server) newClientID() string {
	for {
		id := randomID("", 22)
		if s.clients[id] == nil && s.deleted[id] == nil {
			return id
		}
	}
}

// clientsOf returns the live clients of an app, oldest first, so lists are stable.
func (s *server) clientsOf(appID string) []*client {
	var out []*client
	for _, c := range s.clients {
		if c.appID == appID {
			out = append(out, c)
		}
	}
	sortClients(out)
	return out
}

func sortClients(cs []*client) {
	sort.Slice(cs, func(i, j int) bool { return cs[i].seq < cs[j].seq })
}

// clientIn returns the live client id of appID, or a 404: another app's client does not exist
// for the caller.
func (s *server) clientIn(appID, id string) (*client, error) {
	c := s.clients[id]
	if c == nil {
		return nil, notFound("client")
	}
	if c.appID != appID && !s.faults.On(fClientsOtherAppClientVisible) {
		return nil, notFound("client")
	}
	return c, nil
}

// clientNameTaken reports whether another live client of appID already has name. Names are
// compared exactly and are unique per app only.
func (s *server) clientNameTaken(appID, name, exceptID string) bool {
	for _, c := range s.clients {
		if c.id == exceptID {
			continue
		}
		if c.appID != appID && !s.faults.On(fClientsNamesUniquePerTenant) {
			continue
		}
		other, _ := c.fields["name"].(string)
		if other == name || (s.faults.On(fClientsNamesCaseInsensitive) && strings.EqualFold(other, name)) {
			return true
		}
	}
	return false
}

// appNameTaken reports whether another app of the tenant already has name.
func (s *server) appNameTaken(name, exceptID string) bool {
	for _, a := range s.apps {
		if a.id != exceptID && a.fields["app_name"] == name {
			return true
		}
	}
	return false
}

// keyNameTaken reports whether another key of appID already has name.
func (s *server) keyNameTaken(appID, name, exceptID string) bool {
	for _, k := range s.keys {
		if k.appID == appID && k.id != exceptID && k.name == name {
			return true
		}
	}
	return false
}
