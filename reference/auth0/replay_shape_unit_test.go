package auth0

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShapeDiff(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		rec, ours string
		reencoded bool
		want      []string
	}{
		{"same shape, other values", `{"a":"x","b":1,"c":[{"d":true}]}`, `{"a":"y","b":2,"c":[{"d":false}]}`, false, nil},
		{"missing key", `{"a":"x"}`, `{}`, false, []string{"/a: recorded, missing"}},
		{"extra key in Auth0's own bytes", `{}`, `{"a":"x"}`, false, []string{"/a: not recorded, sent"}},
		{"extra key in a re-encoded body is no evidence", `{}`, `{"a":"x"}`, true, nil},
		{"null and absent are both unset", `{"a":null}`, `{"b":null}`, false, nil},
		{"wrong type", `{"a":"x"}`, `{"a":1}`, false, []string{"/a: string recorded, got number"}},
		{"nested", `{"a":{"b":[1]}}`, `{"a":{"b":{}}}`, false, []string{"/a/b: array recorded, got object"}},
		{"recorder-injected keys", `{"client_secret":"[REDACTED]","signing_keys":[{"cert":"x"}],"next":"","length":0}`, `{}`, true, nil},
		{"injected keys count in Auth0's own bytes", `{"next":""}`, `{}`, false, []string{"/next: recorded, missing"}},
		{"legacy SDK alias", `{"cross_origin_auth":false}`, `{"cross_origin_authentication":false}`, true, nil},
		{"arrays item by item", `[{"a":1},{"b":1}]`, `[{"a":1}]`, false, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var rec, ours any
			require.NoError(t, json.Unmarshal([]byte(tc.rec), &rec))
			require.NoError(t, json.Unmarshal([]byte(tc.ours), &ours))
			assert.Equal(t, tc.want, shapeDiff(rec, ours, "", shapeRules{reencoded: tc.reencoded}))
		})
	}
}

func TestPairPage(t *testing.T) {
	t.Parallel()
	var rec, ours any
	require.NoError(t, json.Unmarshal([]byte(`{"total":3,"clients":[{"client_id":"r1"},{"client_id":"r2"},{"client_id":"other"}]}`), &rec))
	require.NoError(t, json.Unmarshal([]byte(`{"total":2,"clients":[{"client_id":"o2","name":"b"},{"client_id":"o1","name":"a"}]}`), &ours))
	pr, po := pairPage(rec, ours, map[string]string{"r1": "o1", "r2": "o2"})
	assert.Equal(t, []any{map[string]any{"client_id": "r1"}, map[string]any{"client_id": "r2"}}, pr.(map[string]any)["clients"])
	assert.Equal(t, []any{map[string]any{"client_id": "o1", "name": "a"}, map[string]any{"client_id": "o2", "name": "b"}}, po.(map[string]any)["clients"])
	assert.EqualValues(t, 3, pr.(map[string]any)["total"])
}
