package auth0

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPaginationPartition: pages of every size partition the list exactly (no gaps, no
// overlaps), and include_totals reports start/limit/total.
func TestPaginationPartition(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	for i := range 11 {
		createClient(t, h, map[string]any{"name": fmt.Sprintf("page %02d", i)})
	}
	all := do(t, h, "GET", "/clients", tokMain, nil).arr(t)
	require.Len(t, all, 12) // with the global client
	for _, perPage := range []int{1, 3, 5, 12, 100} {
		t.Run(fmt.Sprint(perPage), func(t *testing.T) {
			var seen []any
			for page := 0; ; page++ {
				res := do(t, h, "GET", fmt.Sprintf("/clients?include_totals=true&page=%d&per_page=%d", page, perPage), tokMain, nil)
				require.Equal(t, 200, res.status)
				body := res.obj(t)
				assert.EqualValues(t, page*perPage, body["start"])
				assert.EqualValues(t, perPage, body["limit"])
				assert.EqualValues(t, 12, body["total"])
				clients := body["clients"].([]any)
				if len(clients) == 0 {
					break
				}
				seen = append(seen, clients...)
			}
			assert.Equal(t, all, seen)
		})
	}
	assert.Empty(t, do(t, h, "GET", "/clients?per_page=0", tokMain, nil).arr(t))
	assert.Len(t, do(t, h, "GET", "/clients?page=0", tokMain, nil).arr(t), 12)
}

func TestListDefaultsTo50(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	for i := range 55 {
		createClient(t, h, map[string]any{"name": fmt.Sprint("n", i)})
	}
	assert.Len(t, do(t, h, "GET", "/clients", tokMain, nil).arr(t), 50)
	body := do(t, h, "GET", "/clients?include_totals=true&page=1", tokMain, nil).obj(t)
	assert.Len(t, body["clients"], 6)
	assert.EqualValues(t, 56, body["total"])
}

func TestListQueryErrors(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	for _, q := range []string{
		"per_page=101", "per_page=-1", "per_page=x", "page=-1", "page=1.5", "include_totals=yes",
		"is_global=1", "is_first_party=maybe", "app_type=spa,desktop", "fields=client_id,colour", "include_fields=no",
	} {
		t.Run(q, func(t *testing.T) {
			t.Parallel()
			requireError(t, do(t, h, "GET", "/clients?"+q, tokMain, nil), http.StatusBadRequest, "invalid_query_string")
		})
	}
	requireError(t, do(t, h, "GET", "/clients/x?fields=colour", tokMain, nil), http.StatusBadRequest, "invalid_query_string")
}

func TestListFilters(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	spa := createClient(t, h, map[string]any{"app_type": "spa"})
	native := createClient(t, h, map[string]any{"app_type": "native"})
	third := createClient(t, h, map[string]any{"app_type": "regular_web", "is_first_party": false})
	ids := func(q string) []any {
		var out []any
		for _, c := range do(t, h, "GET", "/clients?"+q, tokMain, nil).arr(t) {
			out = append(out, c.(map[string]any)["client_id"])
		}
		return out
	}
	assert.Equal(t, []any{spa["client_id"], native["client_id"]}, ids("app_type=spa,native"))
	assert.Equal(t, []any{third["client_id"]}, ids("is_first_party=false"))
	assert.Len(t, ids("is_first_party=true"), 3) // global, spa, native
	assert.Len(t, ids("is_global=false"), 3)
	assert.Len(t, ids("is_global=true"), 1)
	assert.Equal(t, []any{native["client_id"]}, ids("app_type=native&is_first_party=true&is_global=false"))
}

func TestFieldFiltering(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t)
	c := createClient(t, h, map[string]any{"description": "d"})
	path := "/clients/" + c["client_id"].(string)
	cases := []struct {
		query string
		want  func(t *testing.T, got map[string]any)
	}{
		{"fields=client_id,name&include_fields=true", func(t *testing.T, got map[string]any) {
			// tenant comes with every include selection, as live Auth0 answers it
			assert.Equal(t, map[string]any{"client_id": c["client_id"], "name": c["name"], "tenant": "tnt-test"}, got)
		}},
		{"fields=client_id,name", func(t *testing.T, got map[string]any) { // include_fields defaults to true
			assert.Len(t, got, 3)
		}},
		{"fields=description,client_secret&include_fields=false", func(t *testing.T, got map[string]any) {
			assert.NotContains(t, got, "description")
			assert.NotContains(t, got, "client_secret")
			assert.Contains(t, got, "grant_types")
		}},
		{"fields=jwt_configuration.alg,jwt_configuration.lifetime_in_seconds", func(t *testing.T, got map[string]any) {
			assert.Equal(t, map[string]any{"jwt_configuration": map[string]any{"lifetime_in_seconds": 36000.0}, "tenant": "tnt-test"}, got)
		}},
		{"fields=jwt_configuration.secret_encoded&include_fields=false", func(t *testing.T, got map[string]any) {
			assert.Equal(t, map[string]any{"lifetime_in_seconds": 36000.0}, got["jwt_configuration"])
		}},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			tc.want(t, do(t, h, "GET", path+"?"+tc.query, tokMain, nil).obj(t))
		})
	}
	// On the list too, and out-of-tier fields stay hidden even when asked for.
	for _, x := range do(t, h, "GET", "/clients?fields=client_id,client_secret", tokReadonly, nil).arr(t) {
		got := x.(map[string]any)
		assert.Contains(t, got, "client_id")
		assert.Len(t, got, 2) // client_id and tenant
	}
}
