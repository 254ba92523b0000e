package scenario

import (
	"strconv"
	"strings"
)

// lookup reads a JSON pointer (RFC 6901) in a decoded JSON value. Hand-written on purpose:
// it only ever walks encoding/json's map[string]any / []any, and reads "/" as the root as the
// scenario tables write it; go-openapi/jsonpointer would add reflection for no gain.
func Lookup(v any, pointer string) (any, bool) {
	if pointer == "" || pointer == "/" {
		return v, true
	}
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch t := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = t[tok]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(t) {
				return nil, false
			}
			v = t[i]
		default:
			return nil, false
		}
	}
	return v, true
}
