package coverage_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/report/coverage"
	"github.com/clientconf/clientconf/conformance/report/results"
)

// find returns an operation of a surface's coverage by operationId.
func find(t *testing.T, r *coverage.Report, surface, id string) *coverage.Operation {
	t.Helper()
	for _, s := range r.Surfaces {
		if s.Surface != surface {
			continue
		}
		for _, op := range s.Operations {
			if op.ID == id {
				return op
			}
		}
	}
	t.Fatalf("no operation %s %s", surface, id)
	return nil
}

func status(op *coverage.Operation, code int) *coverage.Status {
	for _, s := range op.Statuses {
		if s.Status == code {
			return s
		}
	}
	return nil
}

// value returns whether an enum value at (in, status, field) was exercised; ok is false
// when the spec documents no such value.
func value(op *coverage.Operation, in string, code int, field string, v any) (exercised, ok bool) {
	for _, en := range op.Enums {
		if en.In != in || en.Status != code || en.Field != field {
			continue
		}
		for _, val := range en.Values {
			if val.Value == v {
				return val.Exercised, true
			}
		}
	}
	return false, false
}

func TestComputeMarksWhatTheExchangesShowed(t *testing.T) {
	transcript := []results.Entry{
		// Matched by path under a base path, no operation written by the engine.
		{Scenario: "clients/enums/client_type", Method: "POST", URL: "https://host/cis/v1/clients",
			RequestBody: `{"name":"a","client_type":"native","redirect_uris":["https://x"]}`, Status: 201,
			ResponseBody: `{"client_id":"c1","client_type":"native","authentication_protocol":"oidc"}`},
		// The engine's own operation wins; a status the operation does not document is listed.
		{Scenario: "clients/crud/get", Operation: "getClientById", Method: "GET", URL: "https://host/cis/v1/clients/c1", Status: 418},
		{Scenario: "clients/not-found/get", Method: "GET", URL: "https://host/cis/v1/clients/nope", Status: 404,
			ResponseBody: `{"message":"no"}`},
		// A cleanup exchange outside any scenario still counts.
		{Purpose: results.PurposeCleanup, Method: "DELETE", URL: "https://host/cis/v1/clients/c1", Status: 204},
		// Token requests and undocumented paths match nothing.
		{Purpose: results.PurposeToken, Method: "POST", URL: "https://host/oidc/token", Status: 200},
		{Scenario: "clients/crud/x", Method: "PATCH", URL: "https://host/cis/v1/clients/c1", Status: 405},
		// A transport error (no status) shows no operation.
		{Scenario: "clients/crud/y", Method: "GET", URL: "https://host/cis/v1/clients", Status: 0},
	}
	r, err := coverage.Compute([]string{"clients"}, transcript, "https://host/cis")
	require.NoError(t, err)
	assert.Equal(t, len(transcript), r.Exchanges)
	assert.Equal(t, 2, r.Unmatched, "token, undocumented method")

	create := find(t, r, "clients", "createClient")
	assert.True(t, create.Exercised)
	assert.True(t, status(create, 201).Exercised)
	assert.False(t, status(create, 400).Exercised)
	tests := []struct {
		in    string
		code  int
		field string
		value any
		want  bool
	}{
		{coverage.InRequest, 0, "/client_type", "native", true},
		{coverage.InRequest, 0, "/client_type", "web", false},
		{coverage.InResponse, 201, "/client_type", "native", true},
		{coverage.InResponse, 201, "/client_type", "web", false},
		{coverage.InResponse, 201, "/authentication_protocol", "oidc", true},
	}
	for _, tt := range tests {
		got, ok := value(create, tt.in, tt.code, tt.field, tt.value)
		require.True(t, ok, "spec documents %s %d %s %v", tt.in, tt.code, tt.field, tt.value)
		assert.Equal(t, tt.want, got, "%s %d %s %v", tt.in, tt.code, tt.field, tt.value)
	}

	get := find(t, r, "clients", "getClientById")
	assert.True(t, get.Exercised)
	assert.Equal(t, []int{418}, get.Undocumented)
	assert.True(t, status(get, 404).Exercised)
	assert.False(t, status(get, 200).Exercised)
	assert.True(t, status(find(t, r, "clients", "deleteClient"), 204).Exercised)
	assert.False(t, find(t, r, "clients", "getClients").Exercised)

	assert.Contains(t, r.Never.Operations, "clients getClients (GET /v1/clients)")
	assert.Contains(t, r.Never.Statuses, "clients getClientById 200")
	assert.Contains(t, r.Never.EnumValues, `clients createClient request /client_type = "web"`)
	assert.Equal(t, r.Totals.Operations.Documented, len(r.Surfaces[0].Operations))
	assert.Equal(t, 3, r.Totals.Operations.Exercised)
}

