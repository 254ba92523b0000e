package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/clientconf/clientconf/conformance/envvar"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/clientconf/clientconf/conformance/contract"
)

// maxBody caps how much of a response the suite reads: a target that streams a huge body
// fails the check instead of exhausting memory.
const maxBody = 8 << 20

// S is the scenario context: it sends requests as a role, checks every exchange against the
// spec, registers cleanup of what it creates, and reports failures with full context.
type S struct {
	T       TB
	verdict *verdict
	sc      Scenario
	surface Surface
	env     *env
	spec    *contract.Spec
	base    string
	// values carries ids between steps of one scenario (Remember / Recall); a scenario runs
	// on one goroutine, so it needs no lock.
	values map[string]string
	// steps are the scenario's earlier exchanges, shown in failure messages: the request that
	// caused a problem is often not the one that detected it.
	steps []step
}

// step is one earlier exchange of a scenario, as a failure message shows it.
type step struct {
	r    *Response
	text string
}

// Remember keeps a value for later steps of the same scenario.
func (s *S) Remember(key, value string) {
	if s.values == nil {
		s.values = map[string]string{}
	}
	s.values[key] = value
}

// Recall returns a value remembered earlier in the same scenario.
func (s *S) Recall(key string) (string, bool) {
	v, ok := s.values[key]
	return v, ok
}

// Opt shapes a request.
type Opt func(*request)

type request struct {
	body        []byte
	contentType string
	header      http.Header
	query       url.Values
}

// JSON sends v encoded as the JSON body.
func JSON(v any) Opt {
	return func(r *request) {
		data, err := json.Marshal(v)
		if err != nil {
			panic(fmt.Sprintf("scenario body is not JSON-encodable: %v", err))
		}
		r.body, r.contentType = data, "application/json"
	}
}

// Raw sends body as is with the given content type (for malformed input).
func Raw(contentType string, body []byte) Opt {
	return func(r *request) { r.body, r.contentType = body, contentType }
}

// Query adds a query parameter.
func Query(key, value string) Opt {
	return func(r *request) { r.query.Add(key, value) }
}

// Header sets a request header (Authorization is set from the role).
func Header(key, value string) Opt {
	return func(r *request) { r.header.Set(key, value) }
}

// Do sends one request as role to path (relative to the surface's base URL), checks the
// response against the spec, and returns it. Transport failures end the scenario as a suite
// error, never as non-conformance. Retries (connection errors on idempotent requests,
// 429/503 with Retry-After) are reported and mark the scenario flaky.
func (s *S) Do(role Role, method, path string, opts ...Opt) *Response {
	s.T.Helper()
	rq := request{header: http.Header{}, query: url.Values{}}
	for _, o := range opts {
		o(&rq)
	}
	u := s.base + path
	if len(rq.query) > 0 {
		u += "?" + rq.query.Encode()
	}
	if !s.env.hasRole(role) && role != NoToken && role != BadToken {
		s.Skip(NotConfigured, "skipped: needs the %s role; set %s", role, roleHint(role))
	}
	r := &Response{s: s, Role: role, Method: method, Path: path, URL: u, ReqBody: rq.body}
	ctx := s.T.Context()
	r.Op, r.Params, _ = s.spec.Route(method, path)
	err := s.env.exchange(ctx, r, outbound{purpose: PurposeScenario, scenario: s.sc.ID, request: rq})
	var te *tokenError
	switch {
	case errors.As(err, &te):
		s.SuiteFatalf("%v", err)
	case err != nil:
		s.env.noteExchange(err)
		s.SuiteFatalf("%s %s (as %s) got no usable response: %s", method, u, role, describeTransportError(err))
	}
	s.env.noteExchange(nil)
	if len(r.Retries) > 0 {
		s.flaky(r)
	}
	if r.CutOff {
		s.failCheck(r, "transport/body-size", fmt.Sprintf("a response body of at most %d bytes", maxBody), "a larger body (cut off)", false)
		s.T.Fatalf("(scenario stopped: the response was cut off, so nothing more can be checked on it)")
	}
	defer s.addStep(r)
	if r.Status == http.StatusTooManyRequests {
		// Still rate limited after the retries the budget allowed: the suite could not check
		// this step, which says nothing about the target's conformance.
		s.SuiteFatalf("%s %s (as %s) was still answered 429 Too Many Requests after %d attempts; fix: lower "+envvar.Concurrency+" or set "+envvar.RPS,
			method, u, role, len(r.Retries)+1)
	}
	if op := r.Op; op != nil {
		for _, v := range contract.Check(ctx, contract.Exchange{Op: op, Method: method, Status: r.Status, Header: r.Header, Body: r.Body}) {
			s.failViolation(r, v)
		}
		if op.Cleanup != nil && r.Status/100 == 2 {
			s.registerCleanup(r)
		}
	}
	s.checkErrorBody(r)
	return r
}

// flaky reports that an exchange needed retries: the scenario may pass, but never silently.
func (s *S) flaky(r *Response) {
	s.verdict.set(func(v *verdict) { v.flaky = true })
	s.T.Logf("%s %s %s (as %s) needed %d retries: %s", flakyMarker, r.Method, s.redact(r.URL), r.Role,
		len(r.Retries), s.redact(strings.Join(r.Retries, "; ")))
}

func describeTransportError(err error) string {
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
	CutOff  bool              // the body was longer than maxBody and is cut there
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
func (r *Response) Field(pointer string) (any, bool) { return lookup(r.Object(), pointer) }

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
		line += ", sent " + s.env.redactor.Body(r.ReqBody, 200)
	}
	s.steps = append(s.steps, step{r: r, text: line})
}
