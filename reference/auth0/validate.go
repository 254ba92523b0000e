package auth0

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// kind is the JSON type a body field must have.
type kind uint8

const (
	kindString kind = iota
	kindBool
	kindInt
	kindArray
	kindObject
)

// rule is the schema of one body value: the subset of JSON Schema that the create and update
// bodies of specs/auth0-clients.openapi.yaml use. Zero values mean "no constraint".
type rule struct {
	kind     kind
	nullable bool
	enum     []string        // strings: allowed values
	minLen   int             // strings: minimum length in characters
	maxLen   int             // strings: maximum length
	pattern  *regexp.Regexp  // strings
	minInt   *int64          // integers
	maxInt   *int64          // integers
	items    *rule           // arrays: rule of every item
	minItems int             // arrays
	props    map[string]rule // objects: known keys
	values   *rule           // objects: rule of keys outside props (additionalProperties schema)
	closed   bool            // objects: keys outside props (and values) are rejected
	required []string        // objects
	minProps int             // objects
	maxProps int             // objects
	check    func(v any) string
}

func arrayOf(item rule) rule { return rule{kind: kindArray, items: &item} }

func intRange(lo, hi int64) rule { return rule{kind: kindInt, minInt: &lo, maxInt: &hi} }

func intMin(lo int64) rule { return rule{kind: kindInt, minInt: &lo} }

func nullable(r rule) rule {
	r.nullable = true
	return r
}

// validateBody checks body against the top-level rules, normalising values in place (only the
// boolean-coercion fault rewrites any). Unknown keys are rejected: the vendor's bodies are
// additionalProperties false.
func (s *server) validateBody(body map[string]any, rules map[string]rule) *apiError {
	for _, key := range sortedKeys(body) {
		r, known := rules[key]
		if !known {
			if s.faults.On(faultUnknownKeyAccepted) {
				delete(body, key) // accepted, then silently dropped
				continue
			}
			return badBody("Additional properties not allowed: %s", key)
		}
		v, msg := s.validateValue(body[key], r)
		if msg != "" {
			return badBody("%s: %s", key, msg)
		}
		body[key] = v
	}
	return nil
}

// validateUpdate checks a PATCH body: like validateBody, and it must change something
// (minProperties 1).
func (s *server) validateUpdate(body map[string]any, rules map[string]rule) *apiError {
	if len(body) == 0 {
		return badBody("the body must contain at least one property")
	}
	return s.validateBody(body, rules)
}

func (s *server) validateValue(v any, r rule) (any, string) {
	if v == nil {
		if r.nullable {
			return nil, ""
		}
		return nil, "must not be null"
	}
	var msg string
	switch r.kind {
	case kindString:
		str, ok := v.(string)
		if !ok {
			return v, "expected string"
		}
		msg = checkString(str, r)
	case kindBool:
		if str, ok := v.(string); ok && (str == "true" || str == "false") && s.faults.On(faultBooleanStringCoerced) {
			v = str == "true"
		}
		if _, ok := v.(bool); !ok {
			return v, "expected boolean"
		}
	case kindInt:
		msg = checkInt(v, r)
	case kindArray:
		msg = s.checkArray(v, r)
	case kindObject:
		obj, ok := v.(map[string]any)
		if !ok {
			return v, "expected object"
		}
		msg = s.checkObject(obj, r)
	}
	if msg == "" && r.check != nil {
		msg = r.check(v)
	}
	return v, msg
}

func checkString(str string, r rule) string {
	n := utf8.RuneCountInString(str)
	switch {
	case n < r.minLen:
		return fmt.Sprintf("shorter than %d characters", r.minLen)
	case r.maxLen > 0 && n > r.maxLen:
		return fmt.Sprintf("longer than %d characters", r.maxLen)
	case r.enum != nil && !slices.Contains(r.enum, str):
		return fmt.Sprintf("%q is not one of %s", str, strings.Join(r.enum, ", "))
	case r.pattern != nil && !r.pattern.MatchString(str):
		return "does not match " + r.pattern.String()
	}
	return ""
}

func checkInt(v any, r rule) string {
	n, ok := v.(json.Number)
	if !ok {
		return "expected integer"
	}
	i, err := n.Int64()
	if err != nil {
		return "expected integer"
	}
	if (r.minInt != nil && i < *r.minInt) || (r.maxInt != nil && i > *r.maxInt) {
		return "integer out of range"
	}
	return ""
}

func (s *server) checkArray(v any, r rule) string {
	arr, ok := v.([]any)
	if !ok {
		return "expected array"
	}
	if len(arr) < r.minItems {
		return fmt.Sprintf("needs at least %d items", r.minItems)
	}
	if r.items == nil {
		return ""
	}
	for i, item := range arr {
		norm, msg := s.validateValue(item, *r.items)
		if msg != "" {
			return fmt.Sprintf("item %d: %s", i, msg)
		}
		arr[i] = norm
	}
	return ""
}

func (s *server) checkObject(obj map[string]any, r rule) string {
	if len(obj) < r.minProps {
		return fmt.Sprintf("needs at least %d properties", r.minProps)
	}
	if r.maxProps > 0 && len(obj) > r.maxProps {
		return fmt.Sprintf("allows at most %d properties", r.maxProps)
	}
	for _, req := range r.required {
		if _, ok := obj[req]; !ok {
			return "missing required property " + req
		}
	}
	for _, key := range sortedKeys(obj) {
		sub, known := r.props[key]
		switch {
		case known:
		case r.values != nil:
			sub = *r.values
		case r.closed:
			return "additional property not allowed: " + key
		default:
			continue
		}
		v, msg := s.validateValue(obj[key], sub)
		if msg != "" {
			return key + ": " + msg
		}
		obj[key] = v
	}
	return ""
}

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
	return nil
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
