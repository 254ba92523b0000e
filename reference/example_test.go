package reference_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"

	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference"
)

// The reference server as a fake Auth0 tenant for a test: seed a client, fix the clock, and let
// the official Go SDK talk to it over httptest.
func ExampleNew() {
	h, err := reference.New(reference.Options{
		Auth0Clients: []map[string]any{
			{"client_id": "seeded-client-id", "name": "billing-service", "app_type": "non_interactive"},
		},
		Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
	})
	if err != nil {
		panic(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	tenant, _ := fixtures.ReferenceTenant()
	main, _ := tenant.TokenFor("main") // a token with every clients scope
	api, err := management.New(srv.URL, management.WithInsecure(), management.WithStaticToken(main.Token))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	seeded, err := api.Client.Read(ctx, "seeded-client-id")
	if err != nil {
		panic(err)
	}
	fmt.Println(seeded.GetName(), seeded.GetAppType())

	created := &management.Client{Name: auth0.String("web-frontend"), AppType: auth0.String("spa")}
	if err := api.Client.Create(ctx, created); err != nil {
		panic(err)
	}
	list, err := api.Client.List(ctx, management.Parameter("is_global", "false"))
	if err != nil {
		panic(err)
	}
	fmt.Println("clients:", list.Total)

	pem, _ := fixtures.PEM("test-key-1.pub.pem")
	cred := &management.Credential{CredentialType: auth0.String("public_key"), PEM: auth0.String(pem)}
	if err := api.Client.CreateCredential(ctx, created.GetClientID(), cred); err != nil {
		panic(err)
	}
	fmt.Println("credential created at", cred.GetCreatedAt().Format(time.RFC3339))
	// Output:
	// billing-service non_interactive
	// clients: 2
	// credential created at 2026-01-02T03:04:05Z
}
