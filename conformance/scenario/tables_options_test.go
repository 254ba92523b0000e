package scenario

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/clientconf/clientconf/conformance/contract"
)

// These tests use the auth0 spec only as a document with many enums and read operations; the
// options they check are surface-neutral.

func TestCreateTableEnumsLimitsEnumScenarios(t *testing.T) {
	sp, err := contract.Load("auth0")
	require.NoError(t, err)
	table := CreateTable{Surface: "x", OpID: "createClient", Variants: []Variant{{Label: "client", Schema: "ClientCreate"}}}

	enumIDs := func(ct CreateTable) []string {
		var ids []string
		for _, sc := range ct.Scenarios(sp) {
			if sc.Category() == "enums" {
				ids = append(ids, sc.ID)
			}
		}
		return ids
	}
	all := enumIDs(table)
	assert.Contains(t, all, "x/enums/client/grant_types/all-values", "without enums every request enum is derived")

	table.Enums = []string{"app_type", "jwt_configuration.alg"}
	limited := enumIDs(table)
	appTypes := len(sp.Doc.Components.Schemas["AppType"].Value.Enum)
	algs := len(sp.Doc.Components.Schemas["SigningAlgorithm"].Value.Enum)
	assert.Len(t, limited, appTypes+1+algs+1, "each value of the listed enums plus one invalid value each")
	for _, id := range limited {
		assert.True(t, strings.HasPrefix(id, "x/enums/client/app_type/") || strings.HasPrefix(id, "x/enums/client/jwt_configuration.alg/"), id)
	}
	var others int
	for _, sc := range table.Scenarios(sp) {
		if sc.Category() != "enums" {
			others++
		}
	}
	assert.Positive(t, others, "the required, type and default tables are not limited")
}

func TestPermTableReadOnlyDenied(t *testing.T) {
	sp, err := contract.Load("auth0")
	require.NoError(t, err)
	table := PermTable{Surface: "x", ReadOnlyDenied: map[string]bool{"getCredential": true}}
	req := map[string]string{}
	for _, sc := range table.Scenarios(sp) {
		req[sc.ID] = sc.Requirement
	}
	assert.Contains(t, req["x/permissions/read-only/getCredential"], "gives 403", "a denied read expects 403")
	assert.Contains(t, req["x/permissions/read-only/getClient"], "succeeds", "other reads still expect success")
	assert.Contains(t, req["x/permissions/read-only/createClient"], "gives 403", "writes still expect 403")
}
