package auth0

import (
	"fmt"
	"net/http"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// ErrorBody is the auth0 surface's error-body rule: statusCode equals the HTTP status and error is its reason phrase
// (documented).
func ErrorBody(s *scenario.S, r *scenario.Response, obj map[string]any) {
	if s.Facts().SkipBasis[scenario.Documented] {
		return
	}
	if code, ok := obj["statusCode"].(float64); ok && int(code) != r.Status {
		s.FailErrorBody(r, scenario.Documented, "statusCode equals the HTTP status [basis: documented]",
			fmt.Sprintf("statusCode %d", r.Status), fmt.Sprintf("statusCode %v", code))
	}
	if phrase, ok := obj["error"].(string); ok && phrase != http.StatusText(r.Status) {
		s.FailErrorBody(r, scenario.Documented, "error is the HTTP reason phrase [basis: documented]",
			fmt.Sprintf("error %q", http.StatusText(r.Status)), fmt.Sprintf("error %q", phrase))
	}
}
