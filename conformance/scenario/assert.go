package scenario

// RequireField fails unless the response's field holds want: equal values, arrays of scalars
// as sets, objects with at least the wanted members (a server may add members it fills in).
func RequireField(s *S, r *Response, pointer string, want any) {
	s.T.Helper()
	got, ok := r.Field(pointer)
	if !ok || !ContainsJSON(got, want) {
		s.Errorf(r, "field "+pointer, pointer+" = "+DescribeJSON(want), DescribeField(got, ok))
	}
}

// RequireEcho is RequireField for a value the scenario sent: a field the response schema does
// not require may be left out of the response (Transmit documents some fields only on input
// in some versions), but when it is there it must hold what was sent.
func RequireEcho(s *S, r *Response, pointer string, want any) {
	s.T.Helper()
	if _, ok := r.Field(pointer); !ok && !r.DocumentedAsRequired(pointer) {
		s.Observe("optional-field-absent", "%s not in the response (allowed: the response schema does not require it)", pointer)
		return
	}
	RequireField(s, r, pointer, want)
}
