// Package specs embeds the OpenAPI documents of every API surface the suite checks.
package specs

import (
	"context"
	"embed"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// FS holds the OpenAPI documents, one YAML file per surface.
//
//go:embed *.openapi.yaml
var FS embed.FS

// File names the document of a surface id in FS; ok is false for an unknown surface.
func File(surface string) (name string, ok bool) {
	switch surface {
	case "clients":
		return "transmit-clients.openapi.yaml", true
	case "applications":
		return "transmit-applications.openapi.yaml", true
	case "auth0":
		return "auth0-clients.openapi.yaml", true
	}
	return "", false
}

// Surfaces lists every surface id, in the order reports show them.
func Surfaces() []string { return []string{"clients", "applications", "auth0"} }

// Load reads, parses and validates the document of a surface with kin-openapi. Each call
// returns a fresh document, so a caller may patch its copy. name is the file in FS.
func Load(surface string) (doc *openapi3.T, name string, err error) {
	name, ok := File(surface)
	if !ok {
		return nil, "", fmt.Errorf("unknown surface %q", surface)
	}
	data, err := FS.ReadFile(name)
	if err != nil {
		return nil, name, fmt.Errorf("read spec %s: %w", name, err)
	}
	doc, err = openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, name, fmt.Errorf("load spec %s: %w", name, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, name, fmt.Errorf("validate spec %s: %w", name, err)
	}
	return doc, name, nil
}
