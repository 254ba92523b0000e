package auth0

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clientconf/clientconf/reference/faults"
	"github.com/clientconf/clientconf/reference/specdoc"
)

// loadSpec loads the Auth0 spec with the fault switches that break a schema rule applied as
// patches: the rule lives in the spec, so its fault lives there too.
func loadSpec(set faults.Set) (*specdoc.Doc, error) {
	var patches []specdoc.Patch
	all := schemaFaults()
	maps.Copy(all, issue12SchemaFaults())
	for _, name := range slices.Sorted(maps.Keys(all)) { // a fixed order for any combination
		if set.On(name) {
			patches = append(patches, all[name]...)
		}
	}
	return specdoc.Load("auth0", patches...)
}

func schemaFaults() map[string][]specdoc.Patch {
	bothBodies := func(property string, change func(*openapi3.Schema)) []specdoc.Patch {
		return []specdoc.Patch{specdoc.Property("ClientCreate", property, change), specdoc.Property("ClientUpdate", property, change)}
	}
	return map[string][]specdoc.Patch{
		faultAppTypeUnchecked: {specdoc.Component("AppType", func(s *openapi3.Schema) { s.Enum = nil })},
		faultAuthMethodExtraValue: {specdoc.Component("TokenEndpointAuthMethod", func(s *openapi3.Schema) {
			s.Enum = append(slices.Clone(s.Enum), "private_key_jwt")
		})},
		faultCredentialTypeLenient: {specdoc.Component("CredentialType", func(s *openapi3.Schema) { s.Enum = nil })},
		faultDescriptionUnlimited:  bothBodies("description", func(s *openapi3.Schema) { s.MaxLength = nil }),
		faultNameAngleBrackets:     bothBodies("name", func(s *openapi3.Schema) { s.Pattern = "" }),
		faultNameOptional:          {specdoc.Optional("ClientCreate", "name")},
		// The inline credentials' pem; CredentialCreate's is a rule in code (checkCredentialMaterial).
		faultCredentialPemOptional: {specdoc.Optional("PublicKeyCredentialCreate", "pem"), specdoc.Optional("X509CertCredentialCreate", "pem")},
		faultPerPageClamped: {specdoc.QueryParameter("getClients", "per_page", func(s *openapi3.Schema) {
			s.Max = nil // accepted, then clamped by listClients
		})},
	}
}

// checkBody validates a decoded body against the request schema of the operation. The lenient
// fault switches rewrite the body first: unknown keys dropped, "true"/"false" turned into
// booleans.
func (s *server) checkBody(opID string, body map[string]any) *apiError {
	route := s.spec.Operation(opID)
	schema := route.BodySchema()
	if s.faults.On(faultUnknownKeyAccepted) {
		for key := range body {
			if schema.Properties[key] == nil {
				delete(body, key) // accepted, then silently dropped
			}
		}
	}
	if s.faults.On(faultBooleanStringCoerced) {
		specdoc.Rewrite(schema, body, func(sch *openapi3.Schema, v any) any {
			if str, ok := v.(string); ok && sch != nil && sch.Type.Is(openapi3.TypeBoolean) && (str == "true" || str == "false") {
				return str == "true"
			}
			return v
		})
	}
	return asAPIError(route.ValidateBody(body), badBody)
}

// checkQuery validates the query parameters of r against the operation.
func (s *server) checkQuery(opID string, r *http.Request) *apiError {
	return asAPIError(s.spec.Operation(opID).ValidateQuery(context.Background(), r), badQuery)
}

func asAPIError(err error, bad func(string, ...any) *apiError) *apiError {
	var p *specdoc.Problem
	switch {
	case err == nil:
		return nil
	case errors.As(err, &p):
		return bad("%s", p.Error())
	}
	// The spec or the server is broken: never pass it off as the caller's fault.
	return &apiError{Status: http.StatusInternalServerError, Message: "validate request: " + err.Error()}
}

// checkInlineCredentials applies the rule the schema cannot say to the credentials a create body
// defines (in client_authentication_methods and signed_request_object).
func (s *server) checkInlineCredentials(body map[string]any) *apiError {
	var defs []any
	if methods, ok := body["client_authentication_methods"].(map[string]any); ok {
		for _, m := range methods {
			if method, ok := m.(map[string]any); ok {
				list, _ := method["credentials"].([]any)
				defs = append(defs, list...)
			}
		}
	}
	if jar, ok := body["signed_request_object"].(map[string]any); ok {
		list, _ := jar["credentials"].([]any)
		defs = append(defs, list...)
	}
	for _, d := range defs {
		if c, ok := d.(map[string]any); ok {
			if msg := s.checkCredentialMaterial(c); msg != "" {
				return badBody("%s", msg)
			}
		}
	}
	return nil
}

// checkCredentialMaterial is the rule the schema cannot say: public_key and x509_cert need a
// pem, cert_subject_dn exactly one of subject_dn and pem.
func (s *server) checkCredentialMaterial(c map[string]any) string {
	_, hasPem := c["pem"]
	switch c["credential_type"] {
	case "public_key", "x509_cert":
		if !hasPem && !s.faults.On(faultCredentialPemOptional) {
			return "pem is required for credential_type " + c["credential_type"].(string)
		}
	case "cert_subject_dn":
		if _, hasDN := c["subject_dn"]; hasDN == hasPem {
			return "cert_subject_dn needs exactly one of subject_dn and pem"
		}
	}
	return ""
}
