package conformance

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

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

// documentedAsRequired reports whether the spec requires pointer in this response (inside
// any envelope, in the union branch the body's discriminator picks). Without a known
// operation it answers true, the strict reading.
func (r *Response) documentedAsRequired(pointer string) bool {
	if r.Op == nil {
		return true
	}
	sch := successSchema(r.Op, r.Status)
	if sch == nil {
		return true
	}
	if d := sch.Discriminator; d != nil {
		if v, ok := r.Field("/" + d.PropertyName); ok {
			ref := d.Mapping[fmt.Sprint(v)]
			for _, b := range sch.OneOf {
				if b.Ref == ref.Ref && b.Value != nil {
					sch = b.Value
				}
			}
		}
	}
	return requiredAt(sch, pointer)
}

// successSchema is the body schema of an operation's response for status, inside any envelope.
func successSchema(op *contract.Op, status int) *openapi3.Schema {
	ref := op.Operation.Responses.Status(status)
	if ref == nil || ref.Value == nil {
		return nil
	}
	mt := ref.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return nil
	}
	sch := mt.Schema.Value
	if key := envelopeKey(op, status); key != "" && sch.Properties[key] != nil {
		sch = sch.Properties[key].Value
	}
	return sch
}
