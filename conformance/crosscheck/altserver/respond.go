package altserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
)

// maxBody bounds a request body: larger ones are refused rather than read.
const maxBody = 1 << 20

// writeJSON encodes v before writing anything, so an encoding failure can still become a 500.
// HTML escaping is off: the API returns URIs verbatim.
func (s *server) writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		s.log.Printf("altserver: encode a %d response: %v", status, err)
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"message":"internal error","error_code":500}`)
	}
	contentType := "application/json; charset=utf-8"
	if s.opts.PlainChallenge {
		contentType = "application/json"
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-store") // bodies carry client secrets
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes()) // the client went away: nothing left to tell it
}

func (s *server) writeError(w http.ResponseWriter, status int, msg string) {
	s.writeJSON(w, status, s.errorBody(status, msg))
}

// errorBody is the contract's error shape; msg is a string, or for 400 a list of strings.
func (s *server) errorBody(status int, msg any) map[string]any {
	m := map[string]any{"message": msg, "error_code": status}
	if s.opts.ErrorExtras {
		m["request_id"] = randomID(16)
		m["timestamp"] = time.Now().UTC().Format(time.RFC3339)
	}
	return m
}

// badRequest answers 400 with the problems sorted, so the same body always reads the same.
func (s *server) badRequest(w http.ResponseWriter, problems []string) {
	sort.Strings(problems)
	if s.opts.StringMessage {
		s.writeError(w, http.StatusBadRequest, "Bad request: "+strings.Join(problems, "; "))
		return
	}
	s.writeJSON(w, http.StatusBadRequest, s.errorBody(http.StatusBadRequest, problems))
}

func (s *server) conflict(w http.ResponseWriter, name string) {
	b := s.errorBody(http.StatusConflict, fmt.Sprintf("A client named %q already exists in this application", name))
	b["ts_error_code"] = "CLIENT_NAME_ALREADY_EXISTS"
	s.writeJSON(w, http.StatusConflict, b)
}

func (s *server) notFound(w http.ResponseWriter, id string) {
	s.writeError(w, http.StatusNotFound, fmt.Sprintf("Client %s was not found", id))
}

// readObject reads a body that must be one JSON object. Numbers stay json.Number, so that
// their type can be checked without losing precision. Problems (nil map) mean 400.
func readObject(r *http.Request) (map[string]any, []string) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, []string{"request body could not be read"}
	}
	if len(data) > maxBody {
		return nil, []string{"request body is too large"}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []string{"request body must be a JSON object"}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, []string{"request body is not valid JSON: " + err.Error()}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, []string{"request body has data after the JSON value"}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, []string{"request body must be a JSON object, got " + typeName(v)}
	}
	return obj, nil
}
