package clients

import (
	"fmt"

	"github.com/clientconf/clientconf/conformance/scenario"
)

// TransmitErrorBody is the Transmit surfaces' error-body rule: error_code equals the HTTP status (assumed by the contract).
func TransmitErrorBody(s *scenario.S, r *scenario.Response, obj map[string]any) {
	if s.Facts().SkipBasis[scenario.Assumed] {
		return
	}
	if code, ok := obj["error_code"].(float64); ok && int(code) != r.Status {
		s.FailErrorBody(r, scenario.Assumed, "error_code equals the HTTP status [basis: assumed]",
			fmt.Sprintf("error_code %d", r.Status), fmt.Sprintf("error_code %v", code))
	}
}
