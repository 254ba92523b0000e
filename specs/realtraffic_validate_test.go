package specs_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/clientconf/clientconf/specs"
)

// rtAuth0APIBase is the path part of the auth0 spec's server URL. Routing on it alone lets any
// recorded tenant host match without touching the spec.
const rtAuth0APIBase = "/api/v2"

// rtAuth0Router loads the embedded auth0 spec, validates it, and routes on the base path only.
func rtAuth0Router(t *testing.T) routers.Router {
	t.Helper()
	name, ok := specs.File("auth0")
	if !ok {
		t.Fatal("no spec file for surface auth0")
	}
	data, err := specs.FS.ReadFile(name)
	if err != nil {
		t.Fatalf("reading %s: %v", name, err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("loading %s: %v", name, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("%s is not a valid OpenAPI document: %v", name, err)
	}
	doc.Servers = openapi3.Servers{{URL: rtAuth0APIBase}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("building router for %s: %v", name, err)
	}
	return router
}

// rtValidateResponse checks status, Content-Type and (unless skipBody) the body against the route.
func rtValidateResponse(route *routers.Route, params map[string]string, req *http.Request, status int, header http.Header, body []byte, skipBody bool) error {
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{
			MultiError:              true,
			IncludeResponseStatus:   true,
			ExcludeResponseBody:     skipBody,
			SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()},
		},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		return errors.New(rtDescribe(err))
	}
	if skipBody {
		// ExcludeResponseBody also skips the Content-Type lookup, so do that part here.
		if resp := route.Operation.Responses.Status(status); resp != nil && resp.Value != nil && len(resp.Value.Content) > 0 {
			if ct := header.Get("Content-Type"); resp.Value.Content.Get(ct) == nil {
				return fmt.Errorf("response Content-Type %q is not documented for status %d", ct, status)
			}
		}
	}
	return nil
}

// rtValidateRequest checks a request real Auth0 accepted (path and query parameters, the body
// and its Content-Type) against the route's request schema. Authentication is not replayed.
func rtValidateRequest(route *routers.Route, params map[string]string, method, rawURL string, header http.Header, body []byte) error {
	var rd io.Reader = http.NoBody
	if len(bytes.TrimSpace(body)) > 0 {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, rawURL, rd)
	if err != nil {
		return fmt.Errorf("bad recorded request: %w", err)
	}
	req.Header = header.Clone()
	in := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: params,
		Route:      route,
		Options: &openapi3filter.Options{
			MultiError:              true,
			SkipSettingDefaults:     true,
			AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc,
			SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()},
		},
	}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		return errors.New(rtDescribe(err))
	}
	return nil
}

// rtDescribe renders validation errors as one line per violation (JSON pointer, keyword, reason),
// without the schema dumps and values kin-openapi appends by default.
func rtDescribe(err error) string {
	var lines []string
	var walk func(err error, indent string)
	walk = func(err error, indent string) {
		switch e := err.(type) {
		case openapi3.MultiError:
			for _, sub := range e {
				walk(sub, indent)
			}
		case *openapi3filter.ResponseError:
			lines = append(lines, indent+e.Reason)
			if e.Err != nil {
				walk(e.Err, indent+"  ")
			}
		case *openapi3filter.RequestError:
			where := "body"
			if e.Parameter != nil {
				where = e.Parameter.In + " parameter " + e.Parameter.Name
			}
			lines = append(lines, indent+where+": "+e.Reason)
			if e.Err != nil {
				walk(e.Err, indent+"  ")
			}
		case *openapi3.SchemaError:
			lines = append(lines, fmt.Sprintf("%s/%s: %s: %s", indent, strings.Join(e.JSONPointer(), "/"), e.SchemaField, e.Reason))
			if e.Origin != nil {
				walk(e.Origin, indent+"  ")
			}
		default:
			if inner := errors.Unwrap(err); inner != nil {
				walk(inner, indent)
				return
			}
			lines = append(lines, indent+err.Error())
		}
	}
	walk(err, "  ")
	return strings.Join(lines, "\n")
}
