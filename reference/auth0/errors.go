package auth0

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// contentTypeJSON is what live Auth0 sends on every JSON response.
const contentTypeJSON = "application/json; charset=utf-8"

// Auth0 errorCode values this surface uses. Only the documented ones are sent; where the vendor
// documents no code for a failure (409, 400 on the global client, …) the body has none.
const (
	codeInsufficientScope  = "insufficient_scope"
	codeInvalidBody        = "invalid_body"
	codeInvalidQueryString = "invalid_query_string"
	codeInexistentClient   = "inexistent_client"
)

// apiError is a failed request, rendered as the Auth0 error body
// {statusCode, error, message, errorCode?}.
type apiError struct {
	Status  int
	Message string
	Code    string // errorCode; empty leaves the key out
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message)
}

func badBody(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Message: "Payload validation error: " + fmt.Sprintf(format, args...), Code: codeInvalidBody}
}

func badQuery(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Message: "Query validation error: " + fmt.Sprintf(format, args...), Code: codeInvalidQueryString}
}

func (s *server) clientNotFound() *apiError {
	code := codeInexistentClient
	if s.faults.On(faultNotFoundCode) {
		code = "not_found"
	}
	return &apiError{Status: http.StatusNotFound, Message: "Client not found.", Code: code}
}

func credentialNotFound() *apiError {
	return &apiError{Status: http.StatusNotFound, Message: "Credential does not exist"}
}

// insufficientScope is the 403 for a token lacking every scope of expected (any one suffices);
// the message follows the live wording seen by auth0-cli.
func (s *server) insufficientScope(expected []string) *apiError {
	e := &apiError{
		Status:  http.StatusForbidden,
		Message: "Insufficient scope, expected any of: " + strings.Join(expected, ", "),
		Code:    codeInsufficientScope,
	}
	if s.faults.On(faultNoInsufficientScope) {
		e.Code = ""
	}
	return e
}

// writeError renders e; the fault switches of the error shape live here because every error goes
// through it.
func (s *server) writeError(w http.ResponseWriter, e *apiError) {
	body := map[string]any{
		"statusCode": e.Status,
		"error":      http.StatusText(e.Status),
		"message":    e.Message,
	}
	if e.Code != "" {
		body["errorCode"] = e.Code
	}
	if s.faults.On(faultErrorStatusMismatch) {
		body["statusCode"] = http.StatusBadRequest
	}
	if s.faults.On(faultErrorReasonPhrase) {
		body["error"] = strings.ReplaceAll(http.StatusText(e.Status), " ", "")
	}
	contentType := contentTypeJSON
	if s.faults.On(faultErrorPlainText) {
		contentType = "text/plain; charset=utf-8"
	}
	writeBody(w, e.Status, contentType, body)
}

// writeJSON sends a success body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	writeBody(w, status, contentTypeJSON, v)
}

func writeBody(w http.ResponseWriter, status int, contentType string, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		// Only values built by this package reach here; failing loudly beats a half-written body.
		http.Error(w, "internal error: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// writeNoContent sends a 204. Live Auth0 labels even its empty 204s application/json (every
// recorded delete does), so the fake does too; the body stays empty.
func writeNoContent(w http.ResponseWriter) {
	w.Header().Set("Content-Type", contentTypeJSON)
	w.WriteHeader(http.StatusNoContent)
}
