package auth0

import (
	"net/url"
	"slices"
	"strings"
)

// Read tiers of api-facts/auth0.md §10: summary fields are visible to every read scope,
// secret-tier fields only with read:client_keys or read:client_credentials, the rest (config)
// with read:clients or read:client_keys.
var (
	summaryFields = []string{"client_id", "app_type", "name", "description"}
	secretFields  = []string{"client_secret", "encryption_key", "client_authentication_methods", "signing_keys"}
)

// visible drops the fields p may not read from a client of a read response (GET one, list).
// Out-of-tier fields are silently left out, also when asked for by `fields` (the contract leaves
// "omit or 403" open; omitting is what the vendor does for plain reads; the variant
// secret-field-403 answers 403 instead, see secretFieldRefused).
func (s *server) visible(doc map[string]any, p principal) map[string]any {
	showConfig := p.hasAny(scopeReadClients, scopeReadClientKeys)
	showSecrets := s.seesSecrets(p)
	for key := range doc {
		switch {
		case slices.Contains(summaryFields, key):
		case slices.Contains(secretFields, key):
			if !showSecrets {
				delete(doc, key)
			}
		default:
			if !showConfig {
				delete(doc, key)
			}
		}
	}
	return doc
}

// seesSecrets reports whether p may read the secret-tier fields.
func (s *server) seesSecrets(p principal) bool {
	switch {
	case s.faults.On(faultReadScopeSeesSecrets) && p.hasAny(scopeReadClients):
		return true
	case s.faults.On(faultClientKeysHidesSecret):
		return p.hasAny(scopeReadCredentials)
	case s.faults.On(faultCredentialsScopeNoKeys):
		return p.hasAny(scopeReadClientKeys)
	}
	return p.hasAny(scopeReadClientKeys, scopeReadCredentials)
}

// fieldSelection is the fields / include_fields pair of a read.
type fieldSelection struct {
	fields  []string // empty: no selection
	include bool
}

// parseFields reads fields / include_fields. include_fields defaults to true: the vendor is
// silent, and every SDK that sends fields sends include_fields=true with it.
func parseFields(q url.Values) (fieldSelection, *apiError) {
	sel := fieldSelection{include: true}
	if raw := q.Get("include_fields"); raw != "" {
		b, err := parseBool("include_fields", raw)
		if err != nil {
			return sel, err
		}
		sel.include = b
	}
	raw := q.Get("fields")
	if raw == "" {
		return sel, nil
	}
	for _, f := range strings.Split(raw, ",") {
		sel.fields = append(sel.fields, strings.TrimSpace(f)) // known names: the spec's pattern
	}
	return sel, nil
}

// apply keeps (include) or drops (exclude) the selected fields; "a.b" selects key b of object a.
func (s *server) apply(sel fieldSelection, doc map[string]any) map[string]any {
	if len(sel.fields) == 0 || s.faults.On(faultFieldsIgnored) {
		return doc
	}
	if !sel.include {
		for _, f := range sel.fields {
			top, sub, nested := strings.Cut(f, ".")
			if !nested {
				delete(doc, top)
			} else if obj, ok := doc[top].(map[string]any); ok {
				delete(obj, sub)
			}
		}
		return doc
	}
	out := map[string]any{}
	// Live Auth0 answers tenant with every include selection (recorded list pages asking only
	// for client_id hold {tenant, client_id}).
	if t, ok := doc["tenant"]; ok {
		out["tenant"] = t
	}
	for _, f := range sel.fields {
		if v, ok := doc[f]; ok && !strings.Contains(f, ".") {
			out[f] = v
		}
	}
	for _, f := range sel.fields {
		top, sub, nested := strings.Cut(f, ".")
		if !nested || slices.Contains(sel.fields, top) {
			continue // the whole object is selected anyway
		}
		obj, _ := doc[top].(map[string]any)
		sv, ok := obj[sub]
		if !ok {
			continue
		}
		part, _ := out[top].(map[string]any)
		if part == nil {
			part = map[string]any{}
			out[top] = part
		}
		part[sub] = sv
	}
	return out
}
