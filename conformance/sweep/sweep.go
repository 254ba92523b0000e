// Package sweep finds and deletes what earlier conformance runs left in a target, by the name
// prefix every run gives to what it creates ("ccs-"). It never touches anything else. Its
// requests go through the run's pipeline (purpose "sweep"), so they are paced and recorded.
package sweep

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/clientconf/clientconf/conformance/pipeline"
)

// DefaultPrefix matches what any run created; a run's own prefix narrows it to that run.
const DefaultPrefix = "ccs-"

// Item is one leftover found by the sweep.
type Item struct {
	Surface string
	Kind    string // client, application, signing key
	ID      string
	Name    string
	Deleted bool
	Err     string
}

// The roles the sweep acts as; the pipeline's auth layer turns them into tokens.
const (
	RoleMain  = "main"  // app token: clients, signing keys, auth0
	RoleAdmin = "admin" // management token: applications
)

// Target is what the sweep needs: base URLs per surface and a client that authenticates each
// request as the role its context names (a pipeline.Pipeline's Client), so the sweep is paced,
// retried and written to the transcript like a run.
type Target struct {
	BaseURLs map[string]string // surface → base URL
	Client   *http.Client      // required: a pipeline client with RoleMain (and RoleAdmin) configured
	// HasRole reports whether a role is configured; kinds that need a missing role are skipped.
	// nil: every role is.
	HasRole func(role string) bool
}

// kind describes where one kind of leftover is listed and how it is deleted.
type kind struct {
	surface, name    string
	list             string // path of the list
	item             string // path template of one item
	envelope         string // member holding the list, "" for a bare array
	idKey, nameKey   string
	admin, paginated bool
}

func kinds() []kind {
	return []kind{
		{surface: "clients", name: "client", list: "/v1/clients", item: "/v1/clients/{clientId}", idKey: "client_id", nameKey: "name"},
		{surface: "applications", name: "application", list: "/v1/applications", item: "/v1/applications/{appId}",
			envelope: "result", idKey: "app_id", nameKey: "app_name", admin: true},
		{surface: "applications", name: "signing key", list: "/v1/applications/signing-keys", item: "/v1/applications/signing-keys/{id}",
			idKey: "id", nameKey: "name"},
		{surface: "auth0", name: "client", list: "/clients", item: "/clients/{id}", idKey: "client_id", nameKey: "name", paginated: true},
	}
}

// itemPath is the path of one item: the template with its one parameter filled in.
func (k kind) itemPath(id string) string {
	i := strings.IndexByte(k.item, '{')
	return k.item[:i] + url.PathEscape(id)
}

func (k kind) role() string {
	if k.admin {
		return RoleAdmin
	}
	return RoleMain
}

// Run lists every leftover whose name starts with prefix and, unless dryRun, deletes it.
func Run(ctx context.Context, t Target, prefix string, dryRun bool) ([]Item, error) {
	if !strings.HasPrefix(prefix, DefaultPrefix) {
		return nil, fmt.Errorf("prefix %q does not start with %q: the sweep only deletes what conformance runs created", prefix, DefaultPrefix)
	}
	if t.Client == nil {
		return nil, errors.New("sweep: no client (want the pipeline's, which sends each role's token)")
	}
	var out []Item
	for _, k := range kinds() {
		base, ok := t.BaseURLs[k.surface]
		if !ok || (t.HasRole != nil && !t.HasRole(k.role())) {
			continue
		}
		found, err := list(ctx, t.Client, base, k, prefix)
		if err != nil {
			return out, err
		}
		for _, it := range found {
			if !dryRun {
				it.Err = del(ctx, t.Client, base+k.itemPath(it.ID), k)
				it.Deleted = it.Err == ""
			}
			out = append(out, it)
		}
	}
	return out, nil
}

func list(ctx context.Context, c *http.Client, base string, k kind, prefix string) ([]Item, error) {
	var out []Item
	for page := 0; ; page++ {
		u := base + k.list
		if k.paginated {
			u += fmt.Sprintf("?per_page=100&page=%d", page)
		}
		body, status, err := call(ctx, c, http.MethodGet, u, k.role(), k.list)
		if err != nil {
			return nil, err
		}
		if status != http.StatusOK {
			return nil, fmt.Errorf("GET %s answered %d", u, status)
		}
		var items []map[string]any
		if k.envelope != "" {
			var env map[string]json.RawMessage
			if err := json.Unmarshal(body, &env); err != nil {
				return nil, fmt.Errorf("GET %s: not a JSON object: %w", u, err)
			}
			body = env[k.envelope]
		}
		if err := json.Unmarshal(body, &items); err != nil {
			return nil, fmt.Errorf("GET %s: not a JSON list: %w", u, err)
		}
		for _, it := range items {
			name, _ := it[k.nameKey].(string)
			id, _ := it[k.idKey].(string)
			if id != "" && strings.HasPrefix(name, prefix) {
				out = append(out, Item{Surface: k.surface, Kind: k.name, ID: id, Name: name})
			}
		}
		if !k.paginated || len(items) < 100 {
			return out, nil
		}
	}
}

func del(ctx context.Context, c *http.Client, u string, k kind) string {
	_, status, err := call(ctx, c, http.MethodDelete, u, k.role(), k.item)
	switch {
	case err != nil:
		return err.Error()
	case status/100 == 2 || status == http.StatusNotFound:
		return ""
	}
	return fmt.Sprintf("DELETE answered %d", status)
}

// call sends one request as role; the client adds the role's token and records the exchange.
func call(ctx context.Context, c *http.Client, method, u, role, template string) ([]byte, int, error) {
	ctx = pipeline.WithExchange(ctx, pipeline.Exchange{Purpose: pipeline.PurposeSweep, Role: role, PathTemplate: template})
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("build %s %s: %w", method, u, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("%s %s: %w", method, u, err)
	}
	defer resp.Body.Close()
	if res, ok := pipeline.ResultOf(resp); ok && res.Truncated {
		return nil, 0, fmt.Errorf("%s %s: the answer is larger than the pipeline reads", method, u)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, 0, fmt.Errorf("%s %s: read body: %w", method, u, err)
	}
	return body, resp.StatusCode, nil
}
