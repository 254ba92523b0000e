package applications

import (
	"context"
	"net/http"

	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/conformance/scenario"
	"github.com/clientconf/clientconf/conformance/tokens"
)

// appTokenScenarios check what happens to an app's tokens when the app goes: the suite fetches
// a token of a scratch app from the token endpoint with the credentials of the app's default
// client, so it never needs a token of an app it did not create.
func appTokenScenarios() []scenario.Scenario {
	return []scenario.Scenario{
		{ID: "applications/permissions/deleted-app-token-401", Basis: scenario.Assumed, Roles: []scenario.Role{scenario.Admin},
			Requirement: "A token of a deleted app is unknown: GET /v1/clients with a token the app had before its deletion gets 401.",
			Run: func(s *scenario.S) {
				if s.Facts().TokenURL == "" {
					s.Skip(scenario.NotConfigured, "skipped: needs the token endpoint to fetch a token of a new app; set "+envvar.TokenURL)
				}
				id, created := s.ScratchApp()
				clientID, secret := defaultClientCredentials(s, id, created.String("/client_id"))
				if clientID == "" || secret == "" {
					s.Skip(scenario.NotApplicable, "skipped: the new app's default client shows no client_id and client_secret (GET %s/clients), "+
						"so the suite cannot fetch a token of the app", appPath(id))
				}
				tok := fetchClientToken(s, clientID, secret)
				auth := scenario.Header("Authorization", "Bearer "+tok)
				before := asAppToken(s, s.Do(scenario.NoToken, http.MethodGet, "/v1/clients", auth))
				if before.Is(http.StatusForbidden) {
					s.Skip(scenario.NotApplicable, "skipped: the new app's token may not read its clients (403), so its loss cannot be told from a missing permission")
				}
				before.Expect(http.StatusOK)
				s.Do(scenario.Admin, http.MethodDelete, appPath(id)).Expect(http.StatusNoContent)
				asAppToken(s, s.Do(scenario.NoToken, http.MethodGet, "/v1/clients", auth)).Check(http.StatusUnauthorized)
			}},
	}
}

// defaultClientCredentials reads the client_id and client_secret of an app's default client
// (want, when the created app named it; else the app's only client) from the app's client list.
func defaultClientCredentials(s *scenario.S, appID, want string) (clientID, secret string) {
	s.T.Helper()
	r := s.Do(scenario.Admin, http.MethodGet, appPath(appID)+"/clients").Expect(http.StatusOK)
	list, _ := r.Object().([]any)
	for _, item := range list {
		c, _ := item.(map[string]any)
		id, _ := c["client_id"].(string)
		if (want != "" && id == want) || (want == "" && len(list) == 1) {
			secret, _ = c["client_secret"].(string)
			return id, secret
		}
	}
	return "", ""
}

// fetchClientToken gets a token for a client from the target's (Transmit) token endpoint, and
// remembers it and the secret as secrets. A token endpoint that gives none skips the scenario:
// the contract leaves the token endpoint's answers open.
func fetchClientToken(s *scenario.S, clientID, secret string) string {
	s.T.Helper()
	s.Secret(secret)
	src := &tokens.ClientCredentials{TokenURL: s.Facts().TokenURL, ClientID: clientID, ClientSecret: secret,
		Style: tokens.Form, HTTPClient: s.Facts().HTTPClient}
	ctx, cancel := context.WithTimeout(s.T.Context(), s.Facts().Timeout)
	defer cancel()
	tok, err := src.Token(ctx)
	if err != nil {
		s.Skip(scenario.NotConfigured, "skipped: no token for the new app's default client: %s; set "+envvar.TokenURL+" to the target's token endpoint",
			s.Redact(err.Error()))
	}
	s.Secret(tok)
	return tok
}

// asAppToken labels an exchange sent with a fetched app token (sent as NoToken plus an explicit
// Authorization header), so failure messages name the token it used.
func asAppToken(s *scenario.S, r *scenario.Response) *scenario.Response {
	r.Role = "scratch app's fetched token"
	return r
}
