package specdoc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Problem is a request that breaks the spec: where and why, never the value sent (it may be a
// secret).
type Problem struct {
	In     string // "body" or "query"
	Field  string // dotted path of the body member ("redirect_uris.0"), or the parameter name
	Reason string // kin-openapi's reason, e.g. "value is not one of the allowed values [...]"
}

func (p *Problem) Error() string {
	if p.Field == "" {
		return p.Reason
	}
	return p.Field + ": " + p.Reason
}

// options are the validation options of every request: no defaults written into the body (the
// servers fill the defaults the contract asserts themselves) and `uri` checked, as the suite's
// engine checks it.
var options = &openapi3filter.Options{
	SkipSettingDefaults: true,
	AuthenticationFunc:  openapi3filter.NoopAuthenticationFunc,
	SchemaValidationOptions: []openapi3.SchemaValidationOption{
		openapi3.DisableSchemaErrorDetails(),
		openapi3.WithStringFormatValidator("uri", openapi3.NewCallbackValidator(checkAbsoluteURI)),
	},
}

// checkAbsoluteURI implements format "uri": it parses and has a scheme. Custom schemes of native
// apps ("com.example.app:/cb") are absolute URIs too.
func checkAbsoluteURI(s string) error {
	if u, err := url.Parse(s); err != nil || u.Scheme == "" {
		return errors.New("not an absolute URI with a scheme")
	}
	return nil
}

// ValidateBody checks a decoded JSON body against the request body of the route's operation.
func (rt *Route) ValidateBody(ctx context.Context, body any) error {
	if rt.Op.RequestBody == nil || rt.Op.RequestBody.Value == nil {
		return nil
	}
	return validateBody(ctx, rt.route, rt.Op.RequestBody.Value, body)
}

// BodySchema is the schema of the route's JSON request body, or nil.
func (rt *Route) BodySchema() *openapi3.Schema {
	if rt.Op.RequestBody == nil || rt.Op.RequestBody.Value == nil {
		return nil
	}
	mt := rt.Op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// ValidateBodyAs checks a decoded JSON body against a named component schema: a variant the
// server picks itself (the update schema of a stored client's protocol).
func (d *Doc) ValidateBodyAs(ctx context.Context, schema string, body any) error {
	s := d.Schema(schema)
	if s == nil {
		return fmt.Errorf("no component schema %s", schema)
	}
	rb := openapi3.NewRequestBody().WithRequired(true).WithJSONSchema(s)
	return validateBody(ctx, nil, rb, body)
}

func validateBody(ctx context.Context, route *routers.Route, rb *openapi3.RequestBody, body any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode body for validation: %w", err)
	}
	req := &http.Request{
		Method: http.MethodPost,
		Header: http.Header{"Content-Type": {"application/json"}},
		Body:   io.NopCloser(bytes.NewReader(data)),
	}
	in := &openapi3filter.RequestValidationInput{Request: req, Route: route, Options: options}
	return problem("body", openapi3filter.ValidateRequestBody(ctx, in, rb))
}

// ValidateQuery checks the query parameters of r against the route's operation.
func (rt *Route) ValidateQuery(ctx context.Context, r *http.Request) error {
	in := &openapi3filter.RequestValidationInput{
		Request: r, Route: rt.route, QueryParams: r.URL.Query(), Options: options,
	}
	for _, ref := range rt.Op.Parameters {
		if p := ref.Value; p != nil && p.In == openapi3.ParameterInQuery {
			if err := openapi3filter.ValidateParameter(ctx, in, p); err != nil {
				return problem("query", err)
			}
		}
	}
	return nil
}

// problem turns kin-openapi's error into a *Problem; nil stays nil.
func problem(in string, err error) error {
	if err == nil {
		return nil
	}
	p := &Problem{In: in, Reason: "invalid"}
	var re *openapi3filter.RequestError
	if errors.As(err, &re) {
		if re.Parameter != nil {
			p.Field = re.Parameter.Name
		}
		if re.Reason != "" {
			p.Reason = re.Reason
		}
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		if ptr := se.JSONPointer(); len(ptr) > 0 && in == "body" {
			p.Field = strings.Join(ptr, ".")
		}
		p.Reason = se.Reason
	}
	return p
}
