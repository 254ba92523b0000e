package pipeline

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	mainToken    = "main-token-abcdef123456"
	targetSecret = "secret-the-target-made-987654"
	clientSecret = "client-secret-of-the-suite-42"
)

// TestTranscript: one line per exchange for every purpose, with the fields of
// docs/results-format.md §2, and no token or secret anywhere in it.
func TestTranscript(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Set-Cookie", "session="+targetSecret)
		switch r.URL.Path {
		case "/oauth/token":
			_, _ = w.Write([]byte(`{"access_token":"` + mainToken + `","token_type":"Bearer"}`))
		case "/api/v2/clients":
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(`{"client_id":"c1","client_secret":"` + targetSecret + `"}`))
		default: // echoes the path: a secret learned earlier must be masked wherever it shows
			_, _ = w.Write([]byte(`{"seen":"` + r.URL.Path + `"}`))
		}
	}))
	defer srv.Close()
	var buf bytes.Buffer
	p, err := New(Config{Base: srv.URL, Transcript: &buf, TranscriptBody: true, Roles: RoleMap{"main": {Token: mainToken}}})
	require.NoError(t, err)

	steps := []struct {
		x                   Exchange
		method, path, ctype string
		body                string
	}{
		{Exchange{Purpose: PurposePreflight, Role: "main", Operation: "getClients", PathTemplate: "/api/v2/clients"}, http.MethodGet, "/api/v2/clients?per_page=1", "", ""},
		{Exchange{Purpose: PurposeToken, Role: "main"}, http.MethodPost, "/oauth/token", "application/x-www-form-urlencoded",
			"grant_type=client_credentials&client_id=cid&client_secret=" + clientSecret},
		{Exchange{Purpose: PurposeScenario, Scenario: "auth0/crud/create", Role: "main", Operation: "postClients", PathTemplate: "/api/v2/clients"},
			http.MethodPost, "/api/v2/clients", "application/json", `{"name":"ccs-x"}`},
		{Exchange{Purpose: PurposeScenario, Scenario: "auth0/crud/echo", Role: "main"}, http.MethodGet, "/echo/" + targetSecret, "", ""},
		{Exchange{Purpose: PurposeCleanup, Scenario: "auth0/crud/create", Role: "main", Operation: "deleteClientsById", PathTemplate: "/api/v2/clients/{id}"},
			http.MethodDelete, "/api/v2/clients/c1", "", ""},
		{Exchange{Purpose: PurposeSweep, Role: "main"}, http.MethodGet, "/api/v2/clients", "", ""},
	}
	for _, st := range steps {
		_, _, err := send(t, p, st.x, st.method, srv.URL+st.path, st.ctype, st.body)
		require.NoError(t, err)
	}
	// An exchange without an answer is written too, with its error.
	_, _, err = send(t, p, Exchange{Purpose: PurposeScenario, Role: "main"}, http.MethodPost, "http://127.0.0.1:1/x", "", "")
	require.Error(t, err)

	text := buf.String()
	for _, secret := range []string{mainToken, targetSecret, clientSecret, "Authorization", "Bearer " + mainToken} {
		assert.NotContains(t, text, secret)
	}
	got := lines(t, &buf)
	require.Len(t, got, len(steps)+1)
	purposes := map[any]bool{}
	for i, l := range got {
		purposes[l["purpose"]] = true
		for _, field := range []string{"time", "scenario", "purpose", "role", "operation", "method", "url", "path_template", "status", "elapsed_ms", "authorization_sent"} {
			assert.Contains(t, l, field, "line %d", i)
		}
	}
	for _, purpose := range []Purpose{PurposeScenario, PurposeCleanup, PurposePreflight, PurposeToken, PurposeSweep} {
		assert.True(t, purposes[string(purpose)], purpose)
	}
	create := got[2]
	assert.Equal(t, "auth0/crud/create", create["scenario"])
	assert.Equal(t, "postClients", create["operation"])
	assert.Equal(t, "/api/v2/clients", create["path_template"])
	assert.EqualValues(t, 201, create["status"])
	assert.Equal(t, true, create["authorization_sent"])
	assert.Contains(t, create["response_body"], `"client_secret":"***"`)
	assert.Equal(t, false, got[1]["authorization_sent"], "token requests carry the client's own credentials")
	assert.Contains(t, got[1]["request_body"], "client_secret=%2A%2A%2A")
	assert.True(t, strings.HasSuffix(got[3]["url"].(string), "/echo/***"))
	assert.NotEmpty(t, got[len(got)-1]["error"])
}

// TestMaxBody: a body longer than MaxBody is cut and says so.
func TestMaxBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write(bytes.Repeat([]byte("x"), 5000))
	}))
	defer srv.Close()
	p, err := New(Config{MaxBody: 1000})
	require.NoError(t, err)
	resp, body, err := send(t, p, Exchange{}, http.MethodGet, srv.URL, "", "")
	require.NoError(t, err)
	assert.Len(t, body, 1000)
	res, ok := ResultOf(resp)
	require.True(t, ok)
	assert.True(t, res.Truncated)
	assert.Len(t, res.Body, 1000)
}
