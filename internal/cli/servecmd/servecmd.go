// Package servecmd is the reference-server command shared by cmd/refserver and `clientconf
// serve`: it serves the reference server (every surface) on an address and prints the
// CONFORMANCE_* lines that point the suite at it.
package servecmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
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
	"github.com/clientconf/clientconf/reference/faults"
)

// Main runs the command with args (without the command name) until SIGINT or SIGTERM; it
// returns the exit status: 0, 1 when the server could not start, 2 on bad flags.
func Main(name string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	faultList := fs.String("faults", "", "comma list of fault switches to turn on (see -list-faults)")
	listFaults := fs.Bool("list-faults", false, "print every fault switch and exit")
	variantList := fs.String("variants", "", "comma list of variants to turn on: conforming alternatives on points "+
		"the contract leaves open (see -list-variants)")
	listVariants := fs.Bool("list-variants", false, "print every variant and exit")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *listVariants {
		printInfos(stdout, reference.Variants())
		return 0
	}
	if err := run(*addr, *faultList, *variantList, *listFaults, stdout); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	return 0
}

func run(addr, faultList, variantList string, listFaults bool, stdout io.Writer) error {
	if listFaults {
		printInfos(stdout, reference.Faults())
		return nil
	}
	split := func(list string) []string {
		if list == "" {
			return nil
		}
		return strings.Split(list, ",")
	}
	h, err := reference.New(reference.Options{Faults: split(faultList), Variants: split(variantList)})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	if err := printEnv(stdout, "http://"+ln.Addr().String()); err != nil {
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

// printInfos prints fault switches or variants, one a line, sorted by name.
func printInfos(w io.Writer, all []faults.Info) {
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	for _, f := range all {
		fmt.Fprintf(w, "%-60s %s\n", f.Name, f.Description)
	}
}

// printEnv prints the variables that point the suite at this server. The tokens are the
// reference tenant's fixtures, not secrets of any real tenant.
func printEnv(w io.Writer, root string) error {
	tenant, err := fixtures.ReferenceTenant()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "# reference server on %s (Transmit under /cis, Auth0 under /api/v2)\n", root)
	fmt.Fprintf(w, "export %s=%s/cis\n", envvar.BaseURL, root)
	fmt.Fprintf(w, "export %s=clients,applications\n", envvar.Surfaces)
	for _, tok := range tenant.Tokens {
		if rv, ok := envvar.ForRole(tok.Role); ok {
			fmt.Fprintf(w, "export %s=%s\n", rv.Token, tok.Token)
		}
		switch tok.Role {
		case "main":
			fmt.Fprintf(w, "export %s=%s\n", envvar.AppID, tok.AppID)
		case "other":
			fmt.Fprintf(w, "export %s=%s\n", envvar.OtherAppID, tok.AppID)
		}
	}
	fmt.Fprintf(w, "export %s=1\n", envvar.AllowDestructive)
	fmt.Fprintf(w, "# for the Auth0 surface, same tokens, then:\n#   export %s=%s/api/v2 %s=auth0\n", envvar.BaseURL, root, envvar.Surfaces)
	printCredentials(w, tenant)
	return nil
}

// printCredentials prints, commented out, the alternative to the tokens: each role's client
// credentials, with which the suite fetches its tokens from the server's token endpoint.
func printCredentials(w io.Writer, tenant fixtures.Tenant) {
	var unset []string
	for _, tok := range tenant.Tokens {
		if rv, ok := envvar.ForRole(tok.Role); ok {
			unset = append(unset, rv.Token)
		}
	}
	fmt.Fprintln(w, "# Alternative: fetch every token with client credentials from the token endpoint, which the")
	fmt.Fprintln(w, "# suite derives from "+envvar.BaseURL+" (/oidc/token; /oauth/token for Auth0). A role has a")
	fmt.Fprintln(w, "# token or client credentials, never both, so unset the tokens first:")
	fmt.Fprintf(w, "#   unset %s\n", strings.Join(unset, " "))
	for _, tok := range tenant.Tokens {
		if rv, ok := envvar.ForRole(tok.Role); ok && tok.ClientID != "" {
			fmt.Fprintf(w, "#   export %s=%s %s=%s\n", rv.ClientID, tok.ClientID, rv.ClientSecret, tok.ClientSecret)
		}
	}
}
