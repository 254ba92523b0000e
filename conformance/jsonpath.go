package conformance

import (
	"strconv"
	"strings"

	"github.com/clientconf/clientconf/conformance/contract"
)

// lookup reads a JSON pointer (RFC 6901) in a decoded JSON value.
func lookup(v any, pointer string) (any, bool) {
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

// envelopeKey returns the wrapping property of an operation's success body, read from the
// spec: a response object with one required property and nothing else (e.g. "result").
func envelopeKey(op *contract.Op, status int) string {
	ref := op.Operation.Responses.Status(status)
	if ref == nil || ref.Value == nil {
		return ""
	}
	mt := ref.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return ""
	}
	sch := mt.Schema.Value
	if len(sch.Properties) == 1 && len(sch.Required) == 1 {
		if _, ok := sch.Properties[sch.Required[0]]; ok {
			return sch.Required[0]
		}
	}
	return ""
}
