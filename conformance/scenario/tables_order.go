package scenario

import (
	"fmt"
	"net/http"

	"github.com/clientconf/clientconf/conformance/contract"
)

// OrderTable derives the precedence checks of CONTRACT.md ("401 is decided before 403, 403
// before 400/404 validation of the body or ids") for every write operation of a spec and every
// role that must be refused: without a token and with an unknown one → 401, with a token
// lacking the operation's permission (none, read-only) → 403, whatever else is wrong with the
// request. Each scenario sends, as one role, the write on an id that does not exist, a malformed
// body on an existing id, and a malformed body on an id that does not exist (those that apply
// to the operation); the well-formed request on an existing id is PermTable's.
type OrderTable struct {
	Surface string
	// Params gives, per path parameter name, an existing id the Main role may act on.
	Params map[string]Provider
	// Unknown gives, per path parameter name, an id that does not exist (default UnknownID).
	Unknown map[string]string
	// Skip lists operationIds the table leaves out.
	Skip map[string]bool
}

// UnknownID is an id no target has: run-independent, so a leftover can never match it.
const UnknownID = "ccs-no-such-id-0000"

// malformedJSON is a request body that is not JSON at all (cut off after the first member name).
var malformedJSON = []byte(`{"name":`)

// orderRole is one refused role of the table, its ID segment and the status the contract gives.
type orderRole struct {
	kind  string
	role  Role
	needs []Role
	want  int
}

var orderRoles = []orderRole{
	{"no-token", NoToken, nil, http.StatusUnauthorized},
	{"bad-token", BadToken, nil, http.StatusUnauthorized},
	{"no-permission", NoPerm, []Role{NoPerm}, http.StatusForbidden},
	{"read-only", ReadOnly, []Role{ReadOnly}, http.StatusForbidden},
}

// Scenarios derives one scenario per write operation of the spec and refused role.
func (ot OrderTable) Scenarios(sp *contract.Spec) []Scenario {
	var out []Scenario
	for _, op := range sp.Ops() {
		if op.ReadOnly() || ot.Skip[op.ID] {
			continue
		}
		hasBody := takesBody(op)
		hasIDs := len(op.PathParams()) > 0
		if !hasBody && !hasIDs {
			continue // nothing can be wrong besides the token: PermTable's case
		}
		for _, or := range orderRoles {
			out = append(out, ot.scenario(op, or, hasBody, hasIDs))
		}
	}
	return out
}

func (ot OrderTable) scenario(op *contract.Op, or orderRole, hasBody, hasIDs bool) Scenario {
	what := "an unknown id"
	switch {
	case hasBody && hasIDs:
		what = "an unknown id, a malformed body, or both"
	case hasBody:
		what = "a malformed body"
	}
	decided := "401 comes before 403, 400 and 404"
	if or.want == http.StatusForbidden {
		decided = "403 comes before 400 and 404"
	}
	return Scenario{
		Derived:     true,
		ID:          fmt.Sprintf("%s/permissions/order/%s/%s", ot.Surface, or.kind, op.ID),
		Basis:       Assumed,
		Requirement: fmt.Sprintf("%s %s %s with %s gives %d: %s.", op.ID, op.Path, describeRole(or.kind), what, or.want, decided),
		Roles:       or.needs,
		// Only a malformed body goes to an existing id; an unknown id is never destructive.
		Destructive: op.Destructive && hasBody,
		Run: func(s *S) {
			var valid []Opt
			if body := requestBody(s, op); body != nil {
				valid = append(valid, JSON(body))
			}
			malformed := Raw("application/json", malformedJSON)
			if hasIDs {
				unknown, ok := ot.unknownPath(s, op)
				if !ok {
					return
				}
				s.Do(or.role, op.Method, unknown, valid...).Check(or.want)
				if hasBody {
					s.Do(or.role, op.Method, unknown, malformed).Check(or.want)
				}
			}
			if !hasBody {
				return
			}
			path, ok := PermTable{Surface: ot.Surface, Params: ot.Params}.path(s, op)
			if !ok {
				return
			}
			s.Do(or.role, op.Method, path, malformed).Check(or.want)
		},
	}
}

func describeRole(kind string) string {
	switch kind {
	case "no-token":
		return "without a token"
	case "bad-token":
		return "with an unknown token"
	case "no-permission":
		return "with a token that has none of its permissions"
	}
	return "with a read-only token"
}

// unknownPath fills the last path parameter with an id that does not exist and the ones before
// it with existing ids, so that the lookup refused is the operation's own.
func (ot OrderTable) unknownPath(s *S, op *contract.Op) (string, bool) {
	params := map[string]string{}
	names := op.PathParams()
	for i, name := range names {
		if i == len(names)-1 {
			params[name] = UnknownID
			if v, ok := ot.Unknown[name]; ok {
				params[name] = v
			}
			break
		}
		provide := ot.Params[name]
		if provide == nil {
			s.SuiteErrorf("no provider for path parameter %q of %s", name, op.ID)
			return "", false
		}
		params[name] = provide(s, params)
	}
	return op.Expand(params), true
}

// takesBody reports whether an operation takes a JSON request body.
func takesBody(op *contract.Op) bool {
	rb := op.Operation.RequestBody
	if rb == nil || rb.Value == nil {
		return false
	}
	mt := rb.Value.Content.Get("application/json")
	return mt != nil && mt.Schema != nil && mt.Schema.Value != nil
}
