// Command refserver serves the reference server (every surface) on an address and prints the
// CONFORMANCE_* lines that point the suite at it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/clientconf/clientconf/conformance/envvar"
	"github.com/clientconf/clientconf/fixtures"
	"github.com/clientconf/clientconf/reference"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	faultList := flag.String("faults", "", "comma list of fault switches to turn on (see -list-faults)")
	listFaults := flag.Bool("list-faults", false, "print every fault switch and exit")
	flag.Parse()
	if err := run(*addr, *faultList, *listFaults); err != nil {
		fmt.Fprintln(os.Stderr, "refserver:", err)
		os.Exit(1)
	}
}

func run(addr, faultList string, listFaults bool) error {
	if listFaults {
		all := reference.Faults()
		sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
		for _, f := range all {
			fmt.Printf("%-60s %s\n", f.Name, f.Description)
		}
		return nil
	}
	var names []string
	if faultList != "" {
		names = strings.Split(faultList, ",")
	}
	h, err := reference.New(reference.Options{Faults: names})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	if err := printEnv("http://" + ln.Addr().String()); err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// printEnv prints the variables that point the suite at this server. The tokens are the
// reference tenant's fixtures, not secrets of any real tenant.
func printEnv(root string) error {
	tenant, err := fixtures.ReferenceTenant()
	if err != nil {
		return err
	}
	fmt.Printf("# reference server on %s (Transmit under /cis, Auth0 under /api/v2)\n", root)
	fmt.Printf("export %s=%s/cis\n", envvar.BaseURL, root)
	fmt.Printf("export %s=clients,applications\n", envvar.Surfaces)
	for _, tok := range tenant.Tokens {
		if rv, ok := envvar.ForRole(tok.Role); ok {
			fmt.Printf("export %s=%s\n", rv.Token, tok.Token)
		}
		switch tok.Role {
		case "main":
			fmt.Printf("export %s=%s\n", envvar.AppID, tok.AppID)
		case "other":
			fmt.Printf("export %s=%s\n", envvar.OtherAppID, tok.AppID)
		}
	}
	fmt.Printf("export %s=1\n", envvar.AllowDestructive)
	fmt.Printf("# for the Auth0 surface, same tokens, then:\n#   export %s=%s/api/v2 %s=auth0\n", envvar.BaseURL, root, envvar.Surfaces)
	printCredentials(tenant)
	return nil
}

// printCredentials prints, commented out, the alternative to the tokens: each role's client
// credentials, with which the suite fetches its tokens from the server's token endpoint.
func printCredentials(tenant fixtures.Tenant) {
	var unset []string
	for _, tok := range tenant.Tokens {
		if rv, ok := envvar.ForRole(tok.Role); ok {
			unset = append(unset, rv.Token)
		}
	}
	fmt.Println("# Alternative: fetch every token with client credentials from the token endpoint, which the")
	fmt.Println("# suite derives from " + envvar.BaseURL + " (/oidc/token; /oauth/token for Auth0). A role has a")
	fmt.Println("# token or client credentials, never both, so unset the tokens first:")
	fmt.Printf("#   unset %s\n", strings.Join(unset, " "))
	for _, tok := range tenant.Tokens {
		if rv, ok := envvar.ForRole(tok.Role); ok && tok.ClientID != "" {
			fmt.Printf("#   export %s=%s %s=%s\n", rv.ClientID, tok.ClientID, rv.ClientSecret, tok.ClientSecret)
		}
	}
}
