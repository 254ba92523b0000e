package scenario

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/clientconf/clientconf/conformance/contract"
	"github.com/clientconf/clientconf/conformance/envvar"
)

// MaxBody caps how much of a response the suite reads: a target that streams a huge body
// fails the check instead of exhausting memory.
const MaxBody = 8 << 20

// S is the scenario context: it sends requests as a role, checks every exchange against the
// spec, registers cleanup of what it creates, and reports failures with full context.
type S struct {
	T         TB
	verdict   *Verdict
	sc        Scenario
	rt        Runtime
	errorBody ErrorBodyRule
	spec      *contract.Spec
	base      string
	// steps are the scenario's earlier exchanges, shown in failure messages: the request that
	// caused a problem is often not the one that detected it.
	steps []step
	tr    *tracker // what the scenario's exchanges taught it, for post-conditions
}

// step is one earlier exchange of a scenario, as a failure message shows it.
type step struct {
	r    *Response
	text string
}

// New is the context the engine runs sc in: on tb, through rt, against spec at base (the
// surface's base URL), checking error bodies with errorBody (nil: no rule), recording the
// verdict in v.
func New(tb TB, sc Scenario, rt Runtime, spec *contract.Spec, base string, errorBody ErrorBodyRule, v *Verdict) *S {
	return &S{T: tb, verdict: v, sc: sc, rt: rt, errorBody: errorBody, spec: spec, base: base}
}

// ErrorBodyRule checks a surface's rule for error bodies beyond their schema (an error body
// decoded as an object).
type ErrorBodyRule func(s *S, r *Response, body map[string]any)

// Spec is the spec of the scenario's surface.
func (s *S) Spec() *contract.Spec { return s.spec }

// ID is the scenario's ID.
func (s *S) ID() string { return s.sc.ID }

// Facts are what the target tells about itself.
func (s *S) Facts() Facts { return s.rt.Facts() }

// Token returns the role's bearer token, ending the scenario as a suite error when it cannot
// be had. The token is masked in every output.
func (s *S) Token(role Role) string {
	s.T.Helper()
	tok, err := s.rt.Token(s.T.Context(), role)
	if err != nil {
		s.SuiteFatalf("%v", err)
	}
	return tok
}

// Secret masks value in every output from now on (a secret a scenario got by itself).
func (s *S) Secret(value string) { s.rt.Redactor().Add(value) }

// Opt shapes a request.
type Opt func(*request)

type request struct {
	Request
	query       url.Values
	noPostCheck bool
}

// JSON sends v encoded as the JSON body.
func JSON(v any) Opt {
	return func(r *request) {
		data, err := json.Marshal(v)
		if err != nil {
			panic(fmt.Sprintf("scenario body is not JSON-encodable: %v", err))
		}
		r.Body, r.ContentType = data, "application/json"
	}
}

// Raw sends body as is with the given content type (for malformed input).
func Raw(contentType string, body []byte) Opt {
	return func(r *request) { r.Body, r.ContentType = body, contentType }
}

// Query adds a query parameter.
func Query(key, value string) Opt {
	return func(r *request) { r.query.Add(key, value) }
}

// Header sets a request header (Authorization is set from the role).
func Header(key, value string) Opt {
	return func(r *request) { r.Header.Set(key, value) }
}

// Do sends one request as role to path (relative to the surface's base URL), checks the
// response against the spec, and returns it. Transport failures end the scenario as a suite
// error, never as non-conformance. Retries (connection errors on idempotent requests,
// 429/503 with Retry-After) are reported and mark the scenario flaky.
func (s *S) Do(role Role, method, path string, opts ...Opt) *Response {
	s.T.Helper()
	rq := request{Request: Request{Purpose: PurposeScenario, Scenario: s.sc.ID, Header: http.Header{}}, query: url.Values{}}
	for _, o := range opts {
		o(&rq)
	}
	u := s.base + path
	if len(rq.query) > 0 {
		u += "?" + rq.query.Encode()
	}
	if !s.rt.HasRole(role) && role != NoToken && role != BadToken {
		s.Skip(NotConfigured, "skipped: needs the %s role; set %s", role, RoleHint(role))
	}
	r := &Response{s: s, Role: role, Method: method, Path: path, URL: u, ReqBody: rq.Body}
	ctx := s.T.Context()
	r.Op, r.Params, _ = s.spec.Route(method, path)
	err := s.rt.Exchange(ctx, r, rq.Request)
	var te *TokenError
	switch {
	case errors.As(err, &te):
		s.SuiteFatalf("%v", err)
	case err != nil:
		s.rt.NoteExchange(err)
		s.SuiteFatalf("%s %s (as %s) got no usable response: %s", method, u, role, DescribeTransportError(err))
	}
	s.rt.NoteExchange(nil)
	if len(r.Retries) > 0 {
		s.flaky(r)
	}
	if r.CutOff {
		s.failCheck(r, "transport/body-size", fmt.Sprintf("a response body of at most %d bytes", MaxBody), "a larger body (cut off)", false)
		s.T.Fatalf("(scenario stopped: the response was cut off, so nothing more can be checked on it)")
	}
	if r.Status == http.StatusTooManyRequests {
		s.addStep(r)
		// Still rate limited after the retries the budget allowed: the suite could not check
		// this step, which says nothing about the target's conformance.
		s.SuiteFatalf("%s %s (as %s) was still answered 429 Too Many Requests after %d attempts; fix: lower "+envvar.Concurrency+" or set "+envvar.RPS,
			method, u, role, len(r.Retries)+1)
	}
	itemPath := ""
	if op := r.Op; op != nil {
		for _, v := range contract.Check(ctx, contract.Exchange{Op: op, Method: method, Status: r.Status, Header: r.Header, Body: r.Body}) {
			s.failViolation(r, v)
		}
		if op.Cleanup != nil && r.Status/100 == 2 {
			itemPath = s.registerCleanup(r)
		}
	}
	s.checkErrorBody(r)
	s.addStep(r)
	s.afterExchange(r, itemPath, !rq.noPostCheck)
	return r
}

