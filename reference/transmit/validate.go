package transmit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"sort"
	"strconv"
)

// kind is the JSON type a field must have.
type kind int

const (
	kString     kind = iota
	kBool            // true or false
	kNumber          // any JSON number
	kStrings         // array of strings
	kObject          // object with known members; unknown members are dropped
	kFreeObject      // any JSON object, kept as sent (JWKs, key sets)
)

// field describes one member of a request body: its type and the value rules the contract adds.
type field struct {
	kind     kind
	enum     []string // allowed values of the string, or of every item of the list
	nonEmpty bool     // the string must not be empty / the list needs at least one item
	absURI   bool     // the string, or every item, must be an absolute URI with a scheme
	obj      *object  // members of a kObject
}

// object describes a JSON object: its known members and which of them are required.
type object struct {
	fields   map[string]field
	required []string
}

// maxBody bounds request bodies; no valid Transmit body comes near it.
const maxBody = 1 << 20

// parseObject decodes data as exactly one JSON object, numbers kept as json.Number so that they
// are echoed exactly as sent.
func (s *server) parseObject(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	if err == nil {
		if dec.Decode(new(any)) != io.EOF {
			err = errors.New("data after the JSON value")
		}
	}
	if err != nil {
		if s.faults.On(fClientsMalformedJSON500) {
			return nil, fmt.Errorf("decode request body: %w", err) // not an apiError: renders as 500
		}
		return nil, badRequest("request body is not valid JSON: %v", err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, badRequest("request body must be a JSON object")
	}
	return m, nil
}

// checkObject validates m against o and returns the known members only, in their checked form.
// prefix is the path of m inside the body, for messages ("" at the top level).
func (s *server) checkObject(prefix string, m map[string]any, o *object) (map[string]any, error) {
	for _, name := range o.required {
		if _, ok := m[name]; !ok {
			return nil, badRequest("%s is required", join(prefix, name))
		}
	}
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names) // the first problem reported does not depend on map order
	out := make(map[string]any, len(m))
	for _, name := range names {
		f, known := o.fields[name]
		if !known {
			if prefix != "" && s.faults.On(fClientsNestedUnknownRejected) {
				return nil, badRequest("%s is not a known member", join(prefix, name))
			}
			continue // unknown members are ignored: not rejected, not stored
		}
		v, err := s.check(join(prefix, name), m[name], f)
		if err != nil {
			return nil, err
		}
		out[name] = v
	}
	return out, nil
}

// check validates one value against its field description.
func (s *server) check(path string, v any, f field) (any, error) {
	if s.faults.On(fClientsWrongTypeCoerced) {
		v = coerce(v, f.kind)
	}
	switch f.kind {
	case kString:
		str, ok := v.(string)
		if !ok {
			return nil, badRequest("%s must be a string", path)
		}
		return str, checkString(path, str, f)
	case kBool:
		if _, ok := v.(bool); !ok {
			return nil, badRequest("%s must be a boolean", path)
		}
		return v, nil
	case kNumber:
		if _, ok := v.(json.Number); !ok {
			return nil, badRequest("%s must be a number", path)
		}
		return v, nil
	case kStrings:
		items, ok := v.([]any)
		if !ok {
			return nil, badRequest("%s must be an array of strings", path)
		}
		if f.nonEmpty && len(items) == 0 {
			return nil, badRequest("%s must contain at least 1 element", path)
		}
		out := make([]any, len(items))
		for i, item := range items {
			str, ok := item.(string)
			if !ok {
				return nil, badRequest("%s[%d] must be a string", path, i)
			}
			itemRule := f
			itemRule.nonEmpty = false // nonEmpty on a list is about the list, not its items
			if err := checkString(fmt.Sprintf("%s[%d]", path, i), str, itemRule); err != nil {
				return nil, err
			}
			out[i] = str
		}
		return out, nil
	case kObject:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, badRequest("%s must be an object", path)
		}
		return s.checkObject(path, m, f.obj)
	case kFreeObject:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, badRequest("%s must be an object", path)
		}
		return deepCopy(m), nil
	}
	return nil, fmt.Errorf("field %s: unknown kind %d", path, f.kind)
}

func checkString(path, s string, f field) error {
	if f.nonEmpty && s == "" {
		return badRequest("%s should not be empty", path)
	}
	if f.enum != nil && !slices.Contains(f.enum, s) {
		return badRequest("%s must be one of %v", path, f.enum)
	}
	if f.absURI && !isAbsoluteURI(s) {
		return badRequest("%s must be an absolute URI with a scheme", path)
	}
	return nil
}

// isAbsoluteURI is the rule the suite's engine applies to `format: uri`: it parses and has a
// scheme. Custom schemes of native apps ("com.example.app:/cb") are absolute URIs too.
func isAbsoluteURI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != ""
}

// coerce is the lenient, JavaScript-style conversion of the wrong-type-coerced fault.
func coerce(v any, k kind) any {
	switch x := v.(type) {
	case json.Number:
		if k == kString {
			return x.String()
		}
	case bool:
		if k == kString {
			return strconv.FormatBool(x)
		}
	case string:
		switch k {
		case kBool:
			if b, err := strconv.ParseBool(x); err == nil {
				return b
			}
		case kNumber:
			if _, err := strconv.ParseFloat(x, 64); err == nil && json.Valid([]byte(x)) {
				return json.Number(x)
			}
		case kStrings:
			return []any{x}
		}
	}
	return v
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// deepCopy copies decoded JSON so that callers never share maps or slices with the store.
func deepCopy[T any](v T) T {
	return any(copyValue(v)).(T)
}

func copyValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = copyValue(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = copyValue(e)
		}
		return l
	}
	return v
}
