package auth0

import (
	"fmt"
	"slices"
	"sort"
)

// shapeRules say how far a recorded body can be trusted (see realtraffic/README.md).
type shapeRules struct {
	// reencoded: the recorder re-encoded the body through go-auth0's Client type, which drops
	// keys the SDK of the recording did not know and injects client_secret and signing_keys, so
	// keys only we send are not evidence and those two recorded keys are not required.
	reencoded bool
}

// recorderInjected are values go-auth0's recorders put into re-encoded client bodies.
var recorderInjected = map[string]bool{"client_secret": true, "signing_keys": true}

// sdkAliases are recorded keys that older go-auth0 versions wrote for a key Auth0 sends under
// another name: their Client type re-encoded cross_origin_authentication as cross_origin_auth.
var sdkAliases = map[string]string{"cross_origin_auth": "cross_origin_authentication"}

// sdkZeroValues are the keys go-auth0's ClientList adds to Auth0's list page since 2024-11.
var sdkZeroValues = map[string]bool{"length": true, "next": true}

// shapeDiff lists where ours does not have the shape of rec: the same JSON type at every
// recorded path, every recorded key present, and (for Auth0's own bytes) no key of ours that
// the recording lacks. Values are not compared: ids, secrets, names and times differ by nature.
// Array items are compared position by position, since lists hold objects of one kind.
func shapeDiff(rec, ours any, path string, r shapeRules) []string {
	switch rv := rec.(type) {
	case nil:
		return nil // a recorded null: any value of ours (the key's presence is checked above)
	case map[string]any:
		ov, ok := ours.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: object recorded, got %s", path, jsonType(ours))}
		}
		var diffs []string
		for _, k := range sortedKeys(rv) {
			sub, present := ov[k]
			if alias := sdkAliases[k]; r.reencoded && !present && alias != "" {
				sub, present = ov[alias]
			}
			switch {
			case present:
				diffs = append(diffs, shapeDiff(rv[k], sub, path+"/"+k, r)...)
			case rv[k] == nil: // null and absent both say "unset"
			case r.reencoded && (recorderInjected[k] || sdkZeroValues[k]):
			default:
				diffs = append(diffs, fmt.Sprintf("%s/%s: recorded, missing", path, k))
			}
		}
		if !r.reencoded {
			for _, k := range sortedKeys(ov) {
				if _, recorded := rv[k]; !recorded && ov[k] != nil {
					diffs = append(diffs, fmt.Sprintf("%s/%s: not recorded, sent", path, k))
				}
			}
		}
		return diffs
	case []any:
		ov, ok := ours.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: array recorded, got %s", path, jsonType(ours))}
		}
		var diffs []string
		for i := range min(len(rv), len(ov)) {
			diffs = append(diffs, shapeDiff(rv[i], ov[i], fmt.Sprintf("%s/%d", path, i), r)...)
		}
		return diffs
	default:
		if jsonType(rec) != jsonType(ours) {
			return []string{fmt.Sprintf("%s: %s recorded, got %s", path, jsonType(rec), jsonType(ours))}
		}
		return nil
	}
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	default:
		return "number"
	}
}

// topDiffs keeps the first n diffs, sorted, for a readable failure.
func topDiffs(diffs []string, n int) []string {
	d := slices.Clone(diffs)
	sort.Strings(d)
	if len(d) > n {
		d = append(d[:n], fmt.Sprintf("… %d more", len(diffs)-n))
	}
	return d
}

// derivedCredentialKeys are the credential members that follow from the request alone (the
// key material, the sent name and type), so the reference must answer the recorded values.
var derivedCredentialKeys = []string{"credential_type", "name", "kid", "alg", "subject_dn", "thumbprint_sha256", "expires_at"}

// credentialValueDiff compares the derived members of a credential, or of each credential of a
// list, with the recorded values.
func credentialValueDiff(rec, ours any) []string {
	if rl, ok := rec.([]any); ok {
		ol, _ := ours.([]any)
		var diffs []string
		for i := range min(len(rl), len(ol)) {
			for _, d := range credentialValueDiff(rl[i], ol[i]) {
				diffs = append(diffs, fmt.Sprintf("/%d%s", i, d))
			}
		}
		return diffs
	}
	rm, _ := rec.(map[string]any)
	om, _ := ours.(map[string]any)
	var diffs []string
	for _, k := range derivedCredentialKeys {
		if rv, ok := rm[k]; ok && rv != nil && fmt.Sprint(rv) != fmt.Sprint(om[k]) {
			diffs = append(diffs, fmt.Sprintf("/%s: recorded %v, got %v", k, rv, om[k]))
		}
	}
	return diffs
}
