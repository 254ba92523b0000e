package auth0

import (
	"maps"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var faultCategories = []string{"crud", "defaults", "enums", "bad-request", "not-found", "conflict", "permissions", "schema", "pagination"}

func TestFaultCatalogue(t *testing.T) {
	t.Parallel()
	name := regexp.MustCompile(`^auth0/([a-z-]+)/[a-z0-9]+(?:-[a-z0-9]+)*$`)
	seen := map[string]bool{}
	perCategory := map[string]int{}
	for _, f := range Faults() {
		assert.False(t, seen[f.Name], "duplicate %s", f.Name)
		seen[f.Name] = true
		m := name.FindStringSubmatch(f.Name)
		require.NotNil(t, m, f.Name)
		assert.Equal(t, m[1], f.Category, f.Name)
		assert.Contains(t, faultCategories, f.Category, f.Name)
		assert.Equal(t, "auth0", f.Surface, f.Name)
		assert.NotEmpty(t, f.Description, f.Name)
		perCategory[f.Category]++
	}
	assert.GreaterOrEqual(t, len(seen), 15)
	for _, c := range faultCategories {
		assert.Positive(t, perCategory[c], "no fault in category %s", c)
	}
}

// faultProbes report whether the rule a fault breaks is broken on h. Each must be false on a
// conforming server and true with its fault on: that proves the switch is wired and bites.
var faultProbes = map[string]func(t *testing.T, h http.Handler) bool{
	faultCreateReturns200: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "POST", "/clients", tokMain, map[string]any{"name": "n"}).status == 200
	},
	faultRotateSameSecret: func(t *testing.T, h http.Handler) bool {
		c := createClient(t, h, map[string]any{})
		r := do(t, h, "POST", "/clients/"+c["client_id"].(string)+"/rotate-secret", tokMain, nil).obj(t)
		return r["client_secret"] == c["client_secret"]
	},
	faultDeleteNotIdempotent: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "DELETE", "/clients/gone", tokMain, nil).status == 404
	},
	faultPatchPartialBody: func(t *testing.T, h http.Handler) bool {
		c := createClient(t, h, map[string]any{})
		r := do(t, h, "PATCH", "/clients/"+c["client_id"].(string), tokMain, map[string]any{"description": "x"}).obj(t)
		return r["name"] == nil
	},
	faultGlobalDeletable: func(t *testing.T, h http.Handler) bool {
		g := do(t, h, "GET", "/clients?is_global=true", tokMain, nil).arr(t)[0].(map[string]any)
		return do(t, h, "DELETE", "/clients/"+g["client_id"].(string), tokMain, nil).status == 204
	},
	faultCredentialPatchNoop: func(t *testing.T, h http.Handler) bool {
		base, id := newCredential(t, h)
		r := do(t, h, "PATCH", base+"/"+id, tokMain, map[string]any{"expires_at": "2030-01-01T00:00:00Z"}).obj(t)
		return r["expires_at"] == nil
	},
	faultCredentialDeleteMiss: func(t *testing.T, h http.Handler) bool {
		base, _ := newCredential(t, h)
		return do(t, h, "DELETE", base+"/cred_gone", tokMain, nil).status == 404
	},
	faultDefaultThirdParty: func(t *testing.T, h http.Handler) bool {
		return createClient(t, h, map[string]any{})["is_first_party"] != true
	},
	faultDefaultGrantTypes: func(t *testing.T, h http.Handler) bool {
		return len(createClient(t, h, map[string]any{})["grant_types"].([]any)) != 4
	},
	faultDefaultSecretEncoded: func(t *testing.T, h http.Handler) bool {
		return createClient(t, h, map[string]any{})["jwt_configuration"].(map[string]any)["secret_encoded"] != false
	},
	faultDefaultRotatingTokens: func(t *testing.T, h http.Handler) bool {
		return createClient(t, h, map[string]any{})["refresh_token"].(map[string]any)["rotation_type"] != "non-rotating"
	},
	faultAppTypeUnchecked:       createAccepted(map[string]any{"app_type": "desktop"}),
	faultAuthMethodExtraValue:   createAccepted(map[string]any{"token_endpoint_auth_method": "private_key_jwt"}),
	faultUnknownKeyAccepted:     createAccepted(map[string]any{"colour": "blue"}),
	faultDescriptionUnlimited:   createAccepted(map[string]any{"description": strings.Repeat("d", 141)}),
	faultNameAngleBrackets:      createAccepted(map[string]any{"name": "<b>bold</b>"}),
	faultNameOptional:           createAccepted(map[string]any{"name": nil}),
	faultBooleanStringCoerced:   createAccepted(map[string]any{"is_first_party": "true"}),
	faultThirdPartyOrgsAccepted: createAccepted(map[string]any{"is_first_party": false, "organization_usage": "allow"}),
	faultAuthMethodsExclusivity: createAccepted(map[string]any{"token_endpoint_auth_method": "client_secret_post",
		"client_authentication_methods": map[string]any{"private_key_jwt": map[string]any{"credentials": []any{
			map[string]any{"credential_type": "public_key", "pem": testPEM}}}}}),
	faultCredentialTypeLenient: func(t *testing.T, h http.Handler) bool {
		base, _ := newCredential(t, h)
		return do(t, h, "POST", base, tokMain, map[string]any{"credential_type": "password", "pem": testPEM}).status == 201
	},
	faultCredentialPemOptional: func(t *testing.T, h http.Handler) bool {
		base, _ := newCredential(t, h)
		return do(t, h, "POST", base, tokMain, map[string]any{"credential_type": "public_key"}).status == 201
	},
	faultNotFoundCode: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "GET", "/clients/nope", tokMain, nil).obj(t)["errorCode"] != "inexistent_client"
	},
	faultDeletedStillReadable: func(t *testing.T, h http.Handler) bool {
		path := "/clients/" + createClient(t, h, map[string]any{})["client_id"].(string)
		do(t, h, "DELETE", path, tokMain, nil)
		return do(t, h, "GET", path, tokMain, nil).status == 200
	},
	faultCredentialsOfUnknown: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "GET", "/clients/nope/credentials", tokMain, nil).status == 200
	},
	faultUnknownCredentialNull: func(t *testing.T, h http.Handler) bool {
		base, _ := newCredential(t, h)
		return do(t, h, "GET", base+"/cred_gone", tokMain, nil).status == 200
	},
	faultAliasOverlapAllowed: func(t *testing.T, h http.Handler) bool {
		createClient(t, h, map[string]any{"client_aliases": []any{"urn:x"}})
		return do(t, h, "POST", "/clients", tokMain, map[string]any{"name": "b", "client_aliases": []any{"urn:x"}}).status == 201
	},
	faultDeletedAliasesTaken: func(t *testing.T, h http.Handler) bool {
		c := createClient(t, h, map[string]any{"client_aliases": []any{"urn:y"}})
		do(t, h, "DELETE", "/clients/"+c["client_id"].(string), tokMain, nil)
		return do(t, h, "POST", "/clients", tokMain, map[string]any{"name": "b", "client_aliases": []any{"urn:y"}}).status == 409
	},
	faultMissingToken403: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "GET", "/clients", "", nil).status == 403
	},
	faultReadScopeCannotList: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "GET", "/clients", tokReadonly, nil).status == 403
	},
	faultReadScopeCanCreate: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "POST", "/clients", tokReadonly, map[string]any{"name": "n"}).status == 201
	},
	faultReadScopeSeesSecrets: func(t *testing.T, h http.Handler) bool {
		c := createClient(t, h, map[string]any{})
		return do(t, h, "GET", "/clients/"+c["client_id"].(string), tokReadonly, nil).obj(t)["client_secret"] != nil
	},
	faultNoInsufficientScope: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "GET", "/clients", tokNoperm, nil).obj(t)["errorCode"] != "insufficient_scope"
	},
	faultValidationBeforeScope: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "POST", "/clients", tokReadonly, map[string]any{"name": "n", "colour": "x"}).status == 400
	},
	faultSecretWriteWithoutKeys: func(t *testing.T, h http.Handler) bool {
		path := "/clients/" + createClient(t, h, map[string]any{})["client_id"].(string)
		return do(t, h, "PATCH", path, tokNoKeys, map[string]any{"client_secret": "probe-secret-value"}).status == 200
	},
	faultAuthMethodsCreateUnscoped: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "POST", "/clients", tokNoKeys, map[string]any{"name": "n", "jwt_configuration": map[string]any{"alg": "RS256"},
			"client_authentication_methods": map[string]any{"private_key_jwt": map[string]any{"credentials": []any{
				map[string]any{"credential_type": "public_key", "pem": testPEM}}}}}).status == 201
	},
	faultAuthMethodsPatchUnscoped: func(t *testing.T, h http.Handler) bool {
		path := "/clients/" + createClient(t, h, map[string]any{})["client_id"].(string)
		return do(t, h, "PATCH", path, tokNoKeys, map[string]any{"client_authentication_methods": nil}).status == 200
	},
	faultRotateWithUpdateClients: func(t *testing.T, h http.Handler) bool {
		path := "/clients/" + createClient(t, h, map[string]any{})["client_id"].(string) + "/rotate-secret"
		return do(t, h, "POST", path, tokNoKeys, nil).status == 200
	},
	faultSummaryCannotRead: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "GET", "/clients", tokSummary, nil).status == 403
	},
	faultClientKeysHidesSecret: func(t *testing.T, h http.Handler) bool {
		path := "/clients/" + createClient(t, h, map[string]any{})["client_id"].(string)
		return do(t, h, "GET", path, tokKeysRead, nil).obj(t)["client_secret"] == nil
	},
	faultErrorStatusMismatch: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "GET", "/clients/nope", tokMain, nil).obj(t)["statusCode"] != 404.0
	},
	faultErrorReasonPhrase: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "GET", "/clients/nope", tokMain, nil).obj(t)["error"] != "Not Found"
	},
	faultErrorPlainText: func(t *testing.T, h http.Handler) bool {
		return !strings.HasPrefix(do(t, h, "GET", "/clients/nope", tokMain, nil).header.Get("Content-Type"), "application/json")
	},
	faultListWrapped: func(t *testing.T, h http.Handler) bool {
		_, isArray := do(t, h, "GET", "/clients", tokMain, nil).body.([]any)
		return !isArray
	},
	faultCredentialTimestamp: func(t *testing.T, h http.Handler) bool {
		base, id := newCredential(t, h)
		_, err := time.Parse(time.RFC3339, do(t, h, "GET", base+"/"+id, tokMain, nil).obj(t)["created_at"].(string))
		return err != nil
	},
	faultPerPageClamped: func(t *testing.T, h http.Handler) bool {
		return do(t, h, "GET", "/clients?per_page=101", tokMain, nil).status == 200
	},
	faultPagesOverlap: func(t *testing.T, h http.Handler) bool {
		createClient(t, h, map[string]any{})
		p0 := do(t, h, "GET", "/clients?page=0&per_page=1", tokMain, nil).arr(t)
		p1 := do(t, h, "GET", "/clients?page=1&per_page=1", tokMain, nil).arr(t)
		return assert.ObjectsAreEqual(p0, p1)
	},
	faultTotalIsPageLength: func(t *testing.T, h http.Handler) bool {
		createClient(t, h, map[string]any{})
		return do(t, h, "GET", "/clients?include_totals=true&per_page=1", tokMain, nil).obj(t)["total"] != 2.0
	},
	faultFieldsIgnored: func(t *testing.T, h http.Handler) bool {
		return len(do(t, h, "GET", "/clients?fields=client_id", tokMain, nil).arr(t)[0].(map[string]any)) != 2 // client_id and tenant
	},
	faultAppTypeFilter: func(t *testing.T, h http.Handler) bool {
		createClient(t, h, map[string]any{"app_type": "spa"})
		return len(do(t, h, "GET", "/clients?app_type=native", tokMain, nil).arr(t)) != 0
	},
}

