package pipeline

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/clientconf/clientconf/conformance/redact"
)

// transcriptBody caps each body in the transcript.
const transcriptBody = 64 << 10

// front is the outermost layer: it makes the request body re-readable (for retries), creates
// the exchange's record, learns the secrets in the answer, counts the exchange, and writes
// one redacted transcript line.
type front struct {
	next     http.RoundTripper
	redactor *redact.Redactor
	stats    *stats

	mu     sync.Mutex
	enc    *json.Encoder // nil: no transcript
	bodies bool
}

// entry is one transcript line (docs/results-format.md §2).
type entry struct {
	Time          time.Time   `json:"time"`
	Scenario      string      `json:"scenario"`
	Purpose       Purpose     `json:"purpose"`
	Role          string      `json:"role"`
	Operation     string      `json:"operation"`
	Method        string      `json:"method"`
	URL           string      `json:"url"`
	PathTemplate  string      `json:"path_template"`
	ReqHeaders    http.Header `json:"request_headers,omitempty"`
	ReqBody       string      `json:"request_body,omitempty"`
	Status        int         `json:"status"`
	ContentType   string      `json:"response_content_type,omitempty"`
	RespHeaders   http.Header `json:"response_headers,omitempty"`
	RespBody      string      `json:"response_body,omitempty"`
	ElapsedMS     int64       `json:"elapsed_ms"`
	Retries       []string    `json:"retries,omitempty"`
	Authorization bool        `json:"authorization_sent"` // the header itself is never written
	Error         string      `json:"error,omitempty"`    // no usable response: why
}

func (f *front) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := &record{}
	ctx := req.Context()
	out := req.WithContext(contextWithRecord(ctx, rec)) // a shallow copy: only Body changes below
	reqBody, err := replayable(out)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	resp, err := f.next.RoundTrip(out)
	f.stats.exchanges.Add(1)
	var data []byte
	if err == nil {
		if b, ok := resp.Body.(*body); ok {
			data = b.data
		}
		f.redactor.Learn(data) // before any output can show the body
	} else {
		res := rec.result(nil)
		err = &Error{Err: err, Retries: res.Retries, Attempts: res.Attempts}
	}
	if f.enc != nil {
		f.write(req, ExchangeOf(ctx), rec, reqBody, resp, data, err, start)
	}
	return resp, err
}

// replayable buffers a request body that cannot be read twice, and returns its bytes.
func replayable(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	if req.GetBody != nil {
		rc, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(rc)
	}
	data, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	req.Body = io.NopCloser(bytes.NewReader(data))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	return data, nil
}

func (f *front) write(req *http.Request, x Exchange, rec *record, reqBody []byte, resp *http.Response, data []byte, err error, start time.Time) {
	red := f.redactor
	res := rec.result(nil)
	e := entry{Time: start.UTC(), Scenario: x.Scenario, Purpose: x.Purpose, Role: x.Role, Operation: x.Operation,
		Method: req.Method, URL: red.String(req.URL.String()), PathTemplate: x.PathTemplate,
		ReqHeaders: f.headers(req.Header), ElapsedMS: res.Elapsed.Milliseconds(), Retries: redactAll(red, res.Retries),
		Authorization: res.Authorized}
	if f.bodies {
		e.ReqBody = f.body(reqBody, req.Header.Get("Content-Type"))
	}
	if err != nil {
		e.Error = red.String(err.Error())
	} else {
		e.Status, e.ContentType, e.RespHeaders = resp.StatusCode, resp.Header.Get("Content-Type"), f.headers(resp.Header)
		if f.bodies {
			e.RespBody = f.body(data, e.ContentType)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	_ = f.enc.Encode(e) // a transcript write failure must not fail the run
}

// body renders a body for the transcript: secret keys masked in JSON and form bodies, every
// known secret masked, cut to transcriptBody.
func (f *front) body(data []byte, contentType string) string {
	if len(data) == 0 {
		return ""
	}
	if mt, _, _ := mime.ParseMediaType(contentType); mt == "application/x-www-form-urlencoded" {
		if v, err := url.ParseQuery(string(data)); err == nil {
			for k := range v {
				if redact.IsSecretKey(k) {
					v[k] = []string{redact.Mask}
				}
			}
			data = []byte(v.Encode())
		}
	}
	return f.redactor.Body(data, transcriptBody)
}

// secretHeaders are never written, not even masked: credentials travel in them.
var secretHeaders = map[string]bool{"Authorization": true, "Proxy-Authorization": true, "Cookie": true, "Set-Cookie": true}

// headers copies h for the transcript: values redacted, credential headers left out.
func (f *front) headers(h http.Header) http.Header {
	out := http.Header{}
	for k, vs := range h {
		if secretHeaders[http.CanonicalHeaderKey(k)] {
			continue
		}
		out[k] = redactAll(f.redactor, vs)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func redactAll(r *redact.Redactor, in []string) []string {
	if len(in) == 0 {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = r.String(s)
	}
	return out
}
