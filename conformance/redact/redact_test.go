package redact_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/clientconf/clientconf/conformance/redact"
)

func TestRedactor(t *testing.T) {
	t.Parallel()
	r := redact.New("tok-main-123456", "abc") // "abc" is too short to be treated as a secret
	assert.Equal(t, "Bearer ***", r.String("Bearer tok-main-123456"))
	assert.Equal(t, "abc", r.String("abc"))

	body := []byte(`{"client_id":"cl-1","client_secret":"s3cr3t-value","nested":{"access_token":"at-987654321"}}`)
	shown := r.Body(body, 0)
	assert.NotContains(t, shown, "s3cr3t-value")
	assert.NotContains(t, shown, "at-987654321")
	assert.Contains(t, shown, `"client_id":"cl-1"`)

	// Learned secrets are masked even outside JSON, e.g. in a URL or a plain-text body.
	r.Learn(body)
	assert.Equal(t, "secret was ***", r.String("secret was s3cr3t-value"))
	assert.Equal(t, "plain *** text", r.Body([]byte("plain s3cr3t-value text"), 0))
}

func TestBodyCut(t *testing.T) {
	t.Parallel()
	r := redact.New()
	out := r.Body([]byte(`"0123456789012345678901234567890123456789"`), 10)
	assert.Contains(t, out, "more bytes")
	assert.Less(t, len(out), 40)
}

func TestNonJSONBodies(t *testing.T) {
	t.Parallel()
	r := redact.New()
	// Cut off mid-value, as a body over the size cap is; malformed; JSON inside an HTML page.
	for _, body := range []string{
		`[{"client_id":"cl-1","client_secret":"s3cr3t-value-1"},{"client_secret":"s3cr3t-val`,
		`{"client_id":"cl-1", "Client_Secret" : "s3cr3t-value-2", "name":`,
		`<html><pre>{"access_token":"at-s3cr3t-3\"x"}</pre></html>`,
	} {
		shown := r.Body([]byte(body), 0)
		assert.NotContains(t, shown, "s3cr3t", body)
		assert.Contains(t, shown, `"***"`, body)
	}
	// Learned from a non-JSON body, masked anywhere later.
	r.Learn([]byte(`{"client_secret":"s3cr3t-learned", "x": `))
	assert.Equal(t, "was ***", r.String("was s3cr3t-learned"))
	// A long non-JSON body is masked in the part shown, and its length still reported.
	long := r.Body([]byte(`{"client_secret":"s3cr3t-long","pad":"`+strings.Repeat("x", 10000)), 50)
	assert.NotContains(t, long, "s3cr3t")
	assert.Contains(t, long, "more bytes)")
}
