package auth0

import (
	"fmt"
	"net/http"
	"time"

	"github.com/clientconf/clientconf/conformance/scenario"
	"github.com/clientconf/clientconf/fixtures"
)

// Helpers of the credential scenarios, whatever their category: key material, creating and
// listing credentials, expiry dates.

// a0PublicKeyPEM is the PEM of fixture test key i (0 or 1): real RSA public keys, because a
// real tenant parses the PEM of public_key credentials. Two keys, for scenarios that need two
// credentials (the same PEM gives the same kid).
func a0PublicKeyPEM(s *scenario.S, i int) string {
	return a0Fixture(s, fmt.Sprintf("test-key-%d.pub.pem", i+1))
}

// a0CertPEM is the PEM of the fixture self-signed certificate (of test key 1).
func a0CertPEM(s *scenario.S) string { return a0Fixture(s, "test-key-1.cert.pem") }

func a0Fixture(s *scenario.S, name string) string {
	pem, err := fixtures.PEM(name)
	if err != nil {
		s.SuiteFatalf("%v", err)
	}
	return pem
}

// a0PublicKeyBody is a public_key credential definition with test key i.
func a0PublicKeyBody(s *scenario.S, i int) map[string]any {
	return map[string]any{"credential_type": "public_key", "name": s.Name("key"), "pem": a0PublicKeyPEM(s, i)}
}

// a0CreateCredential posts a credential as Main and requires 201 with an id.
func a0CreateCredential(s *scenario.S, clientID string, body map[string]any) *scenario.Response {
	s.T.Helper()
	r := s.Do(scenario.Main, http.MethodPost, a0Credentials(clientID), scenario.JSON(body)).Expect(http.StatusCreated)
	if r.String("/id") == "" {
		s.Fatalf(r, "credential id generated", "a non-empty id in the created credential", scenario.DescribeField(r.Field("/id")))
	}
	return r
}

// a0NewCredential creates a credential and returns its id.
func a0NewCredential(s *scenario.S, clientID string, body map[string]any) string {
	s.T.Helper()
	return a0CreateCredential(s, clientID, body).String("/id")
}

// a0CredentialIDs lists the ids of a client's credentials as Main.
func a0CredentialIDs(s *scenario.S, clientID string) (map[string]bool, *scenario.Response) {
	s.T.Helper()
	r := s.Do(scenario.Main, http.MethodGet, a0Credentials(clientID)).Expect(http.StatusOK)
	ids := map[string]bool{}
	list, ok := r.JSON().([]any)
	if !ok {
		s.Fatalf(r, "credentials list is an array", "a JSON array of credentials", "another JSON value")
	}
	for _, c := range a0Objects(list) {
		if id, ok := c["id"].(string); ok {
			ids[id] = true
		}
	}
	return ids, r
}

// a0SameInstant fails unless the field holds a date-time equal to want (the server normalises
// the zone and precision, so instants are compared, not strings).
func a0SameInstant(s *scenario.S, r *scenario.Response, pointer string, want time.Time) {
	s.T.Helper()
	got := scenario.ParseTime(r.String(pointer))
	if got.IsZero() || !got.Equal(want) {
		s.Errorf(r, pointer+" set", pointer+" = "+want.Format(time.RFC3339), scenario.DescribeField(r.Field(pointer)))
	}
}

// a0Expiry is a future expiry at whole seconds, in UTC.
func a0Expiry(days int) time.Time {
	return time.Now().UTC().Add(time.Duration(days) * 24 * time.Hour).Truncate(time.Second)
}
