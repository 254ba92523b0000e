package scenario

import (
	"fmt"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/clientconf/clientconf/conformance/contract"
)

// permTable derives, for every operation of a spec, the authentication and permission
// scenarios: no token and a bad token → 401, a token without permission → 403, a read-only
// token → reads succeed and writes 403.
type PermTable struct {
	Surface string
	// Params gives, per path parameter name, an existing id the Main role may act on
	// (usually something the scenario creates first).
	Params map[string]Provider
	// skip lists operationIds the table leaves to hand-written scenarios.
	Skip map[string]bool
	// readOnlyDenied lists read operations whose permission the read-only role does not hold
	// (a more privileged read tier): with a read-only token they give 403, not success.
	ReadOnlyDenied map[string]bool
}

// Provider fills one path parameter; filled holds the parameters filled before it, in path
// order (a credential needs the client of the same path).
type Provider func(s *S, filled map[string]string) string

// Scenarios derives the table's scenarios from every operation of the spec.
func (pt PermTable) Scenarios(sp *contract.Spec) []Scenario {
	var out []Scenario
	for _, op := range sp.Ops() {
		if pt.Skip[op.ID] {
			continue
		}
		out = append(out,
			pt.scenario(op, "no-token", NoToken, nil, http.StatusUnauthorized,
				"without a token gives 401 with a Bearer challenge."),
			pt.scenario(op, "bad-token", BadToken, nil, http.StatusUnauthorized,
				"with an unknown token gives 401."),
			pt.scenario(op, "no-permission", NoPerm, []Role{NoPerm}, http.StatusForbidden,
				"with a valid token that has none of its permissions gives 403."))
		if op.ReadOnly() && !pt.ReadOnlyDenied[op.ID] {
			out = append(out, pt.scenario(op, "read-only", ReadOnly, []Role{ReadOnly}, successStatus(op),
				"with a read-only token succeeds."))
		} else {
			out = append(out, pt.scenario(op, "read-only", ReadOnly, []Role{ReadOnly}, http.StatusForbidden,
				"with a read-only token gives 403."))
		}
	}
	return out
}

func (pt PermTable) scenario(op *contract.Op, kind string, role Role, needs []Role, want int, what string) Scenario {
	return Scenario{
		Derived:     true,
		ID:          fmt.Sprintf("%s/permissions/%s/%s", pt.Surface, kind, op.ID),
		Basis:       Assumed,
		Requirement: fmt.Sprintf("%s %s %s", op.ID, op.Path, what),
		Roles:       needs,
		Destructive: op.Destructive,
		Run: func(s *S) {
			path, ok := pt.path(s, op)
			if !ok {
				return
			}
			var opts []Opt
			if body := requestBody(s, op); body != nil {
				opts = append(opts, JSON(body))
			}
			s.Do(role, op.Method, path, opts...).Check(want)
		},
	}
}

// path fills the operation's path parameters with ids the Main role may act on.
func (pt PermTable) path(s *S, op *contract.Op) (string, bool) {
	params := map[string]string{}
	for _, name := range op.PathParams() {
		provide := pt.Params[name]
		if provide == nil {
			s.SuiteErrorf("no provider for path parameter %q of %s", name, op.ID)
			return "", false
		}
		params[name] = provide(s, params)
	}
	return op.Expand(params), true
}

// requestBody synthesizes a valid body for an operation that takes one.
func requestBody(s *S, op *contract.Op) any {
	rb := op.Operation.RequestBody
	if rb == nil || rb.Value == nil {
		return nil
	}
	mt := rb.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return nil
	}
	body := synth(s, mt.Schema.Value, "")
	if m, ok := body.(map[string]any); ok && len(m) == 0 {
		// An update with nothing in it changes nothing: a target that performs a refused write
		// could not be caught by the read-back (postcheck.go). Set a name field to a run name.
		for _, name := range []string{"description", "name", "app_description"} {
			if p := propertyOf(mt.Schema.Value, name); p != nil && p.Type.Is("string") && len(p.Enum) == 0 {
				m[name] = s.Name(name)
				break
			}
		}
	}
	return body
}

// propertyOf finds a top-level property of a schema, in the first branch of a union too.
func propertyOf(sch *openapi3.Schema, name string) *openapi3.Schema {
	if p := sch.Properties[name]; p != nil && p.Value != nil {
		return p.Value
	}
	for _, branches := range []openapi3.SchemaRefs{sch.OneOf, sch.AnyOf, sch.AllOf} {
		if len(branches) > 0 && branches[0].Value != nil {
			if p := propertyOf(branches[0].Value, name); p != nil {
				return p
			}
		}
	}
	return nil
}
