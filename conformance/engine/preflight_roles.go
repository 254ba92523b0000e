package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// checkDistinctTokens: a role given the main token would pass or fail its scenarios for the
// wrong reason.
func (e *env) checkDistinctTokens() error {
	main := e.target.Tokens[scenario.Main]
	for _, role := range []scenario.Role{scenario.ReadOnly, scenario.NoPerm, scenario.Other} {
		if main != "" && e.target.Tokens[role] == main {
			return &SetupError{Check: "token", Setting: e.target.roleSetting(role),
				Problem: "is the same token as " + e.target.roleSetting(scenario.Main),
				Fix:     "set it to a token of the " + string(role) + " role's own app or client"}
		}
	}
	return nil
}

// checkCreate asks whether the main token may create, without creating: a POST whose body is
// not an object passes the permission check and then fails validation (400), or fails the
// permission check (403). post is nil when the collection takes no POST or got no answer.
func (e *env) checkCreate(ctx context.Context, surface, path string) (post *scenario.Response, err error) {
	if op, _, _ := e.suite.specs[surface].Route(http.MethodPost, path); op == nil {
		return nil, nil
	}
	r, err := e.probe(ctx, surface, scenario.Main, http.MethodPost, path, invalidBody)
	if err != nil {
		return nil, e.tokenFailure(scenario.Main, err)
	}
	if r.Status == http.StatusUnauthorized {
		return nil, e.rejected(scenario.Main, r)
	}
	e.deleteStray(surface, r)
	return r, nil
}

// checkRole judges a role's read of the collection (r; asMain is the main role's): read-only
// must read, no-permission must get 403, other-app must see an app of its own.
func (e *env) checkRole(ctx context.Context, surface, path string, r, asMain *scenario.Response) error {
	switch role := r.Role; role {
	case scenario.ReadOnly:
		if r.Status == http.StatusForbidden && !e.readsOne(ctx, surface, path, role, asMain) {
			return e.permissionError(role, r, "may not read",
				"use a token of an app with read permission on clients and no write permission")
		}
	case scenario.NoPerm:
		if r.Status/100 != 2 {
			return nil
		}
		// Reading alone may be the target's bug (a read without a permission check); reading
		// and passing the create permission check too means a token with permissions.
		post, err := e.probe(ctx, surface, role, http.MethodPost, path, invalidBody)
		if err == nil {
			e.deleteStray(surface, post)
		}
		// Only a validation answer (400, 422) says the permission check was passed: a target
		// that answers 2xx to a body no server can create from judges nothing.
		if err == nil && (post.Status == http.StatusBadRequest || post.Status == http.StatusUnprocessableEntity) {
			return e.permissionError(role, post, fmt.Sprintf("holds client permissions: it may read (GET → %d) and create", r.Status),
				"set it to a valid token of an app without client permissions (every client operation must answer it 403)")
		}
	case scenario.Other:
		return e.checkOtherApp(r, asMain)
	}
	return nil
}

// tokenFailure turns a token that could not be had into a setup error; any other error of a
// probe after the reachability check is the target's behaviour, for the scenarios to report.
func (e *env) tokenFailure(role scenario.Role, err error) error {
	var te *scenario.TokenError
	if !errors.As(err, &te) {
		return nil
	}
	return &SetupError{Check: "token", Setting: e.target.roleHint(role), Problem: "gave no token: " + e.redactor.String(te.Error()),
		Fix: "check the role's client id and secret and the token endpoint"}
}

// readsOne reports whether role may read one item of the collection (its id from the main
// role's list): a list refused to a read-only token may be the target's rule for lists only.
func (e *env) readsOne(ctx context.Context, surface, path string, role scenario.Role, asMain *scenario.Response) bool {
	items := listItems(asMain.Body)
	if len(items) == 0 {
		return false
	}
	for _, op := range e.suite.specs[surface].Ops() {
		rest, ok := strings.CutPrefix(op.Path, path+"/{")
		if op.Method != http.MethodGet || !ok || strings.Count(rest, "}") != 1 || !strings.HasSuffix(rest, "}") {
			continue
		}
		param := strings.TrimSuffix(rest, "}")
		for _, key := range []string{snake(param), param, "client_id", "app_id", "id"} {
			if id, ok := items[0][key].(string); ok && id != "" {
				r, err := e.probe(ctx, surface, role, http.MethodGet, path+"/"+id, nil)
				return err == nil && r.Status/100 == 2
			}
		}
	}
	return false
}

// checkOtherApp: the other-app token must list an app of its own, the configured one when
// the target names it.
func (e *env) checkOtherApp(r, asMain *scenario.Response) error {
	if r.Status/100 != 2 {
		return nil
	}
	seen, mains := appIDs(r.Body), appIDs(asMain.Body)
	if want := e.target.OtherAppID; want != "" && len(seen) > 0 && !slices.Contains(seen, want) {
		return &SetupError{Check: "other-app", Setting: e.target.roleSetting(scenario.Other),
			Problem: fmt.Sprintf("lists the app(s) %s, not %s %q (%s %s)", e.redactor.String(strings.Join(seen, ", ")), e.target.otherAppSetting(),
				want, r.Method, e.redactor.String(r.URL)),
			Fix: "set it to a token of that app, or set " + e.target.otherAppSetting() + " to the id of the token's app"}
	}
	if len(seen) == 1 && len(mains) == 1 && seen[0] == mains[0] {
		return &SetupError{Check: "other-app", Setting: e.target.roleSetting(scenario.Other),
			Problem: fmt.Sprintf("sees the main role's app %q, not an app of its own (%s %s)", e.redactor.String(seen[0]), r.Method, e.redactor.String(r.URL)),
			Fix:     "set it to a token of a second app: the isolation scenarios check that each app sees only its own clients"}
	}
	return nil
}

// listItems returns the objects of a list body: a bare array, or the first array in an
// object ({"result": […]}).
func listItems(body []byte) []map[string]any {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return nil
	}
	if obj, ok := v.(map[string]any); ok {
		for _, k := range []string{"result", "clients", "items", "data"} {
			if arr, ok := obj[k].([]any); ok {
				v = arr
				break
			}
		}
	}
	arr, _ := v.([]any)
	var out []map[string]any
	for _, it := range arr {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// appIDs lists the distinct app_id values of a list body's items.
func appIDs(body []byte) []string {
	var out []string
	for _, it := range listItems(body) {
		if id, ok := it["app_id"].(string); ok && id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// snake turns clientId into client_id.
func snake(s string) string {
	var b strings.Builder
	for i, c := range s {
		if unicode.IsUpper(c) {
			if i > 0 {
				b.WriteByte('_')
			}
			c = unicode.ToLower(c)
		}
		b.WriteRune(c)
	}
	return b.String()
}
