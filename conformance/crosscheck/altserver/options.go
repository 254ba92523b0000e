package altserver

import (
	"errors"
	"fmt"
)

// Options choose, for each point the contract leaves open, which allowed side the server takes
// (a "variant"). The zero value is the server as first written; every option but LenientNested
// keeps it conforming, so a suite failure against it is a false alarm of the suite.
type Options struct {
	// ValidateFirst: PUT validates the body before looking the client id up (400 before 404).
	ValidateFirst bool
	// Empty204: a collection DELETE on an app without clients answers 204 instead of 404.
	Empty204 bool
	// ProtocolIgnore: authentication_protocol in a PUT body is always ignored.
	ProtocolIgnore bool
	// ProtocolStrict: authentication_protocol in a PUT body is always refused (400), even the
	// client's own protocol.
	ProtocolStrict bool
	// Seconds: timestamps in whole seconds, UTC "Z", without forcing each one past the last.
	Seconds bool
	// Offset: timestamps with millisecond fractions in a +05:30 offset instead of UTC.
	Offset bool
	// Nanos: timestamps with nanosecond fractions, UTC "Z".
	Nanos bool
	// StringMessage: a 400 message is one string rather than an array of strings.
	StringMessage bool
	// DropNestedUnknown: unknown keys inside nested objects are dropped instead of kept.
	DropNestedUnknown bool
	// AllowSyncCombo: default_user_info_claims together with sync_id_token_claims_to_userinfo
	// true is accepted instead of refused.
	AllowSyncCombo bool
	// PutResetDefaults: fields a PUT omits that have an update-schema default go back to it.
	PutResetDefaults bool
	// AuthBefore405: authentication runs before the method check, so an undocumented method
	// without a token gets 401 rather than 405.
	AuthBefore405 bool
	// OmitDefaults: defaulted response fields that are not required are left out unless set.
	OmitDefaults bool
	// LenientNested fills missing required members of nested objects instead of refusing the
	// body. It is NOT conforming: it exists to show the cross-check can fail.
	LenientNested bool
	// ErrorExtras: error bodies carry request_id and timestamp besides message and error_code.
	ErrorExtras bool
	// PlainChallenge: WWW-Authenticate is just "Bearer", Content-Type has no charset.
	PlainChallenge bool
}

// variant ties an option to the name it goes by in test names and on command lines.
type variant struct {
	name       string
	on         *bool
	conforming bool
}

// variants lists o's options in a fixed order. It is built per call, from o's own fields, so
// no table of pointers outlives the Options it points into.
func (o *Options) variants() []variant {
	return []variant{
		{"validate-first", &o.ValidateFirst, true},
		{"empty-204", &o.Empty204, true},
		{"protocol-ignore", &o.ProtocolIgnore, true},
		{"protocol-strict", &o.ProtocolStrict, true},
		{"seconds", &o.Seconds, true},
		{"offset", &o.Offset, true},
		{"string-message", &o.StringMessage, true},
		{"drop-nested-unknown", &o.DropNestedUnknown, true},
		{"allow-sync-combo", &o.AllowSyncCombo, true},
		{"put-reset-defaults", &o.PutResetDefaults, true},
		{"auth-before-405", &o.AuthBefore405, true},
		{"omit-defaults", &o.OmitDefaults, true},
		{"lenient-nested", &o.LenientNested, false},
		{"error-extras", &o.ErrorExtras, true},
		{"nanos", &o.Nanos, true},
		{"plain-challenge", &o.PlainChallenge, true},
	}
}

// Variants returns the names of every variant, and ConformingVariants those that keep the
// server conforming, both in a fixed order; a cross-check iterates them so that a new option
// is covered as soon as it is added here.
func Variants() []string { return variantNames(func(variant) bool { return true }) }

// ConformingVariants: see Variants.
func ConformingVariants() []string { return variantNames(func(v variant) bool { return v.conforming }) }

func variantNames(keep func(variant) bool) []string {
	var o Options
	var out []string
	for _, v := range o.variants() {
		if keep(v) {
			out = append(out, v.name)
		}
	}
	return out
}

// ParseVariants turns variant names into Options. An unknown name or a combination that
// Validate refuses is an error.
func ParseVariants(names ...string) (Options, error) {
	var o Options
	vs := o.variants()
	for _, name := range names {
		found := false
		for _, v := range vs {
			if v.name == name {
				*v.on, found = true, true
				break
			}
		}
		if !found {
			return Options{}, fmt.Errorf("unknown variant %q (known: %v)", name, Variants())
		}
	}
	if err := o.Validate(); err != nil {
		return Options{}, fmt.Errorf("variants %v: %w", names, err)
	}
	return o, nil
}

// Names lists the variants that o turns on, in the order of Variants.
func (o Options) Names() []string {
	var out []string
	for _, v := range o.variants() {
		if *v.on {
			out = append(out, v.name)
		}
	}
	return out
}

// Validate reports options that exclude each other: each group below picks one side of the
// same open point, and with two sides on, one would silently override the other.
func (o Options) Validate() error {
	var errs []error
	if o.ProtocolIgnore && o.ProtocolStrict {
		errs = append(errs, errors.New("protocol-ignore and protocol-strict exclude each other"))
	}
	n := 0
	for _, on := range []bool{o.Seconds, o.Offset, o.Nanos} {
		if on {
			n++
		}
	}
	if n > 1 {
		errs = append(errs, errors.New("seconds, offset and nanos exclude each other"))
	}
	return errors.Join(errs...)
}
