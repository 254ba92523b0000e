// Package specs embeds the OpenAPI documents of every API surface the suite checks.
package specs

import "embed"

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
