package scenario

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestJSONComparisons(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name          string
		got, want     any
		same, contain bool
	}{
		{"equal scalars", "web", "web", true, true},
		{"number kinds", float64(3600), 3600, true, true},
		{"arrays as sets", []any{"id_token", "code"}, []any{"code", "id_token"}, true, true},
		{"array length differs", []any{"code"}, []any{"code", "id_token"}, false, false},
		{"object superset contains", map[string]any{"enabled": false, "login_uri": ""}, map[string]any{"enabled": false}, false, true},
		{"object member differs", map[string]any{"enabled": true}, map[string]any{"enabled": false}, false, false},
		{"type differs", "1", 1, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.same, SameJSON(tc.got, tc.want))
			assert.Equal(t, tc.contain, ContainsJSON(tc.got, tc.want))
		})
	}
}

func TestLookup(t *testing.T) {
	t.Parallel()
	doc := map[string]any{"result": map[string]any{"a/b": []any{"x", map[string]any{"y": 1}}}}
	v, ok := Lookup(doc, "/result/a~1b/1/y")
	assert.True(t, ok)
	assert.Equal(t, 1, v)
	_, ok = Lookup(doc, "/result/missing")
	assert.False(t, ok)
	_, ok = Lookup(doc, "/result/a~1b/9")
	assert.False(t, ok)
}