func TestComputeWithoutBaseURLMatchesPathEnds(t *testing.T) {
	// Without a base URL the longest template wins: /v1/clients/{clientId} of the
	// clients surface, never Auth0's /clients/{id}, for an exchange outside any scenario.
	transcript := []results.Entry{{Method: "GET", URL: "http://127.0.0.1:1/cis/v1/clients/c1", Status: 200}}
	r, err := coverage.Compute([]string{"clients", "auth0"}, transcript, "")
	require.NoError(t, err)
	assert.True(t, find(t, r, "clients", "getClientById").Exercised)
	assert.False(t, find(t, r, "auth0", "getClient").Exercised)
}

func TestAScenarioMayCallAnotherSurface(t *testing.T) {
	transcript := []results.Entry{{Scenario: "applications/permissions/deleted-app-token-401", Method: "GET",
		URL: "http://127.0.0.1:1/cis/v1/clients", Status: 401},
		// An undocumented method on the scenario's own path stays unmatched, never Auth0's PATCH /clients/{id}.
		{Scenario: "clients/bad-request/method-not-allowed", Method: "PATCH", URL: "http://127.0.0.1:1/cis/v1/clients/c1", Status: 405}}
	r, err := coverage.Compute([]string{"clients", "applications", "auth0"}, transcript, "http://127.0.0.1:1/cis")
	require.NoError(t, err)
	assert.Equal(t, 1, r.Unmatched)
	assert.True(t, status(find(t, r, "clients", "getClients"), 401).Exercised)
	assert.False(t, find(t, r, "auth0", "updateClient").Exercised)
}

func TestEveryDocumentedStatusAndEnumValueIsListed(t *testing.T) {
	r, err := coverage.Compute([]string{"clients", "applications", "auth0"}, nil, "")
	require.NoError(t, err)
	for _, tally := range []coverage.Tally{r.Totals.Operations, r.Totals.Statuses, r.Totals.EnumValues} {
		assert.Zero(t, tally.Exercised)
		assert.Positive(t, tally.Documented)
	}
	assert.Len(t, r.Never.Operations, r.Totals.Operations.Documented)
	assert.Len(t, r.Never.Statuses, r.Totals.Statuses.Documented)
	assert.Len(t, r.Never.EnumValues, r.Totals.EnumValues.Documented)
	_, err = coverage.Compute([]string{"nope"}, nil, "")
	assert.ErrorContains(t, err, `unknown surface "nope"`)
}

func TestWriteFileAndMarkdown(t *testing.T) {
	transcript := []results.Entry{{Scenario: "clients/crud/a", Method: "DELETE", URL: "https://h/cis/v1/clients/c1", Status: 204}}
	r, err := coverage.Compute([]string{"clients"}, transcript, "")
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, r.WriteJSON(&buf))
	var back coverage.Report
	require.NoError(t, json.Unmarshal(buf.Bytes(), &back))
	assert.True(t, back.Measured)
	assert.Equal(t, r.Totals, back.Totals)

	md := r.Markdown()
	assert.Contains(t, md, "## Spec coverage")
	assert.Contains(t, md, "| clients | 1/7 (14%) |")
	assert.Contains(t, md, "`clients deleteClient`: 400, 401")
	assert.Less(t, strings.Count(md, "\n"), 30, "the section is appended to the bounded summary")
}
