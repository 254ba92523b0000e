package scenario

import (
	"fmt"
	"strings"

	"github.com/clientconf/clientconf/conformance/contract"
)

// registerCleanup schedules deletion of what r created, using the x-cleanup of its operation.
// Cleanups run in reverse order of creation, after the scenario, even when it failed. It
// returns the created resource's path (the delete operation's), "" when it cannot tell.
func (s *S) registerCleanup(r *Response) string {
	del, item, missing := CreatedResource(s.spec, r)
	if missing != "" {
		s.fail(r, "x-cleanup", fmt.Sprintf("a value at %s to delete the created resource", missing), "nothing there")
		return ""
	}
	if del == nil {
		s.SuiteErrorf("x-cleanup of %s names unknown operation %q", r.Op.ID, r.Op.Cleanup.OperationID)
		return ""
	}
	role := r.Role
	if s.rt.Minted(role) {
		// A minted token's scopes were picked for a check, not for deleting: Main deletes.
		role = Main
	}
	s.T.Cleanup(s.rt.DeleteLater(s.sc.ID, del, s.base+item, role))
	return item
}

// CreatedResource reads the x-cleanup of r's operation (which must have one): the operation
// that deletes what r created and the created resource's path. missing names the expression
// that found no value in r; del is nil when the spec lacks the named operation.
func CreatedResource(spec *contract.Spec, r *Response) (del *contract.Op, item, missing string) {
	cl := r.Op.Cleanup
	params := map[string]string{}
	for name, expr := range cl.Parameters {
		v, ok := resolveExpression(expr, r)
		if !ok || v == "" {
			return nil, "", expr
		}
		params[name] = v
	}
	del = spec.Op(cl.OperationID)
	if del == nil {
		return nil, "", ""
	}
	return del, del.Expand(params), ""
}

// resolveExpression evaluates the two OpenAPI runtime expressions x-cleanup uses.
func resolveExpression(expr string, r *Response) (string, bool) {
	switch {
	case strings.HasPrefix(expr, "$response.body#"):
		v, ok := Lookup(r.JSON(), strings.TrimPrefix(expr, "$response.body#"))
		s, isString := v.(string)
		return s, ok && isString
	case strings.HasPrefix(expr, "$request.path."):
		v, ok := r.Params[strings.TrimPrefix(expr, "$request.path.")]
		return v, ok
	}
	return "", false
}

// Name returns a unique name for something the scenario creates, with the run's prefix so
// leftovers can be found and swept.
func (s *S) Name(tag string) string {
	name := s.rt.Name(tag)
	s.track().names[name] = true // identifies what a rejected create might have made
	return name
}
