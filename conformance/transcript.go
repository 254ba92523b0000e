package conformance

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"
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
	Time       time.Time `json:"time"`
	Scenario   string    `json:"scenario"`
	Role       Role      `json:"role"`
	Method     string    `json:"method"`
	URL        string    `json:"url"`
	Request    string    `json:"request_body,omitempty"`
	Status     int       `json:"status"`
	Type       string    `json:"response_content_type,omitempty"`
	Response   string    `json:"response_body,omitempty"`
	ElapsedMS  int64     `json:"elapsed_ms"`
	Retries    []string  `json:"retries,omitempty"`
	Authorized bool      `json:"authorization_sent"` // the header itself is never written
}

func openTranscript(path string) (*transcript, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("CONFORMANCE_TRANSCRIPT: cannot write %s: %w", path, err)
	}
	return &transcript{f: f, enc: json.NewEncoder(f)}, nil
}

func (t *transcript) record(s *S, r *Response) {
	if t == nil {
		return
	}
	red := s.env.redactor
	e := transcriptEntry{Time: time.Now().UTC(), Scenario: s.sc.ID, Role: r.Role, Method: r.Method,
		URL: red.String(r.URL), Request: red.Body(r.ReqBody, transcriptBody), Status: r.Status,
		Type: r.Header.Get("Content-Type"), Response: red.Body(r.Body, transcriptBody),
		ElapsedMS: r.Elapsed.Milliseconds(), Retries: r.Retries, Authorized: r.Role != NoToken}
	t.mu.Lock()
	defer t.mu.Unlock()
	_ = t.enc.Encode(e) // a transcript write failure must not fail the conformance run
}

func (t *transcript) close() error {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.f.Close()
}
