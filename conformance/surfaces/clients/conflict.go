package clients

import (
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// clientConflictScenarios: 409 answers (names unique per app, per protocol, on rename).
func clientConflictScenarios(a ClientAPI) []scenario.Scenario {
	return []scenario.Scenario{
		{ID: a.id("clients/conflict/duplicate-name"), Basis: scenario.Assumed,
			Requirement: "A second client with the same name in the same app gives 409.",
			Run: func(s *scenario.S) {
				_, first := a.CreateMinimal(s)
				body := MinimalOIDC(s)
				body["name"] = first.String("/name")
				s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), scenario.JSON(body)).Check(http.StatusConflict)
			}},
		{ID: a.id("clients/conflict/rename-onto-existing"), Basis: scenario.Assumed,
			Requirement: "Renaming a client to another client's name gives 409 and leaves it unchanged.",
			Run: func(s *scenario.S) {
				_, first := a.CreateMinimal(s)
				id, _ := a.CreateMinimal(s)
				// That the name stays is the context's read-back after the refused write (postcheck.go).
				s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"name": first.String("/name")})).Check(http.StatusConflict)
			}},
		{ID: a.id("clients/conflict/put-own-name-allowed"), Basis: scenario.Assumed,
			Requirement: "A PUT that repeats the client's own name is not a conflict (200).",
			Run: func(s *scenario.S) {
				id, r := a.CreateMinimal(s)
				s.Do(scenario.Main, http.MethodPut, a.item(s, scenario.Main, id), scenario.JSON(map[string]any{"name": r.String("/name")})).Check(http.StatusOK)
			}},
		{ID: a.id("clients/conflict/saml-name-clashes-with-oidc"), Basis: scenario.Assumed,
			Requirement: "A SAML client named like an existing OIDC client of the app gives 409 (names are unique per app).",
			Run: func(s *scenario.S) {
				_, first := a.CreateMinimal(s)
				body := fixtureBody(s, "client-saml.json")
				body["name"] = first.String("/name")
				s.Do(scenario.Main, http.MethodPost, a.Collection(s, scenario.Main), scenario.JSON(body)).Check(http.StatusConflict)
			}},
		{ID: a.id("clients/conflict/names-compared-exactly"), Basis: scenario.Assumed,
			Requirement: "Names are compared exactly: a name differing only in letter case is not a duplicate (201).",
			Run: func(s *scenario.S) {
				body := MinimalOIDC(s)
				body["name"] = s.Name("Case")
				a.Create(s, scenario.Main, body)
				twin := MinimalOIDC(s)
				twin["name"] = lowerASCII(body["name"].(string))
				a.Create(s, scenario.Main, twin)
			}},
		{ID: a.id("clients/conflict/same-name-other-app-allowed"), Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Other},
			Requirement: "The same client name in another app is allowed (201).",
			Run: func(s *scenario.S) {
				_, first := a.CreateMinimal(s)
				body := MinimalOIDC(s)
				body["name"] = first.String("/name")
				a.Create(s, scenario.Other, body)
			}},
	}
}

// lowerASCII lowers A–Z only, for a name that differs from another in case alone.
func lowerASCII(v string) string {
	b := []byte(v)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
