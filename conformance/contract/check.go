package contract

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Rules every exchange is checked against (basis: spec).
const (
	RuleStatus      = "spec/status-documented"
	RuleContentType = "spec/content-type"
	RuleEmptyBody   = "spec/empty-body"
	RuleHeaders     = "spec/response-headers"
	RuleBody        = "spec/response-schema"
)

// Violation is one way a response breaks the spec. It never carries a value from the body,
// only where and why, so it is safe to print.
type Violation struct {
	Rule    string // one of the Rule constants
	Pointer string // JSON pointer of the offending value, "" for the whole response
	Keyword string // the schema keyword that failed (required, enum, format, type, …)
	Reason  string
}

func (v Violation) String() string {
	var b strings.Builder
	b.WriteString(v.Rule)
	if v.Pointer != "" || v.Keyword != "" {
		fmt.Fprintf(&b, " at %s", pointerOrRoot(v.Pointer))
	}
	if v.Keyword != "" {
		fmt.Fprintf(&b, " (%s)", v.Keyword)
	}
	fmt.Fprintf(&b, ": %s", v.Reason)
	return b.String()
}

func pointerOrRoot(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// Exchange is a response to check, with the request that produced it.
type Exchange struct {
	Op     *Op
	Method string
	Status int
	Header http.Header
	Body   []byte
}

// Check validates an exchange against its operation: the status must be documented, the
// Content-Type must be a documented media type, a response without documented content must
// have an empty body, documented headers must be present and valid, and the body must match
// the schema with formats (date-time, uri) checked.
func Check(ctx context.Context, ex Exchange) []Violation {
	op := ex.Op
	ref := op.Operation.Responses.Status(ex.Status)
	if ref == nil || ref.Value == nil {
		return []Violation{{Rule: RuleStatus, Reason: fmt.Sprintf(
			"status %d is not documented for %s (documented: %s)", ex.Status, op.ID, joinInts(op.Statuses()))}}
	}
	resp := ref.Value
	if len(resp.Content) == 0 {
		if len(ex.Body) > 0 {
			return []Violation{{Rule: RuleEmptyBody, Reason: fmt.Sprintf(
				"status %d of %s documents no body, got %d bytes", ex.Status, op.ID, len(ex.Body))}}
		}
	} else {
		ct := ex.Header.Get("Content-Type")
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || resp.Content.Get(mt) == nil {
			return []Violation{{Rule: RuleContentType, Reason: fmt.Sprintf(
				"Content-Type %q is not a documented media type (%s)", ct, strings.Join(mediaTypes(resp.Content), ", "))}}
		}
	}
	req := &http.Request{Method: ex.Method, URL: &url.URL{Path: op.Path}, Header: http.Header{}}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: req,
			Route:   &routers.Route{Spec: op.spec.Doc, Path: op.Path, Method: op.Method, Operation: op.Operation},
		},
		Status:  ex.Status,
		Header:  ex.Header,
		Options: validationOptions,
	}
	in.SetBodyBytes(ex.Body)
	return violations(openapi3filter.ValidateResponse(ctx, in))
}

var validationOptions = &openapi3filter.Options{
	MultiError:            true,
	IncludeResponseStatus: true,
	SchemaValidationOptions: []openapi3.SchemaValidationOption{
		openapi3.DisableSchemaErrorDetails(),
		openapi3.WithStringFormatValidator("uri", openapi3.NewCallbackValidator(checkAbsoluteURI)),
	},
}

// checkAbsoluteURI implements format "uri": an absolute URI with a scheme (RFC 3986).
func checkAbsoluteURI(s string) error {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || !u.IsAbs() {
		return errors.New("not an absolute URI with a scheme")
	}
	return nil
}

// violations turns kin-openapi's error tree into violations, keeping pointers and keywords
// but never values (schema error details are disabled).
func violations(err error) []Violation {
	if err == nil {
		return nil
	}
	var out []Violation
	var walk func(error)
	walk = func(e error) {
		var me openapi3.MultiError
		if errors.As(e, &me) {
			for _, inner := range me {
				walk(inner)
			}
			return
		}
		var se *openapi3.SchemaError
		if errors.As(e, &se) {
			out = append(out, Violation{Rule: RuleBody, Pointer: "/" + strings.Join(se.JSONPointer(), "/"),
				Keyword: se.SchemaField, Reason: shortReason(se)})
			return
		}
		var re *openapi3filter.ResponseError
		if errors.As(e, &re) {
			if re.Err != nil {
				walk(re.Err)
				return
			}
			out = append(out, Violation{Rule: ruleOf(re.Reason), Reason: re.Reason})
			return
		}
		out = append(out, Violation{Rule: RuleBody, Reason: e.Error()})
	}
	walk(err)
	return out
}

// shortReason is kin-openapi's reason without the regular expression it appends to a format
// failure: "doesn't match the format "date-time"" says it; the pattern is noise to a reader.
func shortReason(se *openapi3.SchemaError) string {
	if se.SchemaField == "format" {
		if i := strings.Index(se.Reason, " (string doesn't match pattern"); i > 0 {
			return se.Reason[:i]
		}
	}
	return se.Reason
}

func ruleOf(reason string) string {
	if strings.Contains(reason, "header") {
		return RuleHeaders
	}
	return RuleBody
}

func mediaTypes(c openapi3.Content) []string {
	out := make([]string, 0, len(c))
	for k := range c {
		out = append(out, k)
	}
	return out
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}
