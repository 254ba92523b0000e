package engine

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/conformance/redact"
	"github.com/clientconf/clientconf/conformance/scenario"
)

// transcriptBody caps each body in the transcript.
const transcriptBody = 64 << 10

// transcript appends one redacted JSON line per exchange (CONFORMANCE_TRANSCRIPT), so a
// failing scenario can be reproduced. A nil transcript records nothing.
type transcript struct {
	mu  sync.Mutex
	f   *os.File
	enc *json.Encoder
}

type transcriptEntry struct {
	Time         time.Time           `json:"time"`
	Scenario     string              `json:"scenario"`
	Purpose      string              `json:"purpose"`
	Role         scenario.Role       `json:"role"`
	Operation    string              `json:"operation,omitempty"`
	Method       string              `json:"method"`
	URL          string              `json:"url"`
	PathTemplate string              `json:"path_template,omitempty"`
	ReqHeaders   map[string][]string `json:"request_headers,omitempty"`
	Request      string              `json:"request_body,omitempty"`
	Status       int                 `json:"status"`
	Type         string              `json:"response_content_type,omitempty"`
	RespHeaders  map[string][]string `json:"response_headers,omitempty"`
	Response     string              `json:"response_body,omitempty"`
	ElapsedMS    int64               `json:"elapsed_ms"`
	Retries      []string            `json:"retries,omitempty"`
	Authorized   bool                `json:"authorization_sent"` // the header itself is never written
}

func openTranscript(path string) (*transcript, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf(envvar.Transcript+": cannot write %s: %w", path, err)
	}
	return &transcript{f: f, enc: json.NewEncoder(f)}, nil
}

func (t *transcript) record(red *redact.Redactor, out outbound, r *scenario.Response) {
	if t == nil {
		return
	}
	e := transcriptEntry{Time: time.Now().UTC(), Scenario: out.Scenario, Purpose: out.Purpose, Role: r.Role,
		Method: r.Method, URL: red.String(r.URL), ReqHeaders: redactHeaders(red, out.Header),
		Request: red.Body(r.ReqBody, transcriptBody), Status: r.Status, Type: r.Header.Get("Content-Type"),
		RespHeaders: redactHeaders(red, r.Header), Response: red.Body(r.Body, transcriptBody),
		ElapsedMS: r.Elapsed.Milliseconds(), Retries: r.Retries, Authorized: r.Role != scenario.NoToken}
	if r.Op != nil {
		e.Operation, e.PathTemplate = r.Op.ID, r.Op.Path
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	_ = t.enc.Encode(e) // a transcript write failure must not fail the conformance run
}

// redactHeaders copies h with every value masked; Authorization is never written.
func redactHeaders(red *redact.Redactor, h http.Header) map[string][]string {
	if len(h) == 0 {
		return nil
	}
	out := make(map[string][]string, len(h))
	for k, vs := range h {
		if strings.EqualFold(k, "Authorization") {
			continue
		}
		for _, v := range vs {
			out[k] = append(out[k], red.String(v))
		}
	}
	return out
}

func (t *transcript) close() error {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.f.Close()
}
