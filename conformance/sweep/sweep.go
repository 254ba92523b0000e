// Package sweep finds and deletes what earlier conformance runs left in a target, by the name
// prefix every run gives to what it creates ("ccs-"). It never touches anything else.
package sweep

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
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

// Target is what the sweep needs: base URLs per surface and bearer tokens.
type Target struct {
	BaseURLs   map[string]string // surface → base URL
	Token      string            // app token (clients, signing keys, auth0)
	AdminToken string            // management token (applications); may be empty
	Client     *http.Client
}

// kind describes where one kind of leftover is listed and how it is deleted.
type kind struct {
	surface, name    string
	list             string // path of the list
	envelope         string // member holding the list, "" for a bare array
	idKey, nameKey   string
	itemPath         func(id string) string
	admin, paginated bool
}

func kinds() []kind {
	return []kind{
		{surface: "clients", name: "client", list: "/v1/clients", idKey: "client_id", nameKey: "name",
			itemPath: func(id string) string { return "/v1/clients/" + url.PathEscape(id) }},
		{surface: "applications", name: "application", list: "/v1/applications", envelope: "result", idKey: "app_id", nameKey: "app_name", admin: true,
			itemPath: func(id string) string { return "/v1/applications/" + url.PathEscape(id) }},
		{surface: "applications", name: "signing key", list: "/v1/applications/signing-keys", idKey: "id", nameKey: "name",
			itemPath: func(id string) string { return "/v1/applications/signing-keys/" + url.PathEscape(id) }},
		{surface: "auth0", name: "client", list: "/clients", idKey: "client_id", nameKey: "name", paginated: true,
			itemPath: func(id string) string { return "/clients/" + url.PathEscape(id) }},
	}
}

// Run lists every leftover whose name starts with prefix and, unless dryRun, deletes it.
func Run(ctx context.Context, t Target, prefix string, dryRun bool) ([]Item, error) {
	if !strings.HasPrefix(prefix, DefaultPrefix) {
		return nil, fmt.Errorf("prefix %q does not start with %q: the sweep only deletes what conformance runs created", prefix, DefaultPrefix)
	}
	if t.Client == nil {
		t.Client = http.DefaultClient
	}
	var out []Item
	for _, k := range kinds() {
		base, ok := t.BaseURLs[k.surface]
		tok := t.Token
		if k.admin {
			tok = t.AdminToken
		}
		if !ok || tok == "" {
			continue
		}
		found, err := list(ctx, t.Client, base, tok, k, prefix)
		if err != nil {
			return out, err
		}
		for _, it := range found {
			if !dryRun {
				it.Err = del(ctx, t.Client, base+k.itemPath(it.ID), tok)
				it.Deleted = it.Err == ""
			}
			out = append(out, it)
		}
	}
	return out, nil
}

func list(ctx context.Context, c *http.Client, base, tok string, k kind, prefix string) ([]Item, error) {
	var out []Item
	for page := 0; ; page++ {
		u := base + k.list
		if k.paginated {
			u += fmt.Sprintf("?per_page=100&page=%d", page)
		}
		body, status, err := call(ctx, c, http.MethodGet, u, tok)
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

func del(ctx context.Context, c *http.Client, u, tok string) string {
	_, status, err := call(ctx, c, http.MethodDelete, u, tok)
	switch {
	case err != nil:
		return err.Error()
	case status/100 == 2 || status == http.StatusNotFound:
		return ""
	}
	return fmt.Sprintf("DELETE answered %d", status)
}

func call(ctx context.Context, c *http.Client, method, u, tok string) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("build %s %s: %w", method, u, err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := c.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("%s %s: %w", method, u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return nil, 0, fmt.Errorf("%s %s: read body: %w", method, u, err)
	}
	return body, resp.StatusCode, nil
}
