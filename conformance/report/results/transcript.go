package results

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

// Purposes of a transcript entry.
const (
	PurposeScenario  = "scenario"
	PurposeCleanup   = "cleanup"
	PurposePreflight = "preflight"
	PurposeToken     = "token"
	PurposeSweep     = "sweep"
)

// Entry is one exchange with the target, one line of the transcript. Secrets are masked by
// the engine; the Authorization header is never written.
type Entry struct {
	Time                time.Time `json:"time"`
	Scenario            string    `json:"scenario,omitempty"`
	Purpose             string    `json:"purpose,omitempty"`
	Role                string    `json:"role,omitempty"`
	Operation           string    `json:"operation,omitempty"`
	Method              string    `json:"method"`
	URL                 string    `json:"url"`
	PathTemplate        string    `json:"path_template,omitempty"`
	RequestHeaders      Headers   `json:"request_headers,omitempty"`
	RequestBody         string    `json:"request_body,omitempty"`
	Status              int       `json:"status"`
	ResponseContentType string    `json:"response_content_type,omitempty"`
	ResponseHeaders     Headers   `json:"response_headers,omitempty"`
	ResponseBody        string    `json:"response_body,omitempty"`
	ElapsedMS           int64     `json:"elapsed_ms"`
	Retries             Retries   `json:"retries,omitempty"`
	AuthorizationSent   bool      `json:"authorization_sent"`
	Error               string    `json:"error,omitempty"` // no usable response: why (status 0)
}

// Headers accepts both {"K": "v"} and {"K": ["v", …]}.
type Headers http.Header

// UnmarshalJSON reads either header shape.
func (h *Headers) UnmarshalJSON(b []byte) error {
	var multi map[string][]string
	if err := json.Unmarshal(b, &multi); err == nil {
		*h = Headers(multi)
		return nil
	}
	var single map[string]string
	if err := json.Unmarshal(b, &single); err != nil {
		return fmt.Errorf("headers: want an object of strings or string lists: %w", err)
	}
	*h = Headers{}
	for k, v := range single {
		(*h)[k] = []string{v}
	}
	return nil
}

// Retries accepts a count or a list of reasons (one per retried attempt).
type Retries []string

// UnmarshalJSON reads either retries shape.
func (r *Retries) UnmarshalJSON(b []byte) error {
	var n int
	if err := json.Unmarshal(b, &n); err == nil {
		*r = make(Retries, n)
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("retries: want a count or a list: %w", err)
	}
	*r = list
	return nil
}

// ReadTranscriptFile reads a CONFORMANCE_TRANSCRIPT file.
func ReadTranscriptFile(path string) ([]Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open transcript: %w", err)
	}
	defer f.Close()
	entries, err := ReadTranscript(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return entries, nil
}

// ReadTranscript reads transcript JSON lines; a bad line is an error naming its number.
func ReadTranscript(r io.Reader) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20) // bodies are capped at 64 KiB each, headers small
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read transcript: %w", err)
	}
	return out, nil
}
