// Package reference is an in-memory, conforming implementation of every API surface the suite
// checks: the Transmit clients and applications APIs under /cis, the Auth0 Management API v2
// clients under /api/v2, and their client credentials token endpoints (/oidc/token,
// /oauth/token). It is the suite's embedded default target, and its fault switches let the
// suite prove that it catches each broken rule.
//
// It is also a fake for your own tests. New returns an http.Handler; serve it with
// net/http/httptest and point your client code (an SDK, a Terraform provider, your service's
// client) at the test server's URL:
//
//	h, err := reference.New(reference.Options{})
//	srv := httptest.NewServer(h)
//	defer srv.Close()
//	tenant, _ := fixtures.ReferenceTenant()
//	main, _ := tenant.TokenFor("main") // full client scopes on every surface
//	api, err := management.New(srv.URL, management.WithInsecure(), management.WithStaticToken(main.Token))
//
// (go-auth0's WithInsecure switches to http and sets a placeholder token, so it goes before the
// token option; management.WithClientCredentials(ctx, main.ClientID, main.ClientSecret) works
// too, against the fake's /oauth/token.)
//
// Tokens: the tenant's role tokens (fixtures/reference-tenant.json: main, readonly, noperm, other,
// admin) are accepted as bearer tokens; each role's client_id and client_secret also get tokens
// from the token endpoints (POST /oauth/token with audience http://HOST/api/v2/ for Auth0). The
// scopes each role has on the Auth0 surface are in fixtures/reference-auth0.json.
//
// Options choose the tenant, seed Auth0 clients, fix the clock and turn on fault switches
// (Faults lists them), so a test can also check how its code copes with a server that breaks one
// rule. The server follows the suite's contract and, where the contract is silent, what recorded
// real Auth0 traffic showed (reference/auth0's replay tests).
package reference
