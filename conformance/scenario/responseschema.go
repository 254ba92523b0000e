package scenario

import (
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clientconf/clientconf/conformance/contract"
)

// What the spec says about a response body, as the checks on top of the schema need it.

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
func (r *Response) DocumentedAsRequired(pointer string) bool {
	if r.Op == nil {
		return true
	}
	sch := successSchema(r.Op, r.Status)
	if sch == nil {
		return true
	}
	if d := sch.Discriminator; d != nil {
		if v, ok := r.Field("/" + d.PropertyName); ok {
			sch = discriminated(sch, v)
		}
	}
	return requiredAt(sch, pointer)
}

// discriminated is the branch of a oneOf whose discriminator property holds value; the union
// itself when no branch maps to it.
func discriminated(union *openapi3.Schema, value any) *openapi3.Schema {
	ref := union.Discriminator.Mapping[fmt.Sprint(value)]
	for _, b := range union.OneOf {
		if b.Ref == ref.Ref && b.Value != nil {
			return b.Value
		}
	}
	return union
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
