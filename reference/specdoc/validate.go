package specdoc

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
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

// schemaOptions check `uri` as the suite's engine does, and keep values out of error texts.
var schemaOptions = []openapi3.SchemaValidationOption{
	openapi3.DisableSchemaErrorDetails(),
	openapi3.WithStringFormatValidator("uri", openapi3.NewCallbackValidator(checkAbsoluteURI)),
}

// options are the openapi3filter options of every request: no defaults written into the request
// (the servers fill the defaults the contract asserts themselves).
var options = &openapi3filter.Options{
	SkipSettingDefaults:     true,
	AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc,
	SchemaValidationOptions: schemaOptions,
}

// bodyOptions are what openapi3filter.ValidateRequestBody passes to the schema with options.
var bodyOptions = append([]openapi3.SchemaValidationOption{openapi3.VisitAsRequest()}, schemaOptions...)

// checkAbsoluteURI implements format "uri": it parses and has a scheme. Custom schemes of native
// apps ("com.example.app:/cb") are absolute URIs too.
func checkAbsoluteURI(s string) error {
	if u, err := url.Parse(s); err != nil || u.Scheme == "" {
		return errors.New("not an absolute URI with a scheme")
	}
	return nil
}

// ValidateBody checks a decoded JSON body (numbers as json.Number) against the request body
// schema of the route's operation.
func (rt *Route) ValidateBody(body any) error {
	return validateBody(rt.BodySchema(), body)
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
func (d *Doc) ValidateBodyAs(schema string, body any) error {
	s := d.Schema(schema)
	if s == nil {
		return fmt.Errorf("no component schema %s", schema)
	}
	return validateBody(s, body)
}

// validateBody visits the schema the way openapi3filter.ValidateRequestBody does, on the body
// the server has already decoded: going through ValidateRequestBody would encode and decode
// every body once more, which doubled the reference server's CPU time.
func validateBody(s *openapi3.Schema, body any) error {
	if s == nil {
		return nil
	}
	return problem("body", s.VisitJSON(body, bodyOptions...))
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