// createAccepted probes a create rule: a body (merged into {"name": …}; a nil value deletes the
// key) that a conforming server rejects.
func createAccepted(extra map[string]any) func(t *testing.T, h http.Handler) bool {
	return func(t *testing.T, h http.Handler) bool {
		body := map[string]any{"name": "probe"}
		for k, v := range extra {
			if v == nil {
				delete(body, k)
			} else {
				body[k] = v
			}
		}
		return do(t, h, "POST", "/clients", tokMain, body).status == 201
	}
}

// newCredential creates a client with one credential; returns the credentials path and its id.
func newCredential(t *testing.T, h http.Handler) (base, id string) {
	t.Helper()
	base = "/clients/" + createClient(t, h, map[string]any{})["client_id"].(string) + "/credentials"
	res := do(t, h, "POST", base, tokMain, map[string]any{"credential_type": "public_key", "pem": testPEM})
	require.Equal(t, 201, res.status, string(res.raw))
	return base, res.obj(t)["id"].(string)
}

// TestFaultsBite: every fault has a probe, the probe passes on a conforming server and fails
// with the fault on.
func TestFaultsBite(t *testing.T) {
	t.Parallel()
	probes := issue12Probes()
	maps.Copy(probes, faultProbes)
	for _, f := range Faults() {
		probe, ok := probes[f.Name]
		if !assert.True(t, ok, "no probe for %s", f.Name) {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			t.Parallel()
			assert.False(t, probe(t, newTestHandler(t)), "rule broken without the fault")
			assert.True(t, probe(t, newTestHandler(t, f.Name)), "fault does not break its rule")
		})
	}
	assert.Len(t, probes, len(Faults()))
}
