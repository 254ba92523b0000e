package engine

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/h2non/gock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// These engine tests fake the target with gock: no network, exact control of each answer.
// gock is global state, so none of them runs in parallel.

const fakeBase = "https://api.conformance.test/cis"

func fakeTarget(t *testing.T) (Target, *Suite) {
	t.Helper()
	t.Cleanup(gock.OffAll)
	client := &http.Client{Transport: &http.Transport{}}
	gock.InterceptClient(client)
	su, err := clientsSuite(t)
	require.NoError(t, err)
	return Target{
		Name:     "gock",
		BaseURLs: map[string]string{"clients": fakeBase},
		Tokens:   map[scenario.Role]string{scenario.Main: "tok-main-123456"},
		Client:   client,
		// gock answers only the scripted requests; the messages name variables.
		ReachOnly: true, FromEnv: true,
	}, su
}

func collectOne(t *testing.T, su *Suite, target Target, id string) Result {
	t.Helper()
	results, err := su.Collect(context.Background(), target, func(sc scenario.Scenario) bool { return sc.ID == id })
	require.NoError(t, err)
	require.Len(t, results, 1)
	return results[0]
}

func TestExchangeReportsSchemaViolationWithMaskedSecrets(t *testing.T) {
	target, su := fakeTarget(t)
	gock.New(fakeBase).Get("^/cis/v1/clients$").Reply(200).JSON([]any{})
	gock.New(fakeBase).Post("^/cis/v1/clients$").
		MatchHeader("Authorization", "^Bearer tok-main-123456$").
		Reply(201).JSON(map[string]any{"name": "x", "client_secret": "leaked-secret-987"})

	res := collectOne(t, su, target, "clients/crud/create-generated-fields")
	assert.Equal(t, Failed, res.Outcome)
	all := strings.Join(res.Messages, "\n")
	assert.Contains(t, all, "spec/response-schema")
	assert.Contains(t, all, "POST "+fakeBase+"/v1/clients (as main) → 201")
	assert.Contains(t, all, "expected:")
	assert.NotContains(t, all, "leaked-secret-987", "client secrets must be masked")
	assert.NotContains(t, all, "tok-main-123456", "tokens must be masked")
}

func TestExchangeStatusMismatchNamesRuleAndBothSides(t *testing.T) {
	target, su := fakeTarget(t)
	gock.New(fakeBase).Get("^/cis/v1/clients$").Reply(200).JSON([]any{})
	gock.New(fakeBase).Get("^/cis/v1/clients/ccs-no-such-client-0000$").Reply(200).JSON(map[string]any{})

	res := collectOne(t, su, target, "clients/not-found/get-unknown-id")
	assert.Equal(t, Failed, res.Outcome)
	all := strings.Join(res.Messages, "\n")
	assert.Contains(t, all, "rule:     clients/not-found/get-unknown-id: status")
	assert.Contains(t, all, "expected: status 404")
	assert.Contains(t, all, "actual:   status 200")
}

func TestTransportFailureIsASuiteError(t *testing.T) {
	target, su := fakeTarget(t)
	gock.New(fakeBase).Get("^/cis/v1/clients$").Reply(200).JSON([]any{})
	// No mock for the scenario's request: gock answers with a transport error.
	res := collectOne(t, su, target, "clients/not-found/get-unknown-id")
	assert.Equal(t, Errored, res.Outcome)
	assert.Contains(t, strings.Join(res.Messages, "\n"), scenario.SuiteErrorPrefix)
}

func TestUnreachableTargetStopsBeforeAnyScenario(t *testing.T) {
	target, su := fakeTarget(t)
	// No mock at all: the preflight request fails.
	_, err := su.Collect(context.Background(), target, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "target unreachable")
}

func TestRejectedMainTokenStopsTheRun(t *testing.T) {
	target, su := fakeTarget(t)
	gock.New(fakeBase).Get("^/cis/v1/clients$").Reply(401).JSON(map[string]any{"message": "expired", "error_code": 401})
	_, err := su.Collect(context.Background(), target, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "CONFORMANCE_TOKEN")
	assert.NotContains(t, err.Error(), "tok-main-123456")
}

func TestMissingRoleSkipsWithTheVariable(t *testing.T) {
	target, su := fakeTarget(t)
	gock.New(fakeBase).Get("^/cis/v1/clients$").Reply(200).JSON([]any{})
	res := collectOne(t, su, target, "clients/permissions/other-app-client-not-listed")
	assert.Equal(t, Skipped, res.Outcome)
	assert.Contains(t, strings.Join(res.Messages, "\n"), "CONFORMANCE_OTHER_APP_TOKEN")
}

func TestDestructiveSkippedUnlessAllowed(t *testing.T) {
	target, su := fakeTarget(t)
	target.Tokens[scenario.Other] = "tok-other-123456"
	gock.New(fakeBase).Get("^/cis/v1/clients$").Reply(200).JSON([]any{})
	res := collectOne(t, su, target, "clients/crud/collection-delete")
	assert.Equal(t, Skipped, res.Outcome)
	assert.Contains(t, strings.Join(res.Messages, "\n"), "CONFORMANCE_ALLOW_DESTRUCTIVE=1")
	assert.False(t, gock.HasUnmatchedRequest(), "a skipped destructive scenario sends nothing")
}
