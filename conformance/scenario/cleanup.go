package scenario

import (
	"fmt"
	"strings"
)

// registerCleanup schedules deletion of what r created, using the x-cleanup of its operation.
// Cleanups run in reverse order of creation, after the scenario, even when it failed. It
// returns the created resource's path (the delete operation's), "" when it cannot tell.
func (s *S) registerCleanup(r *Response) string {
	cl := r.Op.Cleanup
	del := s.spec.Op(cl.OperationID)
	params := map[string]string{}
	for name, expr := range cl.Parameters {
		v, ok := resolveExpression(expr, r)
		if !ok || v == "" {
			s.fail(r, "x-cleanup", fmt.Sprintf("a value at %s to delete the created resource", expr), "nothing there")
			return ""
		}
		params[name] = v
	}
	if del == nil {
		s.SuiteErrorf("x-cleanup of %s names unknown operation %q", r.Op.ID, cl.OperationID)
		return ""
	}
	role := r.Role
	if s.rt.Minted(role) {
		// A minted token's scopes were picked for a check, not for deleting: Main deletes.
		role = Main
	}
	item := del.Expand(params)
	s.T.Cleanup(s.rt.DeleteLater(s.sc.ID, del, s.base+item, role))
	return item
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
