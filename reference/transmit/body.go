package transmit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clientconf/clientconf/reference/specdoc"
)

// maxBody bounds request bodies; no valid Transmit body comes near it.
const maxBody = 1 << 20

// The request body variants the server picks itself, by the protocol of the client: component
// schemas of both specs.
var (
	createSchema = map[string]string{"oidc": "OidcClientCreate", "saml": "SamlClientCreate"}
	updateSchema = map[string]string{"oidc": "OidcClientUpdate", "saml": "SamlClientUpdate"}
)

// parseObject decodes data as exactly one JSON object, numbers kept as json.Number so that they
// are echoed exactly as sent.
func (s *server) parseObject(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	if err == nil {
		if dec.Decode(new(any)) != io.EOF {
			err = errors.New("data after the JSON value")
		}
	}
	if err != nil {
		if s.faults.On(fClientsMalformedJSON500) {
			return nil, fmt.Errorf("decode request body: %w", err) // not an apiError: renders as 500
		}
		return nil, badRequest("request body is not valid JSON: %v", err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, badRequest("request body must be a JSON object")
	}
	return m, nil
}

// checkBody validates body against the request schema of the operation, or of the named
// variant, and returns its known members only: members the schema does not declare are
// ignored, neither rejected nor stored.
func (s *server) checkBody(rq *request, variant string, body map[string]any) (map[string]any, error) {
	schema := rq.route.BodySchema()
	if variant != "" {
		schema = rq.route.Doc.Schema(variant)
	}
	if s.faults.On(fClientsWrongTypeCoerced) {
		specdoc.Rewrite(schema, body, coerce)
	}
	var err error
	if variant != "" {
		err = rq.route.Doc.ValidateBodyAs(variant, body)
	} else {
		err = rq.route.ValidateBody(body)
	}
	var p *specdoc.Problem
	switch {
	case errors.As(err, &p):
		return nil, badRequest("%s", p.Error())
	case err != nil:
		return nil, err // the spec or the server is broken: a 500
	}
	return specdoc.Known(schema, body).(map[string]any), nil
}

// coerce is the lenient, JavaScript-style conversion of the wrong-type-coerced fault.
func coerce(schema *openapi3.Schema, v any) any {
	if schema == nil || schema.Type == nil {
		return v
	}
	switch x := v.(type) {
	case json.Number:
		if schema.Type.Is(openapi3.TypeString) {
			return x.String()
		}
	case bool:
		if schema.Type.Is(openapi3.TypeString) {
			return strconv.FormatBool(x)
		}
	case string:
		switch {
		case schema.Type.Is(openapi3.TypeBoolean):
			if b, err := strconv.ParseBool(x); err == nil {
				return b
			}
		case schema.Type.Is(openapi3.TypeNumber):
			if _, err := strconv.ParseFloat(x, 64); err == nil && json.Valid([]byte(x)) {
				return json.Number(x)
			}
		case schema.Type.Is(openapi3.TypeArray):
			return []any{x}
		}
	}
	return v
}

// deepCopy copies decoded JSON so that callers never share maps or slices with the store.
func deepCopy[T any](v T) T {
	return any(copyValue(v)).(T)
}

func copyValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = copyValue(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = copyValue(e)
		}
		return l
	}
	return v
}
