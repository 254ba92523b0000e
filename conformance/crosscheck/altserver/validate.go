package altserver

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// validator is a small hand-rolled checker of request bodies against a schema. Values come
// from a json.Decoder with UseNumber, so numbers are json.Number.
type validator struct {
	keepNestedUnknown bool // unknown keys inside nested objects are kept (and echoed)
	fillNested        bool // missing required nested members get a zero value (not conforming)
}

// object checks obj against schema. It returns the problems, and a copy holding only the keys
// the schema knows, plus unknown ones when keepUnknown is set (top-level unknown keys are
// always dropped; nested ones as the options say).
func (v validator) object(path string, obj map[string]any, schema map[string]field, keepUnknown bool) ([]string, map[string]any) {
	var errs []string
	out := map[string]any{}
	for name, f := range schema {
		if _, ok := obj[name]; !ok && f.required {
			errs = append(errs, fmt.Sprintf("%s%s is required", path, name))
		}
	}
	for k, val := range obj {
		f, known := schema[k]
		if !known {
			if keepUnknown {
				out[k] = val
			}
			continue
		}
		clean, problems := v.value(path+k, val, f)
		if len(problems) > 0 {
			errs = append(errs, problems...)
			continue
		}
		out[k] = clean
	}
	return errs, out
}

// value checks one field's value; it returns the value to store (nested objects cleaned).
func (v validator) value(p string, val any, f field) (any, []string) {
	switch f.kind {
	case kString, kNonEmptyString:
		s, ok := val.(string)
		if !ok {
			return nil, []string{fmt.Sprintf("%s must be a string, got %s", p, typeName(val))}
		}
		if f.kind == kNonEmptyString && s == "" {
			return nil, []string{fmt.Sprintf("%s should not be empty", p)}
		}
	case kBool:
		if _, ok := val.(bool); !ok {
			return nil, []string{fmt.Sprintf("%s must be a boolean value, got %s", p, typeName(val))}
		}
	case kNumber:
		if _, ok := val.(json.Number); !ok {
			return nil, []string{fmt.Sprintf("%s must be a number, got %s", p, typeName(val))}
		}
	case kEnum:
		if s, ok := val.(string); !ok || !slices.Contains(f.enum, s) {
			return nil, []string{fmt.Sprintf("%s must be one of the following values: %s", p, strings.Join(f.enum, ", "))}
		}
	case kStringArray, kEnumArray, kURIArray:
		return val, arrayProblems(p, val, f)
	case kObject:
		m, ok := val.(map[string]any)
		if !ok {
			return nil, []string{fmt.Sprintf("%s must be an object, got %s", p, typeName(val))}
		}
		if v.fillNested {
			m = fillNested(m, f.nested)
		}
		errs, clean := v.object(p+".", m, f.nested, v.keepNestedUnknown)
		if len(errs) > 0 {
			return nil, errs
		}
		return clean, nil
	case kAnyObject:
		if _, ok := val.(map[string]any); !ok {
			return nil, []string{fmt.Sprintf("%s must be an object, got %s", p, typeName(val))}
		}
	}
	return val, nil
}

// arrayProblems checks an array of strings: its length, then every item, reporting each bad one.
func arrayProblems(p string, val any, f field) []string {
	arr, ok := val.([]any)
	if !ok {
		return []string{fmt.Sprintf("%s must be an array, got %s", p, typeName(val))}
	}
	if len(arr) < f.minItems {
		return []string{fmt.Sprintf("%s must contain at least %d elements", p, f.minItems)}
	}
	var errs []string
	for i, it := range arr {
		s, ok := it.(string)
		switch {
		case !ok:
			errs = append(errs, fmt.Sprintf("%s[%d] must be a string", p, i))
		case f.kind == kEnumArray && !slices.Contains(f.enum, s):
			errs = append(errs, fmt.Sprintf("each value in %s must be one of the following values: %s", p, strings.Join(f.enum, ", ")))
		case f.kind == kURIArray && !isAbsoluteURI(s):
			errs = append(errs, fmt.Sprintf("%s[%d] must be an absolute URI with a scheme", p, i))
		}
	}
	return errs
}

// fillNested gives missing required members of a nested object their zero value (the
// LenientNested option, which the contract does not allow).
func fillNested(m map[string]any, schema map[string]field) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	for name, f := range schema {
		if _, ok := out[name]; ok || !f.required {
			continue
		}
		switch f.kind {
		case kBool:
			out[name] = false
		case kString:
			out[name] = ""
		case kEnum:
			out[name] = f.enum[0]
		}
	}
	return out
}

// typeName names a decoded JSON value's type for an error message.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "something else"
}

// isAbsoluteURI accepts a URI with a scheme and something after it (a host, an opaque part
// or a path), as redirect URIs must be; whitespace anywhere is refused.
func isAbsoluteURI(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return false
	}
	return u.Host != "" || u.Opaque != "" || u.Path != ""
}