// flaky reports that an exchange needed retries: the scenario may pass, but never silently.
func (s *S) flaky(r *Response) {
	s.verdict.set(func(v *Verdict) { v.flaky = true })
	s.T.Logf("%s %s %s (as %s) needed %d retries: %s", FlakyMarker, r.Method, s.redact(r.URL), r.Role,
		len(r.Retries), s.redact(strings.Join(r.Retries, "; ")))
}

// DescribeTransportError says why an exchange got no response, a timeout as such.
func DescribeTransportError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Timeout() {
		return "timed out: " + ue.Err.Error()
	}
	return err.Error()
}

// Response is one checked exchange.
type Response struct {
	s       *S
	Role    Role
	Method  string
	Path    string
	URL     string
	ReqBody []byte
	Status  int
	Header  http.Header
	Body    []byte
	Retries []string          // why each retry happened
	CutOff  bool              // the body was longer than MaxBody and is cut there
	Elapsed time.Duration     // of the last attempt
	Op      *contract.Op      // nil when the spec documents no such method on the path
	Params  map[string]string // path parameters, when Op is known
	decoded any
	decErr  error
	parsed  bool
}

// Expect ends the scenario unless the status is one of codes: later steps depend on it.
func (r *Response) Expect(codes ...int) *Response {
	r.s.T.Helper()
	if !r.Is(codes...) {
		// Expecting only successes marks a step the scenario needed (create, read back).
		setup := !slices.ContainsFunc(codes, func(c int) bool { return c >= 300 })
		r.s.failCheck(r, "status", "status "+joinCodes(codes), fmt.Sprintf("status %d", r.Status), setup)
		r.s.T.Fatalf("(scenario stopped: the steps after this one depend on it)")
	}
	return r
}

// Check reports a failure unless the status is one of codes, and lets the scenario go on.
func (r *Response) Check(codes ...int) bool {
	r.s.T.Helper()
	if !r.Is(codes...) {
		r.s.fail(r, "status", "status "+joinCodes(codes), fmt.Sprintf("status %d", r.Status))
		return false
	}
	return true
}

// Is reports whether the status is one of codes.
func (r *Response) Is(codes ...int) bool {
	for _, c := range codes {
		if r.Status == c {
			return true
		}
	}
	return false
}

// JSON returns the decoded body (nil when it is not JSON).
func (r *Response) JSON() any {
	if !r.parsed {
		r.parsed = true
		r.decErr = json.Unmarshal(r.Body, &r.decoded)
	}
	return r.decoded
}

// Object returns the resource in a success body: the body itself, or what the spec's
// envelope wraps (e.g. {"result": …}).
func (r *Response) Object() any {
	v := r.JSON()
	if r.Op == nil {
		return v
	}
	if key := envelopeKey(r.Op, r.Status); key != "" {
		if m, ok := v.(map[string]any); ok {
			return m[key]
		}
	}
	return v
}

// Field reads a JSON pointer inside Object().
func (r *Response) Field(pointer string) (any, bool) { return Lookup(r.Object(), pointer) }

// String reads a string field inside Object(); "" when absent or not a string.
func (r *Response) String(pointer string) string {
	v, _ := r.Field(pointer)
	s, _ := v.(string)
	return s
}

func joinCodes(codes []int) string {
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = fmt.Sprint(c)
	}
	return strings.Join(s, " or ")
}

// addStep records an exchange for the failure messages of later steps.
func (s *S) addStep(r *Response) {
	line := fmt.Sprintf("%s %s (as %s) → %d", r.Method, r.Path, r.Role, r.Status)
	if len(r.ReqBody) > 0 {
		line += ", sent " + s.rt.Redactor().Body(r.ReqBody, 200)
	}
	s.steps = append(s.steps, step{r: r, text: line})
}
