package transmit

import (
	"fmt"
	"maps"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clientconf/clientconf/reference/faults"
	"github.com/clientconf/clientconf/reference/specdoc"
)

// loadSpecs loads the two Transmit specs, with the fault switches that break a schema rule
// applied as patches: the rule lives in the spec, so its fault lives there too. Client body
// rules are shared by both surfaces, so their patches apply to both documents.
func loadSpecs(set faults.Set) (specdoc.Router, error) {
	var clientPatches, appPatches []specdoc.Patch
	// In name order, so that a combination of faults always patches the same way.
	for _, name := range slices.Sorted(maps.Keys(clientSchemaFaults())) {
		if set.On(name) {
			clientPatches = append(clientPatches, clientSchemaFaults()[name]...)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(appSchemaFaults())) {
		if set.On(name) {
			appPatches = append(appPatches, appSchemaFaults()[name]...)
		}
	}
	clients, err := specdoc.Load("clients", clientPatches...)
	if err != nil {
		return nil, fmt.Errorf("clients spec: %w", err)
	}
	apps, err := specdoc.Load("applications", append(clientPatches, appPatches...)...)
	if err != nil {
		return nil, fmt.Errorf("applications spec: %w", err)
	}
	return specdoc.Router{clients, apps}, nil
}

// clientBodies are the client request bodies; the nested-object faults break their members.
var clientBodies = []string{"OidcClientCreate", "SamlClientCreate", "OidcClientUpdate", "SamlClientUpdate"}

// oldClaimsEnumSize: the first ten claims are the whole enum of the older vendor pages.
const oldClaimsEnumSize = 10

func clientSchemaFaults() map[string][]specdoc.Patch {
	nameOptional := func(names ...string) []specdoc.Patch {
		out := make([]specdoc.Patch, len(names))
		for i, n := range names {
			out[i] = specdoc.Optional(n, "name")
		}
		return out
	}
	return map[string][]specdoc.Patch{
		fClientsClaimsOldEnum: {specdoc.Component("Claim", func(s *openapi3.Schema) {
			if len(s.Enum) > oldClaimsEnumSize {
				s.Enum = s.Enum[:oldClaimsEnumSize]
			}
		})},
		fClientsClaimsUnchecked:     {specdoc.Component("Claim", func(s *openapi3.Schema) { s.Enum = nil })},
		fClientsClientTypeUnchecked: {specdoc.EveryProperty("client_type", func(s *openapi3.Schema) { s.Enum = nil })},
		fClientsNativeRejected:      {specdoc.EveryProperty("client_type", func(s *openapi3.Schema) { s.Enum = []any{"web"} })},
		fClientsSamesiteStrictAccepted: {specdoc.EveryProperty("short_cookies_samesite_type", func(s *openapi3.Schema) {
			s.Enum = append(slices.Clone(s.Enum), "strict") // what the vendor's prose lists
		})},
		fClientsResponseTypesNoneAccepted: {specdoc.EveryProperty("response_types", func(s *openapi3.Schema) {
			s.Items.Value.Enum = append(slices.Clone(s.Items.Value.Enum), "none") // the vendor's odd response default
		})},
		fClientsEmptyNameAccepted: {specdoc.EveryProperty("name", func(s *openapi3.Schema) { s.MinLength = 0 })},
		fClientsRelativeRedirectAccepted: {specdoc.EveryProperty("redirect_uris", func(s *openapi3.Schema) {
			if s.Items != nil && s.Items.Value != nil {
				s.Items.Value.Format = ""
			}
		})},
		fClientsEmptyRedirectURIsAccepted: {specdoc.EveryProperty("redirect_uris", func(s *openapi3.Schema) { s.MinItems = 0 })},
		fClientsMissingNameAccepted:       nameOptional("OidcClientCreate", "SamlClientCreate"),
		fClientsResourceIDsOptional:       {specdoc.Optional("ResourceIdsInput", "resource_ids")},
		fClientsNestedRequiredUnchecked:   {nestedObjects(func(s *openapi3.Schema) { s.Required = nil })},
		fClientsNestedUnknownRejected: {nestedObjects(func(s *openapi3.Schema) {
			if len(s.Properties) > 0 { // free-form objects (JWKs) stay open
				closed := false
				s.AdditionalProperties = openapi3.AdditionalProperties{Has: &closed}
			}
		})},
	}
}

func appSchemaFaults() map[string][]specdoc.Patch {
	return map[string][]specdoc.Patch{
		fAppsKeyStatusUnchecked:  {specdoc.Property("SigningKeyUpdate", "status", func(s *openapi3.Schema) { s.Enum = nil })},
		fAppsDisplayNameOptional: {specdoc.Optional("AppCreate", "client_display_name")},
		fAppsKeyNameOptional:     {specdoc.Optional("SigningKeyCreate", "name")},
		fAppsUploadJWKOptional:   {specdoc.Optional("SigningKeyUpload", "jwk")},
		// The bug: routes registered in the order {appId} first, so "list" is taken for an app id.
		fAppsListRouteShadowed: {specdoc.RemovePath("/v1/applications/list")},
	}
}

// nestedObjects patches every object schema nested in a client body, at any depth.
func nestedObjects(change func(*openapi3.Schema)) specdoc.Patch {
	return func(t *openapi3.T) error {
		seen := map[*openapi3.Schema]bool{}
		var walk func(s *openapi3.Schema, top bool)
		walk = func(s *openapi3.Schema, top bool) {
			if s == nil || seen[s] {
				return
			}
			seen[s] = true
			if !top && s.Type.Is(openapi3.TypeObject) {
				change(s)
			}
			for _, p := range s.Properties {
				walk(p.Value, false)
			}
			for _, sub := range s.AllOf {
				walk(sub.Value, top)
			}
		}
		for _, name := range clientBodies {
			ref := t.Components.Schemas[name]
			if ref == nil {
				return fmt.Errorf("no component schema %s", name)
			}
			walk(ref.Value, true)
		}
		return nil
	}
}

// responseFields are the members the response schema of a protocol's client declares: only
// these stored fields are rendered, which keeps input-only fields and the other protocol's out.
// inputOnly are the create body's members that the response schema lacks.
func responseFields(d *specdoc.Doc) (fields, inputOnly map[string][]string, err error) {
	fields, inputOnly = map[string][]string{}, map[string][]string{}
	for protocol, names := range map[string][2]string{"oidc": {"OidcClient", "OidcClientCreate"}, "saml": {"SamlClient", "SamlClientCreate"}} {
		resp, create := d.Schema(names[0]), d.Schema(names[1])
		if resp == nil || create == nil {
			return nil, nil, fmt.Errorf("no component schemas %v", names)
		}
		for name := range resp.Properties {
			fields[protocol] = append(fields[protocol], name)
		}
		for name := range create.Properties {
			if resp.Properties[name] == nil {
				inputOnly[protocol] = append(inputOnly[protocol], name)
			}
		}
		slices.Sort(fields[protocol])
		slices.Sort(inputOnly[protocol])
	}
	return fields, inputOnly, nil
}
