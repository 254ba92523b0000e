package transmit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// apiError is an error that already knows its HTTP status; handlers return it and one writer
// renders it, so the error body shape lives in exactly one place.
type apiError struct {
	status  int
	message string
	tsCode  string // ts_error_code, 409 only
	allow   string // Allow header, 405 only
}

func (e *apiError) Error() string { return fmt.Sprintf("%d: %s", e.status, e.message) }

func badRequest(format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, message: fmt.Sprintf(format, args...)}
}

func notFound(what string) *apiError {
	return &apiError{status: http.StatusNotFound, message: what + " not found"}
}

func forbidden(message string) *apiError {
	return &apiError{status: http.StatusForbidden, message: message}
}

func conflict(tsCode, format string, args ...any) *apiError {
	return &apiError{status: http.StatusConflict, message: fmt.Sprintf(format, args...), tsCode: tsCode}
}

// realm is the RFC 6750 realm advertised on every 401.
const realm = `Bearer realm="transmit-reference"`

// writeError renders err as the Transmit error body. Anything that is not an *apiError is a bug in
// the reference server itself and becomes a 500, so that it never passes as conforming.
func (s *server) writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = &apiError{status: http.StatusInternalServerError, message: "internal error: " + err.Error()}
	}
	body := map[string]any{"message": ae.message, "error_code": ae.status}
	if s.faults.On(fClientsErrorCodeMissing) {
		delete(body, "error_code")
	}
	if s.faults.On(fClientsErrorCodeAlways400) {
		body["error_code"] = http.StatusBadRequest
	}
	if ae.status == http.StatusConflict && !s.faults.On(fClientsConflictNoTSCode) {
		body["ts_error_code"] = ae.tsCode
	}
	if ae.status == http.StatusUnauthorized && !s.faults.On(fClientsNoWWWAuthenticate) {
		w.Header().Set("WWW-Authenticate", realm)
	}
	if ae.allow != "" {
		w.Header().Set("Allow", ae.allow)
	}
	contentType := "application/json"
	if s.faults.On(fClientsErrorTextPlain) {
		contentType = "text/plain; charset=utf-8"
	}
	s.writeBody(w, ae.status, contentType, body)
}

// writeJSON renders a success body.
func (s *server) writeJSON(w http.ResponseWriter, status int, v any) {
	contentType := "application/json"
	if s.faults.On(fClientsSuccessTextPlain) {
		contentType = "text/plain; charset=utf-8"
	}
	s.writeBody(w, status, contentType, v)
}

func (s *server) writeBody(w http.ResponseWriter, status int, contentType string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // URIs stay readable in transcripts
	if err := enc.Encode(v); err != nil {
		// Every value we encode is built from decoded JSON, so this cannot happen; still, say so.
		http.Error(w, `{"message":"encode response","error_code":500}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// writeNoContent answers a successful delete: 204 and no body.
func writeNoContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }
