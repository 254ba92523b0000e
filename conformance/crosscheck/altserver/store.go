package altserver

import (
	"crypto/rand"
	"encoding/base64"
	"sync"
	"time"
)

// client is one stored client.
type client struct {
	ClientID  string
	AppID     string
	Secret    string
	Protocol  string
	Fields    map[string]any // the validated fields the caller sent, without input-only ones
	Created   time.Time
	Updated   time.Time
	IsDefault bool
	seq       int64 // creation order: lists show the newest first
}

// store keeps every client in memory; mu guards everything in it.
type store struct {
	mu      sync.Mutex
	clients map[string]*client // by client id
	seq     int64
	last    time.Time // the last timestamp handed out
	// precision of timestamps. time.Second: truncated, not forced forward (two writes in the
	// same second share it); finer: each timestamp is forced past the last one, so that an
	// update is always visibly later than the create before it.
	precision time.Duration
}

// newStore returns a store in which each app already has its default client, as a new app on
// the real service does.
func newStore(precision time.Duration) *store {
	s := &store{clients: map[string]*client{}, precision: precision}
	for _, app := range []string{AppID, OtherAppID} {
		c := s.newClient(app, "oidc", map[string]any{
			"name":          "Default client",
			"redirect_uris": []any{"https://" + app + ".example.org/callback"},
		})
		c.IsDefault = true
	}
	return s
}

// now returns the timestamp of a write. Caller holds mu.
func (s *store) now() time.Time {
	t := time.Now().UTC().Truncate(s.precision)
	if s.precision >= time.Second {
		return t
	}
	if !t.After(s.last) {
		t = s.last.Add(s.precision)
	}
	s.last = t
	return t
}

// newClient stores a client under a fresh id. Caller holds mu (or owns the store).
func (s *store) newClient(app, protocol string, fields map[string]any) *client {
	var id string
	for {
		id = randomID(22)
		if _, taken := s.clients[id]; !taken {
			break
		}
	}
	t := s.now()
	s.seq++
	c := &client{ClientID: id, AppID: app, Secret: randomSecret(), Protocol: protocol, Fields: fields,
		Created: t, Updated: t, seq: s.seq}
	s.clients[id] = c
	return c
}

// nameTaken reports whether another client of app than exceptID is named name. Caller holds mu.
func (s *store) nameTaken(app, name, exceptID string) bool {
	for _, c := range s.clients {
		if c.AppID == app && c.ClientID != exceptID && c.Fields["name"] == name {
			return true
		}
	}
	return false
}

// lookup finds a client of app: another app's client does not exist for it. Caller holds mu.
func (s *store) lookup(app, id string) *client {
	c, ok := s.clients[id]
	if !ok || c.AppID != app {
		return nil
	}
	return c
}

// exists is lookup under the lock, for handlers that check the id before reading the body.
func (s *store) exists(app, id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lookup(app, id) != nil
}

// randomID returns n characters of [a-z0-9]. crypto/rand.Read never fails (Go 1.24+).
func randomID(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

func randomSecret() string {
	b := make([]byte, 30)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
