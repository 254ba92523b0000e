package auth0

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
)

// checkClientRules enforces the cross-field rules the contract asserts, on the client as it will
// be stored (body merged into the stored client for PATCH).
func (s *server) checkClientRules(body, merged map[string]any) *apiError {
	// A null clears a method on PATCH, so only two set values conflict.
	if body["token_endpoint_auth_method"] != nil && body["client_authentication_methods"] != nil &&
		!s.faults.On(faultAuthMethodsExclusivity) {
		return badBody("token_endpoint_auth_method and client_authentication_methods are mutually exclusive")
	}
	if merged["is_first_party"] == false && !s.faults.On(faultThirdPartyOrgsAccepted) &&
		(merged["organization_usage"] != nil || merged["organization_require_behavior"] != nil) {
		return &apiError{
			Status:  http.StatusForbidden,
			Message: "Third-party clients cannot have organization_usage or organization_require_behavior set.",
		}
	}
	return s.checkOpenRules(body, merged)
}

// decodeObject reads a JSON object body. Numbers stay json.Number so integers are told from
// floats and echoed exactly.
func decodeObject(r *http.Request, emptyOK bool) (map[string]any, *apiError) {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.EOF) && emptyOK {
			return map[string]any{}, nil
		}
		return nil, &apiError{Status: http.StatusBadRequest, Message: "Invalid request payload JSON format", Code: codeInvalidBody}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) { // trailing data after the object
		return nil, &apiError{Status: http.StatusBadRequest, Message: "Invalid request payload JSON format", Code: codeInvalidBody}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, badBody("expected a JSON object")
	}
	return obj, nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
